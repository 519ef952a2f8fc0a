#!/usr/bin/env bash
# The heap sampler's cost per sample, magnified (SamplerCost.java says how), for library
# variants side by side: each VARIANT is a directory holding dev/pprof4j/native/linux-x64/
# libpprof4j.so ("jar": the agent jar's own), run ROUNDS times interleaved.
#
#   flock /work/bench.lock nice -n -5 env VARIANTS="jar /tmp/v1" DEPTHS="1 48" MAXDEPTHS=64 bench/heap-sampler/sampler-cost.sh
# EXTRA_OPTS adds JVM options, e.g. EXTRA_OPTS=-Dcost.idleThreads=2000 (parked threads beside the measured one).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
VARIANTS=${VARIANTS:-jar}
DEPTHS=${DEPTHS:-1}
MAXDEPTHS=${MAXDEPTHS:-64}
RATE=${RATE:-16384}
PAIRS=${PAIRS:-8}
WINDOW=${WINDOW:-1}
ROUNDS=${ROUNDS:-2}
HEAP=${HEAP:--Xms512m -Xmx512m -XX:+AlwaysPreTouch}
AGENT="$root/pprof4j-runtime/target/pprof4j-agent.jar"
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT/classes"
cp "$AGENT" "$OUT/pprof4j-agent.jar"
"${JAVA%java}javac" --release 17 -cp "$OUT/pprof4j-agent.jar" -d "$OUT/classes" \
  "$root/bench/heap-sampler/SamplerCost.java" "$root/bench/heap-sampler/AllocChurn.java"
echo "$(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  for depth in $DEPTHS; do
    for max in $MAXDEPTHS; do
      for v in $VARIANTS; do
        cp="$OUT/classes:$OUT/pprof4j-agent.jar"
        [ "$v" = jar ] || cp="$OUT/classes:$v:$OUT/pprof4j-agent.jar"
        # shellcheck disable=SC2086
        line=$("$JAVA" $HEAP -Dchurn.depth="$depth" -cp "$cp" SamplerCost "$RATE" "$max" "$PAIRS" "$WINDOW" | grep '^median')
        echo "round $round variant $v $line"
      done
    done
  done
done | tee "$OUT/results.txt"
echo "$(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"
