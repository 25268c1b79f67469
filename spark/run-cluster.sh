#!/usr/bin/env bash
# Runs the Spark job on a standalone cluster of separate JVMs on this machine, without a Spark install: a master
# and WORKERS workers of CORES cores each, started from Spark's jars in Maven, on loopback; the job is submitted
# with SparkSubmit in client mode, as spark-submit does; everything started is stopped at the end.
#   spark/run-cluster.sh WORKERS CORES train --ratings ratings.tsv --blocks 4 --model-out model.trm
# TRIPLETREC_SPARK_EXECUTOR_MEM (default 2g) is each executor's heap (one executor per worker),
# TRIPLETREC_SPARK_MEM (default 4g) the driver's. The processes' logs go to run-cluster/ in spark's target folder.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $# -lt 3 || ! "$1" =~ ^[1-9][0-9]*$ || ! "$2" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: spark/run-cluster.sh WORKERS CORES train [job options]" >&2
  exit 2
fi
WORKERS=$1 CORES=$2
shift 2

"$ROOT/spark/run-local.sh" --build-only
JAR="$ROOT/spark/target/tripletrec-spark.jar"
CP="$(cat "$ROOT/spark/target/classpath.txt")"
RUN="$ROOT/spark/target/run-cluster"
rm -rf "$RUN"
mkdir -p "$RUN/spark-home/jars"
# A worker finds the executors' class path in SPARK_HOME/jars; the job jar brings tripletrec's own classes.
IFS=: read -r -a JARS <<< "$CP"
for j in "${JARS[@]}"; do
  [[ "$j" == *.jar && "$(basename "$j")" != tripletrec-* ]] && ln -s "$j" "$RUN/spark-home/jars/"
done
export SPARK_HOME="$RUN/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1

# shellcheck source=spark/jvm-flags.sh
source "$ROOT/spark/jvm-flags.sh"
PIDS=()
stop() {
  # the workers' executors first (their children), then the workers and the master, all by pid
  for p in "${PIDS[@]}"; do pkill -KILL -P "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
}
trap stop EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { # LOG PATTERN
  for _ in $(seq 1 600); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.2; done
  echo "run-cluster: timed out waiting for '$2' in $1" >&2; exit 1
}

PORT=$(free_port)
java -Xmx256m "${SPARK_JVM_FLAGS[@]}" -cp "$CP" org.apache.spark.deploy.master.Master --host 127.0.0.1 \
  --port "$PORT" --webui-port "$(free_port)" > "$RUN/master.log" 2>&1 &
PIDS+=($!)
wait_for "$RUN/master.log" "I have been elected leader"
MEM="${TRIPLETREC_SPARK_EXECUTOR_MEM:-2g}"
for k in $(seq 1 "$WORKERS"); do
  java -Xmx256m "${SPARK_JVM_FLAGS[@]}" -cp "$CP" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 \
    --port 0 --webui-port "$(free_port)" --cores "$CORES" --memory 64g --work-dir "$RUN/worker-$k" \
    "spark://127.0.0.1:$PORT" > "$RUN/worker-$k.log" 2>&1 &
  PIDS+=($!)
done
for k in $(seq 1 "$WORKERS"); do wait_for "$RUN/worker-$k.log" "Successfully registered with master"; done

java -Xmx"${TRIPLETREC_SPARK_MEM:-4g}" "${SPARK_JVM_FLAGS[@]}" ${JAVA_OPTS:-} -cp "$CP" \
  org.apache.spark.deploy.SparkSubmit --master "spark://127.0.0.1:$PORT" --deploy-mode client \
  --class org.tripletrec.spark.SparkMain --conf spark.executor.memory="$MEM" --conf spark.executor.cores="$CORES" \
  --conf spark.cores.max=$((WORKERS * CORES)) --conf "spark.executor.extraJavaOptions=${SPARK_JVM_FLAGS[*]}" \
  --conf spark.driver.host=127.0.0.1 --conf spark.ui.enabled=false "$JAR" "$@"
