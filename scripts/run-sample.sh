#!/usr/bin/env bash
# Builds jspy and runs the sample end to end.
#
# With OPENAI_API_KEY or OPENAI_BASE_URL set, the sample talks to that OpenAI-compatible server
# (model: JSPY_LM, default openai/gpt-4o-mini). With neither set, it starts a local llama.cpp server
# with the GGUF model in JSPY_MODEL (default ../shared/models/stories260K.gguf beside this checkout)
# and runs against that. With no key and no model it says what to set and exits 2.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ -z "${OPENAI_API_KEY:-}" && -z "${OPENAI_BASE_URL:-}" ]]; then
  model=${JSPY_MODEL:-../shared/models/stories260K.gguf}
  if [[ ! -f "$model" ]]; then
    cat >&2 <<MSG
run-sample: no LM to talk to. Either
  - set OPENAI_API_KEY (and JSPY_LM=openai/<model>, default openai/gpt-4o-mini) for OpenAI, or
  - set OPENAI_BASE_URL=http://host:port/v1 (and JSPY_LM) for any OpenAI-compatible server, or
  - set JSPY_MODEL=/path/to/model.gguf to run a local llama.cpp server (a small instruct model such as
    Qwen2.5-0.5B-Instruct or Llama-3.2-1B-Instruct in Q4_K_M works on a laptop CPU).
Looked for a model at: $model
MSG
    exit 2
  fi
  echo "run-sample: no OPENAI_API_KEY/OPENAI_BASE_URL; starting a local llama.cpp server with $model" >&2
  OPENAI_BASE_URL=$(scripts/local-lm.sh start "$model" | tail -n 1)
  export OPENAI_BASE_URL
  export JSPY_LM=${JSPY_LM:-openai/$(basename "$model" .gguf)}
  export JSPY_LOCAL_LM=1
fi

mvn -q -B -ntp -Dstyle.color=never install -DskipTests >&2   # progress to stderr: stdout is the sample's
# Run the sample with plain java, not exec:java: Maven 3.8 writes ANSI reset codes (ESC[0m) to stdout even
# in batch mode, which shows up as garbage when the output is a file or a pipe.
mvn -q -B -ntp -pl sample dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
main=dev.jspy.sample.SampleMain
[[ "${1:-}" == learn ]] && main=dev.jspy.sample.LearnMain   # scripts/run-sample.sh learn: evaluate, optimize, save, reload
java -cp "sample/target/classes:$(cat sample/target/classpath.txt)" "$main"

if [[ -n "${JSPY_LOCAL_LM:-}" ]]; then
  echo "run-sample: the local llama.cpp server keeps running for a fast next run; stop it with: scripts/local-lm.sh stop" >&2
fi
