#!/usr/bin/env bash
# Local OpenAI-compatible LM server (llama.cpp's llama-server) for jspy's tests.
#
#   scripts/local-lm.sh start [MODEL.gguf] [PORT]   start (or reuse) a server; last stdout line = base URL
#   scripts/local-lm.sh stop [PORT]                 stop the server started on PORT
#   scripts/local-lm.sh status [PORT]               print the base URL if it is up, exit 1 if not
#   scripts/local-lm.sh setup                       only make sure llama-server is available
#
# Only the base URL (http://127.0.0.1:PORT/v1) goes to stdout; all messages go to stderr.
# See scripts/README.md for the environment variables and how llama-server is obtained.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd -P)

STATE_DIR=${JSPY_LLAMA_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/jspy/llama}
ROOTFS="$STATE_DIR/rootfs"            # Debian sid chroot holding llama.cpp-tools
ROOTFS_MARKER="$STATE_DIR/rootfs.ok"  # written only when the chroot is complete
DEFAULT_MODEL=$(realpath -m "$REPO_ROOT/../shared/models/stories260K.gguf")
DEFAULT_PORT=${JSPY_LM_PORT:-8089}
READY_TIMEOUT=${JSPY_LM_TIMEOUT:-30}

log() { printf 'local-lm: %s\n' "$*" >&2; }
die() { printf 'local-lm: ERROR: %s\n' "$*" >&2; exit 1; }

usage() {
  cat >&2 <<EOF
usage: $0 start [MODEL.gguf] [PORT]
       $0 stop [PORT]
       $0 status [PORT]
       $0 setup
defaults: MODEL=\$JSPY_MODEL or $DEFAULT_MODEL
          PORT=\$JSPY_LM_PORT or 8089; extra server args: \$JSPY_LLAMA_ARGS
          context \$JSPY_LLAMA_CTX (32768) shared by \$JSPY_LLAMA_SLOTS (4) parallel requests: 8192 tokens each
          a server of ours with other arguments on PORT is left running (error) unless JSPY_LM_RESTART=1
          state (pid, log, chroot): $STATE_DIR (\$JSPY_LLAMA_HOME)
EOF
}

# ---------------------------------------------------------------- helpers

is_port() { [[ $1 =~ ^[0-9]+$ ]] && (( $1 > 0 && $1 < 65536 )); }

# HTTP status code of GET http://127.0.0.1:PORT/PATH ("000" when nothing answers).
http_code() {
  local port=$1 path=$2 code
  if command -v curl >/dev/null 2>&1; then
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port$path" 2>/dev/null) || true
    echo "${code:-000}"
  else
    # Fallback without curl: bash's /dev/tcp.
    local line
    line=$(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port && printf 'GET $path HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && head -n1 <&3" 2>/dev/null) || true
    if [[ $line =~ ^HTTP/[0-9.]+\ ([0-9]{3}) ]]; then echo "${BASH_REMATCH[1]}"; else echo 000; fi
  fi
}

pid_alive() { [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null; }

# True if PID is a llama-server process (guards against reused pids).
is_llama_pid() {
  pid_alive "${1:-}" || return 1
  local comm
  comm=$(cat "/proc/$1/comm" 2>/dev/null) || return 1
  [[ $comm == llama-server* ]] && return 0
  tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q 'llama-server'
}

# Close every fd above 2 (call in the subshell that execs the server), so the detached server
# holds no pipe or lock of its caller.
close_fds() {
  local f n
  for f in /proc/$BASHPID/fd/*; do
    n=${f##*/}
    if [[ $n =~ ^[0-9]+$ ]] && (( n > 2 )); then eval "exec $n>&-" 2>/dev/null || true; fi
  done
  return 0
}

pid_file()  { echo "$STATE_DIR/server-$1.pid"; }
log_file()  { echo "$STATE_DIR/server-$1.log"; }
spec_file() { echo "$STATE_DIR/server-$1.spec"; }

lock() {
  mkdir -p "$STATE_DIR"
  exec 9>"$STATE_DIR/lock"
  if command -v flock >/dev/null 2>&1; then
    flock -w 900 9 || die "could not lock $STATE_DIR/lock"
  fi
}

# ---------------------------------------------------------------- setup

# The Debian mirror the machine's apt sources already use.
find_mirror() {
  if [[ -n ${JSPY_DEBIAN_MIRROR:-} ]]; then echo "$JSPY_DEBIAN_MIRROR"; return; fi
  local f u
  local -a uris=()
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [[ -r $f ]] || continue
    case $f in
      *.sources) mapfile -t -O "${#uris[@]}" uris < <(sed -n 's/^[[:space:]]*URIs:[[:space:]]*//p' "$f" | tr ' \t' '\n\n') ;;
      *) mapfile -t -O "${#uris[@]}" uris < <(sed -n 's/^[[:space:]]*deb[[:space:]]\+//p' "$f" | sed 's/\[[^]]*\][[:space:]]*//' | awk '{print $1}') ;;
    esac
  done
  for u in "${uris[@]}"; do
    u=${u%/}
    [[ $u == *security* ]] && continue
    [[ $u =~ ^(https?|file):.*/debian$ ]] && { echo "$u"; return; }
  done
  echo "http://deb.debian.org/debian"
}

# Unmount anything left mounted under DIR (an interrupted debootstrap mounts proc/sys there).
umount_under() {
  local dir=$1 m
  [[ -r /proc/mounts ]] || return 0
  awk -v d="$dir/" 'index($2, d) == 1 {print $2}' /proc/mounts | sort -r | while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done
}

ensure_dev_nodes() {
  local d=$ROOTFS/dev
  mkdir -p "$d"
  [[ -c $d/null ]]    || { rm -f "$d/null";    mknod -m 666 "$d/null" c 1 3; }
  [[ -c $d/zero ]]    || { rm -f "$d/zero";    mknod -m 666 "$d/zero" c 1 5; }
  [[ -c $d/random ]]  || { rm -f "$d/random";  mknod -m 666 "$d/random" c 1 8; }
  [[ -c $d/urandom ]] || { rm -f "$d/urandom"; mknod -m 666 "$d/urandom" c 1 9; }
}

in_rootfs() {
  env -u LD_LIBRARY_PATH -u LD_PRELOAD DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin chroot "$ROOTFS" "$@"
}

setup_rootfs() {
  [[ -f $ROOTFS_MARKER && -x $ROOTFS/usr/bin/llama-server ]] && return 0
  [[ $(id -u) == 0 ]] || die "llama-server is not on PATH and building its Debian sid chroot needs root (or set JSPY_LLAMA_SERVER=/path/to/llama-server)"
  local t0=$SECONDS setup_log="$STATE_DIR/setup.log"
  if [[ -e $ROOTFS ]]; then
    log "removing incomplete chroot $ROOTFS"
    umount_under "$ROOTFS"
    rm -rf --one-file-system "$ROOTFS" || die "could not remove $ROOTFS"
  fi
  rm -f "$ROOTFS_MARKER"
  : > "$setup_log"
  if ! command -v debootstrap >/dev/null 2>&1; then
    log "installing debootstrap (apt-get)"
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends debootstrap; } >>"$setup_log" 2>&1 \
      || { tail -n 20 "$setup_log" >&2; die "could not install debootstrap (log: $setup_log)"; }
  fi
  local mirror
  mirror=$(find_mirror)
  log "setting up llama.cpp-tools in a Debian sid chroot ($ROOTFS, mirror $mirror); takes ~30 s once"
  debootstrap --variant=minbase sid "$ROOTFS" "$mirror" >>"$setup_log" 2>&1 \
    || { umount_under "$ROOTFS"; tail -n 20 "$setup_log" >&2; die "debootstrap failed (log: $setup_log)"; }
  umount_under "$ROOTFS"
  ensure_dev_nodes
  # The unstable index may be past its Valid-Until date.
  echo 'Acquire::Check-Valid-Until "false";' > "$ROOTFS/etc/apt/apt.conf.d/99jspy-no-valid-until"
  { in_rootfs apt-get update \
      && in_rootfs apt-get install -y --no-install-recommends llama.cpp-tools \
      && in_rootfs apt-get clean; } >>"$setup_log" 2>&1 \
    || { tail -n 20 "$setup_log" >&2; die "installing llama.cpp-tools in the chroot failed (log: $setup_log)"; }
  [[ -x $ROOTFS/usr/bin/llama-server ]] || die "llama-server missing after install (log: $setup_log)"
  local version
  version=$(in_rootfs llama-server --version 2>&1 | grep -m1 -i '^version' || true)
  [[ -n $version ]] || { in_rootfs llama-server --version >&2 || true; die "llama-server in the chroot does not run"; }
  mkdir -p "$ROOTFS/models"
  echo "$version" > "$ROOTFS_MARKER"
  log "llama-server ready ($version) in $((SECONDS - t0)) s"
}

# Sets SERVER_MODE (path|chroot) and SERVER_BIN.
resolve_server() {
  if [[ -n ${JSPY_LLAMA_SERVER:-} ]]; then
    [[ -x $JSPY_LLAMA_SERVER ]] || die "JSPY_LLAMA_SERVER=$JSPY_LLAMA_SERVER is not executable"
    SERVER_MODE=path; SERVER_BIN=$JSPY_LLAMA_SERVER
  elif SERVER_BIN=$(command -v llama-server 2>/dev/null); then
    SERVER_MODE=path
  else
    setup_rootfs
    SERVER_MODE=chroot; SERVER_BIN=/usr/bin/llama-server
  fi
}

run_server_cmd() {  # run llama-server (with args) the way SERVER_MODE says
  if [[ $SERVER_MODE == chroot ]]; then in_rootfs "$SERVER_BIN" "$@"; else "$SERVER_BIN" "$@"; fi
}

# Makes the model visible to the server; prints the path the server should open.
stage_model() {
  local model=$1
  if [[ $SERVER_MODE != chroot ]]; then echo "$model"; return; fi
  local name dst
  name=$(basename "$model")
  dst="$ROOTFS/models/$name"
  mkdir -p "$ROOTFS/models"
  if [[ $model -ef $dst ]] || { [[ -f $dst ]] && [[ $(stat -c '%s %Y' "$model") == $(stat -c '%s %Y' "$dst") ]]; }; then
    echo "/models/$name"; return
  fi
  # Small models are copied; big ones hard-linked when possible. The new file replaces the old one
  # atomically, so a server still running on the old file keeps its (unlinked) copy.
  local tmp="$dst.tmp.$$" size
  size=$(stat -c %s "$model")
  if (( size < 512 * 1024 * 1024 )) || ! ln "$model" "$tmp" 2>/dev/null; then
    cp -p "$model" "$tmp" || { rm -f "$tmp"; die "could not copy $model into $ROOTFS/models"; }
  fi
  mv -f "$tmp" "$dst"
  echo "/models/$name"
}

# The context a GGUF model was trained for (<arch>.context_length, a uint32 in the header), or nothing.
model_train_ctx() {
  local model=$1 arch key off
  arch=$(head -c 1048576 "$model" | tr -c '[:print:]' '\n' | grep -v '^$' | grep -A1 -m1 '^general.architecture$' | tail -n 1)
  [[ -n $arch ]] || return 0
  key="$arch.context_length"
  off=$(head -c 1048576 "$model" | grep -abo -m1 -F "$key" | head -n 1 | cut -d: -f1)
  [[ -n $off ]] || return 0
  # value type 4 = uint32, then the value
  read -r type value < <(od -An -tu4 -j $((off + ${#key})) -N8 "$model")
  [[ $type == 4 ]] && echo "$arch $value"
}

# ---------------------------------------------------------------- commands

stop_port() {  # stop our server on PORT (if any); quiet when there is none
  local port=$1 pf pid
  pf=$(pid_file "$port")
  [[ -f $pf ]] || return 0
  pid=$(cat "$pf" 2>/dev/null || true)
  if is_llama_pid "$pid"; then
    log "stopping llama-server pid $pid on port $port"
    kill -TERM "$pid" 2>/dev/null || true
    local i
    for ((i = 0; i < 100; i++)); do pid_alive "$pid" || break; sleep 0.1; done
    if pid_alive "$pid"; then
      log "pid $pid did not exit after 10 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      for ((i = 0; i < 50; i++)); do pid_alive "$pid" || break; sleep 0.1; done
    fi
    pid_alive "$pid" && die "could not stop pid $pid"
  fi
  rm -f "$pf" "$(spec_file "$port")"
}

cmd_stop() {
  local port=${1:-$DEFAULT_PORT}
  is_port "$port" || die "bad port: $port"
  lock
  if [[ ! -f $(pid_file "$port") ]]; then
    log "no server of ours recorded on port $port"
  else
    stop_port "$port"
    log "stopped (port $port)"
  fi
  if [[ $(http_code "$port" /health) != 000 ]]; then
    log "warning: something not started by this script still answers on port $port"
  fi
}

cmd_status() {
  local port=${1:-$DEFAULT_PORT} pid
  is_port "$port" || die "bad port: $port"
  pid=$(cat "$(pid_file "$port")" 2>/dev/null || true)
  if is_llama_pid "$pid" && [[ $(http_code "$port" /health) == 200 ]]; then
    log "running: pid $pid, $(head -n1 "$(spec_file "$port")" 2>/dev/null || true)"
    echo "http://127.0.0.1:$port/v1"
  else
    log "not running on port $port"
    return 1
  fi
}

cmd_start() {
  local model="" port=""
  # start [MODEL] [PORT]; a lone numeric argument that is not a file is taken as the port
  if (( $# >= 1 )) && [[ -n $1 ]]; then
    if (( $# == 1 )) && is_port "$1" && [[ ! -f $1 ]]; then port=$1; else model=$1; fi
  fi
  (( $# >= 2 )) && port=$2
  model=${model:-${JSPY_MODEL:-$DEFAULT_MODEL}}
  port=${port:-$DEFAULT_PORT}
  is_port "$port" || die "bad port: $port"
  [[ -f $model ]] || die "model not found: $model (set JSPY_MODEL or pass MODEL.gguf)"
  model=$(realpath "$model")
  local url="http://127.0.0.1:$port/v1"

  lock
  resolve_server

  local -a extra=()
  [[ -n ${JSPY_LLAMA_ARGS:-} ]] && read -r -a extra <<<"$JSPY_LLAMA_ARGS"
  # 4 slots share the context: 32768 gives each request 8192 tokens, room for jspy's own prompts (a ReAct
  # step with a few tools is about 2,000 tokens in a small model's vocabulary, and grows with the trajectory).
  local -a args=(--host 127.0.0.1 --port "$port" -t 2 -c "${JSPY_LLAMA_CTX:-32768}" --parallel "${JSPY_LLAMA_SLOTS:-4}")
  # Continuous batching is the default in current llama.cpp; pass the flag where it exists.
  if run_server_cmd --help 2>&1 | grep -q -- '--cont-batching'; then args+=(--cont-batching); fi
  # llama-server caps each request at the model's training context. A model trained on fewer tokens than a
  # slot holds (the 260K-parameter test model: 2,048) cannot take a ReAct prompt with its trajectory, so
  # stretch its declared context to the slot size; answers past the training context may degrade.
  local slot_ctx=$(( ${JSPY_LLAMA_CTX:-32768} / ${JSPY_LLAMA_SLOTS:-4} )) train
  train=$(model_train_ctx "$model" || true)
  if [[ -n $train && ${JSPY_LLAMA_EXTEND_CTX:-1} == 1 ]] && (( ${train#* } < slot_ctx )); then
    log "the model was trained on ${train#* } tokens; extending its context to $slot_ctx per request for jspy's prompts (JSPY_LLAMA_EXTEND_CTX=0 keeps ${train#* })"
    args+=(--override-kv "${train% *}.context_length=int:$slot_ctx")
  fi
  # A stable model id (file name without .gguf) unless the caller chose one.
  local a has_alias=false
  for a in "${extra[@]}"; do [[ $a == -a || $a == --alias ]] && has_alias=true; done
  $has_alias || { local alias; alias=$(basename "$model"); args+=(--alias "${alias%.gguf}"); }

  # What identifies "the same server": binary, model file (path, size, mtime) and arguments.
  local spec
  spec="model=$model $(stat -c '%s:%Y' "$model") mode=$SERVER_MODE bin=$SERVER_BIN args=$(printf '%q ' "${args[@]}" "${extra[@]}")"

  local pf lf sf pid
  pf=$(pid_file "$port"); lf=$(log_file "$port"); sf=$(spec_file "$port")
  pid=$(cat "$pf" 2>/dev/null || true)
  if is_llama_pid "$pid"; then
    if [[ $(cat "$sf" 2>/dev/null) == "$spec" ]] && [[ $(http_code "$port" /health) == 200 ]]; then
      log "already running (pid $pid, model $model)"
      echo "$url"
      return 0
    fi
    if [[ ${JSPY_LM_RESTART:-} != 1 ]]; then
      log "a llama-server started by this script already runs on port $port (pid $pid) with another model or other arguments:"
      log "  running:   $(cat "$sf" 2>/dev/null || echo '(unknown)')"
      log "  requested: $spec"
      die "left it running (a program may be using it). Stop it first (scripts/local-lm.sh stop $port), choose another PORT, or set JSPY_LM_RESTART=1 to replace it"
    fi
    log "JSPY_LM_RESTART=1: replacing the server on port $port (pid $pid)"
    stop_port "$port"
  else
    rm -f "$pf" "$sf"
  fi
  if [[ $(http_code "$port" /health) != 000 ]]; then
    die "port $port is already in use by another process (not started by this script); choose another PORT"
  fi

  local server_model
  server_model=$(stage_model "$model")
  local -a cmd=(-m "$server_model" "${args[@]}" "${extra[@]}")
  log "starting llama-server ($SERVER_MODE) on port $port with $model"
  local t0
  t0=$(date +%s.%N)
  # Detached (own session), no inherited fds (in particular not our lock on fd 9).
  if [[ $SERVER_MODE == chroot ]]; then
    ( cd /; close_fds; exec setsid env -u LD_LIBRARY_PATH -u LD_PRELOAD LC_ALL=C.UTF-8 \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        chroot "$ROOTFS" "$SERVER_BIN" "${cmd[@]}" </dev/null >"$lf" 2>&1 ) &
  else
    ( cd /; close_fds; exec setsid "$SERVER_BIN" "${cmd[@]}" </dev/null >"$lf" 2>&1 ) &
  fi
  pid=$!
  echo "$pid" > "$pf"

  local deadline code
  deadline=$(( $(date +%s) + READY_TIMEOUT ))
  while :; do
    if ! pid_alive "$pid"; then
      rm -f "$pf"
      log "llama-server exited during startup; last lines of $lf:"
      tail -n 25 "$lf" >&2 || true
      grep -q 'no backends are loaded' "$lf" 2>/dev/null && log "(ggml found no CPU backend plugin)"
      die "llama-server failed to start"
    fi
    code=$(http_code "$port" /health)
    [[ $code == 200 ]] && break
    if (( $(date +%s) >= deadline )); then
      log "llama-server not ready after ${READY_TIMEOUT} s (last /health status $code); last lines of $lf:"
      tail -n 25 "$lf" >&2 || true
      stop_port "$port"
      die "llama-server did not become ready"
    fi
    sleep 0.1
  done
  # setsid/env/chroot exec in place, so $pid is llama-server itself; make sure.
  if ! is_llama_pid "$pid"; then
    local child
    child=$(pgrep -n -P "$pid" 2>/dev/null || true)
    is_llama_pid "$child" && { pid=$child; echo "$pid" > "$pf"; }
  fi
  echo "$spec" > "$sf"
  log "ready in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s (pid $pid, log $lf)"
  echo "$url"
}

main() {
  local cmd=${1:-}
  (( $# )) && shift
  case $cmd in
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    status) cmd_status "$@" ;;
    setup) lock; resolve_server; log "llama-server: $SERVER_MODE $SERVER_BIN"; run_server_cmd --version 2>&1 | grep -m1 -i '^version' >&2 || true ;;
    -h|--help|help) usage ;;
    *) usage; exit 2 ;;
  esac
}

main "$@"
