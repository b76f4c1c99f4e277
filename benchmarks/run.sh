#!/usr/bin/env bash
# Runs every benchmark of BENCHMARKS.md on this machine and prints the tables, then one summary table.
#
#   benchmarks/run.sh            # full run, ~9 minutes on 2 cores
#   QUICK=1 benchmarks/run.sh    # one round/repeat each, ~3 minutes, noisier
#   SKIP_BUILD=1 ...             # reuse what is built and installed
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 benchmarks/run.sh   # another JDK for every JVM started
#   PARTS="percall throughput cold compile" (default: all four)
#   THROUGHPUT_ARGS="--concurrency 64,256 --repeats 5"   # extra Throughput args (they win over the above)
#
# Only loopback servers are used (no network, no hosted LM). Results: benchmarks/target/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
PARTS=${PARTS:-percall throughput cold compile}
if [ -n "${QUICK:-}" ]; then
  ROUNDS=1; REPEATS=1; COLD_RUNS=3; COMPILE_RUNS=1
else
  ROUNDS=3; REPEATS=3; COLD_RUNS=5; COMPILE_RUNS=3
fi

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "building (mvn -Pbench install -pl processor,benchmarks -am) ..." >&2
  mvn -q -B -Pbench install -DskipTests -pl processor,benchmarks -am >&2
fi
cd benchmarks
OUT=target/results
mkdir -p "$OUT" target/cp
# Each contender's own runtime classpath (cold start, dependency-tree size) and the processor path (javac).
for c in jspy floor lc4j spring processor; do
  if [ -z "${SKIP_BUILD:-}" ] || [ ! -s "target/cp/$c.txt" ]; then
    mvn -q -B -Dcontender=$c dependency:build-classpath -Dmdep.outputFile=target/cp/$c.txt \
      -Dmdep.includeScope=runtime >&2
  fi
done
CP="target/classes:$(cat target/classpath.txt)"

SERVERS=()
cleanup() { for p in "${SERVERS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
start_server() { # latency_ms -> sets URL; the server runs in its own JVM
  local log; log=$(mktemp)
  "$JAVA" -Xms512m -Xmx512m -cp "$CP" dev.jspy.benchmarks.LoopbackServer "$1" >"$log" 2>&1 &
  SERVERS+=($!)
  for _ in $(seq 100); do grep -q '^url=' "$log" && break; sleep 0.1; done
  URL=$(sed -n 's/^url=//p' "$log")
  [ -n "$URL" ] || { cat "$log" >&2; exit 1; }
}

echo "# jspy benchmarks — $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem/{print $2}') GB RAM;" \
  "$("$JAVA" -version 2>&1 | head -1)"
echo

case " $PARTS " in *" percall "*)
  echo "## 1. Per-call overhead (JMH, -prof gc)"; echo
  "$JAVA" -cp "$CP" dev.jspy.benchmarks.PerCallMain --rounds $ROUNDS --out $OUT/percall.tsv | tee $OUT/percall.txt | grep -v '^  round'
  echo ;;
esac
case " $PARTS " in *" throughput "*)
  echo "## 2. Throughput under latency"; echo
  start_server 100
  "$JAVA" -Xms1g -Xmx1g -cp "$CP" dev.jspy.benchmarks.Throughput --url "$URL" --repeats $REPEATS \
    --out $OUT/throughput.tsv ${THROUGHPUT_ARGS:-} | tee $OUT/throughput.txt
  echo ;;
esac
case " $PARTS " in *" cold "*)
  echo "## 3. Cold start and dependency tree"; echo
  start_server 0
  "$JAVA" -cp "$CP" dev.jspy.benchmarks.cold.ColdStart --url "$URL" --runs $COLD_RUNS --out $OUT/cold.tsv \
    | tee $OUT/cold.txt
  echo ;;
esac
case " $PARTS " in *" compile "*)
  echo "## 4. Compile cost"; echo
  "$JAVA" -cp "$CP" dev.jspy.benchmarks.cold.CompileCost --runs $COMPILE_RUNS --out $OUT/compile.tsv \
    | tee $OUT/compile.txt
  echo ;;
esac
"$JAVA" -cp "$CP" dev.jspy.benchmarks.Report $OUT | tee $OUT/summary.txt
