#!/usr/bin/env bash
# Builds jspy and runs the Spring Boot example service on http://127.0.0.1:8080 (PORT to change it).
#
# With OPENAI_API_KEY or OPENAI_BASE_URL set, the service talks to that OpenAI-compatible server (model:
# JSPY_LM, default openai/gpt-4o-mini for OpenAI). With neither set, it starts the local llama.cpp server
# (scripts/local-lm.sh) with the GGUF model in JSPY_MODEL (default ../shared/models/stories260K.gguf beside
# this checkout) and talks to that. With the metrics and tracing modules in the checkout (micrometer/,
# opentelemetry/), it builds them in (profile observability). Ctrl-C stops the service; the llama.cpp server
# keeps running for the next run (scripts/local-lm.sh stop).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

if [[ -z "${OPENAI_API_KEY:-}" && -z "${OPENAI_BASE_URL:-}" ]]; then
  model=${JSPY_MODEL:-../shared/models/stories260K.gguf}
  if [[ ! -f "$model" ]]; then
    cat >&2 <<MSG
examples/spring-boot/run.sh: no LM to talk to. Either
  - set OPENAI_API_KEY (and JSPY_LM=openai/<model>, default openai/gpt-4o-mini) for OpenAI, or
  - set OPENAI_BASE_URL=http://host:port/v1 (and JSPY_LM) for any OpenAI-compatible server, or
  - set JSPY_MODEL=/path/to/model.gguf to run a local llama.cpp server.
Looked for a model at: $model
MSG
    exit 2
  fi
  echo "run.sh: starting (or reusing) the local llama.cpp server with $model" >&2
  OPENAI_BASE_URL=$(scripts/local-lm.sh start "$model" | tail -n 1)
  export OPENAI_BASE_URL
  export JSPY_LM=${JSPY_LM:-openai/$(basename "$model" .gguf)}
elif [[ -z "${OPENAI_BASE_URL:-}" ]]; then
  export JSPY_LM=${JSPY_LM:-openai/gpt-4o-mini}
  export OPENAI_BASE_URL=https://api.openai.com/v1
fi

modules=spring-boot-starter
profile=()
if [[ -f micrometer/pom.xml && -f opentelemetry/pom.xml ]]; then
  modules=$modules,micrometer,opentelemetry
  profile=(-Pobservability)
fi
mvn -q -B -ntp install -DskipTests -pl "$modules" -am
mvn -q -B -ntp -f examples/spring-boot/pom.xml "${profile[@]}" package -DskipTests
echo "run.sh: model ${JSPY_LM:-openai/local} at $OPENAI_BASE_URL" >&2
exec java -jar examples/spring-boot/target/jspy-example-spring-boot-0.1.0-SNAPSHOT.jar "$@"
