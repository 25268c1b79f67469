#!/usr/bin/env bash
# Runs the Spark job on this machine without a Spark install: Spark's jars come from Maven.
#   spark/run-local.sh train --master 'local[2]' --dataset ml-100k --preset default --model-out model.trm
# Builds the job jar and the class path on first use (and again when the sources change); --build-only stops there.
# JAVA_OPTS adds JVM options; TRIPLETREC_SPARK_MEM sets the heap (default 4g).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="$ROOT/spark/target"
JAR="$TARGET/tripletrec-spark.jar"
CP_FILE="$TARGET/classpath.txt"

stale() {
  [[ ! -f "$JAR" || ! -f "$CP_FILE" ]] && return 0
  [[ -n "$(find "$ROOT/spark/src/main" "$ROOT/core/src/main" "$ROOT/cli/src/main" "$ROOT/spark/pom.xml" \
        "$ROOT/core/pom.xml" "$ROOT/cli/pom.xml" "$ROOT/pom.xml" \
        -newer "$JAR" -type f -print -quit 2>/dev/null)" ]]
}

if [[ "${1:-}" == "--build-only" ]]; then
  BUILD_ONLY=1
fi
if stale; then
  echo "building the Spark job (once) ..." >&2
  # 'compile' scope = compile + provided: Spark itself, which a cluster would provide.
  (cd "$ROOT" && ./mvnw -q -B -pl spark -am package dependency:build-classpath -DskipTests \
      -Dmdep.includeScope=compile -Dmdep.outputFile="$CP_FILE") >&2
fi

# shellcheck source=spark/jvm-flags.sh
source "$ROOT/spark/jvm-flags.sh"

[[ -n "${BUILD_ONLY:-}" ]] && exit 0

# One machine: bind to loopback (else Spark warns that the host name resolves to it, and picks another address).
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
exec java -Xmx"${TRIPLETREC_SPARK_MEM:-4g}" "${SPARK_JVM_FLAGS[@]}" ${JAVA_OPTS:-} \
  -cp "$JAR:$(cat "$CP_FILE")" org.tripletrec.spark.SparkMain "$@"
