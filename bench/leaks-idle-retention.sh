#!/usr/bin/env bash
# What an idle JVM's live heap gains per leak-hunt round with the agent attached: the agent's
# own retention, since the application does nothing. Each round asks the agent what
# `pprof4j leaks` asks (goroutine?debug=2, heap?gc=1, heap?debug=1 at once); the class
# histogram at the end of heap?debug=1 (after a full GC) gives the live bytes.
#
# usage: bench/leaks-idle-retention.sh ANCHOR_AGENT_JAR CANDIDATE_AGENT_JAR [REPS] [ROUNDS]
# Prints per run the growth from round 3 to the last (rounds 1-2 are warm-up) in kB/round,
# runs interleaved, then the medians. Memory, not time: no need for the bench lock.
set -euo pipefail
anchor=$1; candidate=$2; reps=${3:-3}; rounds=${4:-12}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/Idle.java" <<'JAVA'
public class Idle { public static void main(String[] a) throws Exception { Thread.sleep(Long.MAX_VALUE); } }
JAVA
javac -d "$work" "$work/Idle.java"

run() { # jar -> "byte[] kB/round  total kB/round"
  local jar=$1 port pid
  port=$((20000 + RANDOM % 20000))
  java -Xmx1g -javaagent:"$jar"=port=$port -cp "$work" Idle >/dev/null 2>&1 & pid=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/debug/pprof/" >/dev/null && break; sleep 0.5; done
  : > "$work/series"
  for i in $(seq 1 "$rounds"); do
    curl -s "http://127.0.0.1:$port/debug/pprof/goroutine?debug=2" >/dev/null & c1=$!
    curl -s "http://127.0.0.1:$port/debug/pprof/heap?gc=1" >/dev/null & c2=$!
    curl -s "http://127.0.0.1:$port/debug/pprof/heap?debug=1" > "$work/h"
    wait "$c1" "$c2"
    b=$(awk '$5 == "[B" {print $4}' "$work/h" | head -1)
    t=$(awk '$2 == "Total" {print $4}' "$work/h" | head -1)
    echo "$b $t" >> "$work/series"
    sleep 1
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  awk -v n="$rounds" 'NR==3 {b0=$1; t0=$2} NR==n {b1=$1; t1=$2} END {printf "%.0f %.0f\n", (b1-b0)/(n-3)/1024, (t1-t0)/(n-3)/1024}' "$work/series"
}

printf '%-4s %-10s %18s %18s\n' rep agent "byte[] kB/round" "total kB/round"
: > "$work/a"; : > "$work/c"
for r in $(seq 1 "$reps"); do
  a=$(run "$anchor"); echo "$a" >> "$work/a"; printf '%-4s %-10s %18s %18s\n' "$r" anchor $a
  c=$(run "$candidate"); echo "$c" >> "$work/c"; printf '%-4s %-10s %18s %18s\n' "$r" candidate $c
done
median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
printf '%-4s %-10s %18s %18s\n' med anchor "$(cut -d' ' -f1 "$work/a" | median)" "$(cut -d' ' -f2 "$work/a" | median)"
printf '%-4s %-10s %18s %18s\n' med candidate "$(cut -d' ' -f1 "$work/c" | median)" "$(cut -d' ' -f2 "$work/c" | median)"
