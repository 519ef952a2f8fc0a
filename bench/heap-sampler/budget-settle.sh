#!/usr/bin/env bash
# Where the CPU budget settles the heap sampler's interval (BudgetSettle.java says how), per
# workload and setting: SETTINGS are RATE:BUDGET pairs (BUDGET 0 = RATE fixed).
#
#   flock /work/bench.lock nice -n -5 env JAVA_HOME=<jdk> bench/heap-sampler/budget-settle.sh
#   SETTINGS="524288:0 4194304:0 524288:0.005" WORKLOADS=renderJson bench/heap-sampler/budget-settle.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
WORKLOADS=${WORKLOADS:-renderJson requestChurn DeepRenderJson}
SETTINGS=${SETTINGS:-524288:0 524288:0.005}
HEAP=${HEAP:--Xms512m -Xmx512m -XX:+AlwaysPreTouch}
AGENT="$root/pprof4j-runtime/target/pprof4j-agent.jar"
[ -f "$AGENT" ] || { echo "budget-settle: $AGENT missing; run mvn -DskipTests package first" >&2; exit 2; }
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT/classes"
cp "$AGENT" "$OUT/pprof4j-agent.jar"
"${JAVA%java}javac" --release 17 -cp "$OUT/pprof4j-agent.jar" -d "$OUT/classes" "$root/bench/ab/AgentAb.java" \
  "$root/bench/runtime/IdleCost.java" "$root/bench/heap-sampler/DeepRenderJson.java" \
  "$root/bench/heap-sampler/BudgetSettle.java"
echo "$(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"
for workload in $WORKLOADS; do
  for setting in $SETTINGS; do
    # shellcheck disable=SC2086
    "$JAVA" $HEAP -cp "$OUT/classes:$OUT/pprof4j-agent.jar" BudgetSettle "$workload" "${setting%%:*}" "${setting#*:}"
  done
done | tee "$OUT/results.txt"
echo "$(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"
