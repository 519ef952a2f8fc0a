#!/usr/bin/env bash
# Where an idle agent's CPU goes, thread by thread: the IdleCost workload runs with and without
# the agent, and the CPU time of every thread of the JVM is read from /proc/PID/task/*/stat at
# two moments of its steady state (FROM and TO seconds after start). Throughput comparisons
# (bench/ab) are noisy at the 1 % level on this machine; CPU time summed by
# thread is not, and it says which part of the agent costs what. It does not see costs paid
# inside the application's own threads (the heap sampler's callbacks, JFR's event writes):
# bench/ab measures those as the application thread's work per CPU millisecond.
#
#   flock /work/bench.lock nice -n -5 bench/runtime/agent-threads.sh
#   MODES="none port=0 port=0,events=off" WORKLOADS=requestChurn RUNS=3 bench/runtime/agent-threads.sh
#
# MODES: "none" or agent options; JAVA_HOME picks the JDK; FROM/TO (default 20/60 s).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
MODES=${MODES:-none port=0}
WORKLOADS=${WORKLOADS:-requestChurn renderJson poolRoundTrip}
RUNS=${RUNS:-2}
FROM=${FROM:-20}
TO=${TO:-60}
AGENT="$root/pprof4j-runtime/target/pprof4j-agent.jar"
[ -f "$AGENT" ] || { echo "agent-threads: $AGENT missing; run mvn -DskipTests package first" >&2; exit 2; }
work=$(mktemp -d)
app=""
trap '[ -n "$app" ] && kill "$app" 2>/dev/null; rm -rf "$work"' EXIT
cp "$AGENT" "$work/agent.jar"
"${JAVA%java}javac" --release 17 -d "$work" "$root/bench/runtime/IdleCost.java" 2>/dev/null \
  || javac --release 17 -d "$work" "$root/bench/runtime/IdleCost.java"

# thread name -> CPU ticks (utime + stime), summed over threads of the same name
ticks() {
  for t in /proc/"$1"/task/*; do
    printf '%s|%s\n' "$(cat "$t/comm" 2>/dev/null)" "$(awk '{print $14 + $15}' "$t/stat" 2>/dev/null)"
  done | awk -F'|' '$2 != "" {a[$1] += $2} END {for (k in a) print k "|" a[k]}' | sort
}

# Thread names (15 characters, as the kernel keeps them) grouped into what they are.
group() {
  case $1 in
    java) echo app ;;
    worker) echo app ;;
    "GC Thread"*|"G1 "*|"VM Thread") echo gc+vm ;;
    "C1 CompilerThre"|"C2 CompilerThre"|"Sweeper thread") echo jit ;;
    pprof4j-*|"HTTP-Dispatcher"|idle-timeout-ta) echo agent ;;
    "JFR "*|"Notification Th") echo jfr+notify ;;
    *) echo other ;;
  esac
}

: > "$work/rows"
for run in $(seq 1 "$RUNS"); do
  for workload in $WORKLOADS; do
    for mode in $MODES; do
      agent=()
      [ "$mode" = none ] || agent=(-javaagent:"$work/agent.jar=$mode")
      "$JAVA" -Xms512m -Xmx512m -XX:+AlwaysPreTouch "${agent[@]}" -cp "$work" IdleCost "$workload" 2 $((TO + 10)) \
        > "$work/app.log" 2>&1 &
      app=$!
      sleep "$FROM"; ticks "$app" > "$work/t1"
      sleep $((TO - FROM)); ticks "$app" > "$work/t2"
      kill "$app" 2>/dev/null; wait "$app" 2>/dev/null || true; app=""
      join -t'|' "$work/t1" "$work/t2" | while IFS='|' read -r name a b; do
        echo "$workload|$mode|$run|$(group "$name")|$name|$(( (b - a) * 10 ))"
      done >> "$work/rows"
    done
  done
done

echo "JDK $("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'), CPU ms per thread group over ${FROM}-${TO} s after start, median of $RUNS runs; $(uptime)"
python3 - "$work/rows" <<'EOF'
import statistics, sys
from collections import defaultdict
cells = defaultdict(lambda: defaultdict(int))   # (workload, mode, run) -> group -> ms
names = defaultdict(lambda: defaultdict(list))  # (workload, mode) -> thread name -> [ms]
for line in open(sys.argv[1]):
    w, m, r, g, n, ms = line.rstrip("\n").split("|")
    cells[(w, m, r)][g] += int(ms)
    names[(w, m)][n].append(int(ms))
groups = ["app", "gc+vm", "jit", "agent", "jfr+notify", "other"]
print("| workload | mode | " + " | ".join(groups) + " | all but app, over app | change against none |")
print("|---|---|" + "---|" * (len(groups) + 2))
base = {}
for (w, m) in sorted({(w, m) for (w, m, r) in cells}, key=lambda k: (k[0], k[1] != "none", k[1])):
    runs = [cells[k] for k in cells if k[0] == w and k[1] == m]
    med = {g: statistics.median(run[g] for run in runs) for g in groups}
    overhead = statistics.median(sum(run[g] for g in groups if g != "app") / max(1, run["app"]) for run in runs)
    if m == "none":
        base[w] = overhead
    change = f"{100 * (overhead - base[w]):+.2f} points" if w in base and m != "none" else ""
    print(f"| {w} | `{m}` | " + " | ".join(f"{med[g]:.0f}" for g in groups) + f" | {100 * overhead:.2f} % | {change} |")
print("\nThreads outside the application and the JVM's usual ones, median ms:")
for (w, m), per in sorted(names.items()):
    extra = {n: statistics.median(v) for n, v in per.items() if v and statistics.median(v) > 0
             and not n.startswith(("GC Thread", "G1 ", "C1 ", "C2 ", "VM Thread", "java", "worker"))}
    if extra:
        print(f"  {w} {m}: " + ", ".join(f"{n} {ms:.0f}" for n, ms in sorted(extra.items(), key=lambda x: -x[1])))
EOF
