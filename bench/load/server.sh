# Sourced by run.sh and settings.sh: starts 'tripletrec serve' on loopback and waits until it answers with its
# complete index. Expects: jar, url, work (a temporary folder), start_seconds. Sets: server (its pid), ids (the
# model's user and item id files, from 'tripletrec export'), started; stops the server and removes work on exit.
# Usage: start_server MODEL HEAP "JAVA_OPTS" [SERVE_ARGS...]
start_server() {
  local model="$1" heap="$2" java_opts="$3"
  shift 3
  java -jar "$jar" export --model "$model" --format npy --out "$work/ids" > /dev/null
  ids=("$work/ids/user_ids.txt" "$work/ids/item_ids.txt")
  # the Vector API scoring kernel, as the tripletrec launcher runs serve (TRIPLETREC_SIMD=false: plain Java)
  # shellcheck disable=SC2086 # an option list, split on purpose
  java -Xms512m -Xmx"$heap" --add-modules jdk.incubator.vector $java_opts -jar "$jar" serve --model "$model" "$@" \
    > "$work/server.log" 2>&1 &
  server=$!
  # 'wait' returns the server's 143 (SIGTERM): under set -e that would end the trap before the clean-up and make a
  # passing run exit with 143
  trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
  started=$(date +%s)
  until curl -fs "$url/health" > /dev/null 2>&1; do
    if (( $(date +%s) - started > start_seconds )) || ! kill -0 "$server" 2>/dev/null; then
      echo "server did not start within ${start_seconds}s:"; cat "$work/server.log"; exit 1
    fi
    sleep 0.5
  done
  echo "server up after $(( $(date +%s) - started )) s: $(curl -fs "$url/health" | grep -o '"index":{[^}]*}')"
  # an HNSW server answers once its recommendation graph is in and builds the similar-items graph while serving
  # (similar items are exact until then): measure the complete index
  if curl -fs "$url/health" | grep -q 'similar items exact'; then
    until ! curl -fs "$url/health" | grep -q 'similar items exact'; do
      if (( $(date +%s) - started > start_seconds )); then
        echo "the similar-items graph was not built within ${start_seconds}s"; exit 1
      fi
      sleep 1
    done
    echo "similar-items graph in after $(( $(date +%s) - started )) s: $(curl -fs "$url/health" | grep -o '"index":{[^}]*}')"
  fi
}
