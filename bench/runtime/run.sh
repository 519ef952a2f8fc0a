#!/usr/bin/env bash
# Latency of goroutine?debug=1 with 10 000 platform threads and 100 000 virtual threads
# (JDK 21+), against Go's net/http/pprof with as many goroutines (the anchor). Prints a table
# for docs/BENCHMARKS.md. The agent's cost is measured by bench/ab and bench/runtime/agent-threads.sh.
# Usage: bench/runtime/run.sh [latency]   (JAVA_HOME picks the JDK)
# Needs: a built agent jar (mvn -DskipTests package), curl, go.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
AGENT="$root/pprof4j-runtime/target/pprof4j-agent.jar"
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
[ -f "$AGENT" ] || { echo "bench: $AGENT missing; run mvn -DskipTests package first" >&2; exit 2; }
feature=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
javac --release 17 -d "$work" "$root/bench/runtime/ThreadCrowd.java"

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# Starts a JVM (args after the log file), waits for a line matching $1, sets URL to the pprof base.
start_jvm() {
  local ready=$1 log=$2; shift 2
  "$JAVA" "$@" >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do grep -q "$ready" "$log" && break; sleep 0.2; done
  grep -q "$ready" "$log" || { echo "bench: JVM did not get ready: $(cat "$log")" >&2; exit 1; }
  URL=$(grep -o 'http://[0-9.:]*' "$log" | head -1 || true)
}

stop_last() { kill "${pids[-1]}" 2>/dev/null || true; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'; }

# CPU seconds (user + system) a process has used so far.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"; }

# Times N fetches of a URL after 3 warm-up fetches, served by process $2; prints
# "median min max cpu" seconds, cpu being the server's CPU time per fetch (on a shared
# machine the wall times measure the neighbours too; the CPU time does not).
time_fetches() {
  local url=$1 pid=$2 n=${3:-7}
  for _ in 1 2 3; do curl -s -o /dev/null "$url"; done
  local cpu0; cpu0=$(cpu_seconds "$pid")
  for _ in $(seq 1 "$n"); do curl -s -o /dev/null -w '%{time_total}\n' "$url"; done > "$work/times"
  local cpu; cpu=$(awk -v a="$cpu0" -v b="$(cpu_seconds "$pid")" -v n="$n" 'BEGIN {printf "%.3f", (b - a) / n}')
  echo "$(median < "$work/times") $(sort -g "$work/times" | head -1) $(sort -g "$work/times" | tail -1) $cpu"
}

latency() {
  echo "## goroutine?debug=1 latency, JDK $feature (median of 7 after 3 warm-ups; seconds)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| threads | pprof4j median | min | max | Go anchor median | ratio | pprof4j CPU per dump | Go CPU per dump | CPU ratio |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for spec in "10000 0" "0 100000"; do
    set -- $spec
    [ "$2" -gt 0 ] && [ "$feature" -lt 21 ] && continue
    start_jvm ready "$work/crowd.log" -javaagent:"$AGENT"=port=0 -Xss256k -cp "$work" ThreadCrowd "$1" "$2"
    read -r med min max cpu < <(time_fetches "$URL/debug/pprof/goroutine?debug=1" "${pids[-1]}")
    stop_last
    n=$(( $1 + $2 ))
    GO111MODULE=off go build -o "$work/goanchor" "$root/bench/runtime/goanchor/main.go"
    "$work/goanchor" "$n" > "$work/go.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 100); do grep -q listening "$work/go.log" && break; sleep 0.1; done
    goaddr=$(awk '/listening/ {print $2}' "$work/go.log")
    read -r gmed _ _ gcpu < <(time_fetches "http://$goaddr/debug/pprof/goroutine?debug=1" "${pids[-1]}")
    stop_last
    kind=$([ "$2" -gt 0 ] && echo "$2 virtual" || echo "$1 platform")
    echo "| $kind | $med | $min | $max | $gmed | $(awk -v a="$med" -v b="$gmed" 'BEGIN {printf "%.1f×", a/b}') |" \
      "$cpu | $gcpu | $(awk -v a="$cpu" -v b="$gcpu" 'BEGIN {if (b > 0) printf "%.1f×", a/b; else printf "—"}') |"
  done
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
}

case "${1:-latency}" in
  latency) latency ;;
  *) echo "usage: $0 [latency]" >&2; exit 2 ;;
esac
