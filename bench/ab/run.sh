#!/usr/bin/env bash
# What switching something on costs a running application, measured inside one JVM
# (AgentAb.java says why): FORKS JVMs per workload and toggle, PAIRS on/off window pairs each,
# forks of different toggles interleaved. Prints, per workload and toggle, the median change of
# work per CPU millisecond with the thing on against off (negative = it costs), with the
# interquartile range over all pairs and a bootstrap 90 % interval of the median.
#
#   flock /work/bench.lock nice -n -5 bench/ab/run.sh
#   WORKLOADS="requestChurn renderJson" TOGGLES="none agent:port=0 agent:port=0,memprofilerate=0" FORKS=3 PAIRS=10 bench/ab/run.sh
#
# Toggles: none (A/A: the harness's own noise), agent:OPTIONS (Pprof4j.start(OPTIONS)/close()),
# sampler[:RATE[:MAX_DEPTH]] (pprof4j's heap sampler alone), asprof:ARGS (async-profiler 4.2, e.g.
# asprof:event=alloc,alloc=512k), serve:[OPTIONS@]PATHS (the agent, port=0 and OPTIONS, runs
# throughout; on = a client requesting PATHS back to back, e.g.
# serve:cpuengine=jfr@/debug/pprof/profile?seconds=1). JAVA_HOME picks the JDK; HEAP the heap flags
# (default a fixed, pre-touched 512 MB); SETTLE and WINDOW seconds per half (default 1 and 2); OUT keeps the raw
# windows (default a temporary directory). Needs a built agent jar (mvn -DskipTests package).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
WORKLOADS=${WORKLOADS:-requestChurn renderJson poolRoundTrip}
TOGGLES=${TOGGLES:-none agent:port=0}
FORKS=${FORKS:-3}
PAIRS=${PAIRS:-10}
SETTLE=${SETTLE:-1}
WINDOW=${WINDOW:-2}
HEAP=${HEAP:--Xms512m -Xmx512m -XX:+AlwaysPreTouch}
AGENT="$root/pprof4j-runtime/target/pprof4j-agent.jar"
[ -f "$AGENT" ] || { echo "ab: $AGENT missing; run mvn -DskipTests package first" >&2; exit 2; }
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT/classes"
# Copies: a rebuild during the run must not change what is measured.
cp "$AGENT" "$OUT/pprof4j-agent.jar"
cp=("$OUT/classes" "$OUT/pprof4j-agent.jar")
asprof_jar=$(ls ~/.m2/repository/tools/profiler/async-profiler/4.2/async-profiler-4.2.jar 2>/dev/null || true)
[ -n "$asprof_jar" ] && (cd "$OUT" && unzip -q -o "$asprof_jar" 'linux-x64/*' 'one/*' -d asprof)
"${JAVA%java}javac" --release 17 -d "$OUT/classes" "$root/bench/ab/AgentAb.java" "$root/bench/runtime/IdleCost.java" \
  ${EXTRA_SOURCES:-} 2>/dev/null || javac --release 17 -d "$OUT/classes" "$root/bench/ab/AgentAb.java" \
  "$root/bench/runtime/IdleCost.java" ${EXTRA_SOURCES:-}
feature=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
echo "JDK $feature, $(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"
for fork in $(seq 1 "$FORKS"); do
  for workload in $WORKLOADS; do
    for toggle in $TOGGLES; do
      log="$OUT/fork.log"
      # async-profiler's classes only where it is the toggle: pprof4j's agent sees an
      # async-profiler on the application's class path and leaves it alone (its CPU engine
      # would fall back to JFR).
      classpath=$(IFS=:; echo "${cp[*]}")
      case $toggle in asprof:*) classpath="$classpath:$OUT/asprof" ;; esac
      # shellcheck disable=SC2086
      if ! "$JAVA" $HEAP -Dasprof.lib="$OUT/asprof/linux-x64/libasyncProfiler.so" -cp "$classpath" \
          AgentAb "$workload" "$toggle" "$PAIRS" "$SETTLE" "$WINDOW" > "$log" 2>&1; then
        echo "ab: $workload $toggle failed: $(tail -3 "$log")" >&2
        continue
      fi
      id="$fork-$RANDOM"
      awk -v w="$workload" -v t="$toggle" -v id="$id" '/^window/ {print w, t, id, $2, $3, $4, $5, $6}' "$log" >> "$OUT/windows.txt"
      left=$(sed -n 's/^left-after-off //p' "$log")
      [ "$left" = none ] || echo "ab: $workload $toggle left threads running after off: $left" >&2
    done
  done
done
echo "after: $(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"
python3 "$root/bench/ab/report.py" "$OUT/windows.txt" "JDK $feature"
echo "raw windows: $OUT/windows.txt"
