#!/usr/bin/env bash
# What the pprof4j agent costs an application, settled with many forks (one JVM = one JIT
# outcome) and CPU-time measures (this machine is shared; see IdleCost.java). Modes, run
# interleaved round by round, each a fresh JVM per workload:
#   none       no agent
#   idle       -javaagent:pprof4j-agent.jar=port=0 (defaults: JFR stream, heap sampler, CPU engine)
#   noevents   idle with events=off (no always-on JFR stream)
#   nosampler  idle with memprofilerate=0 (no JVMTI heap sampler)
#   nohistory  idle with history=0 (no snapshot history; "idle" has the default history=1m)
#   history1s  idle with history=1s (a snapshot every second, 60 times the default rate)
#   serving    the agent busy: curl loops for back-to-back 5 s CPU profiles, and goroutine
#              and heap once a second (as run.sh overhead)
#
#   flock /work/bench.lock bench/runtime/idle-cost.sh run 2    # 2 rounds (~8 min); repeat
#   bench/runtime/idle-cost.sh report                          # table over all rounds so far
# JAVA=/path/to/java picks the JDK; MODES="none idle" and WORKLOADS narrow; OUT=dir keeps
# results apart; WARMUP (s, default 6) and WINDOWS (1 s each, default 4) per fork; HEAP the
# heap flags (default a fixed 512 MB, pre-touched; HEAP= to let it grow).
# Needs a built agent jar (mvn -DskipTests package).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
JAVA=${JAVA:-java}
OUT=${OUT:-/tmp/pprof4j-bench-idle-cost}
MODES=${MODES:-none idle noevents nosampler serving}
WORKLOADS=${WORKLOADS:-requestChurn renderJson poolRoundTrip}
WARMUP=${WARMUP:-6}
WINDOWS=${WINDOWS:-4}
# A fixed, pre-touched heap in every mode: on this machine a growing heap makes an
# allocation-heavy loop swing 20x from window to window inside one JVM (page faults as the
# heap grows and the kernel reclaims it), agent or not, which drowns any agent effect.
HEAP=${HEAP:--Xms512m -Xmx512m -XX:+AlwaysPreTouch}
AGENT="$root/pprof4j-runtime/target/pprof4j-agent.jar"
mkdir -p "$OUT"
classes="$OUT/classes"

fork() { # mode workload -> appends "jdk mode workload fork thread process wall" per window to forks.txt
  local mode=$1 workload=$2 agent=() client=""
  case $mode in
    none) ;;
    idle|serving) agent=(-javaagent:"$AGENT"=port=0) ;;
    noevents) agent=(-javaagent:"$AGENT"=port=0,events=off) ;;
    nosampler) agent=(-javaagent:"$AGENT"=port=0,memprofilerate=0) ;;
    nohistory) agent=(-javaagent:"$AGENT"=port=0,history=0) ;;
    history1s) agent=(-javaagent:"$AGENT"=port=0,history=1s) ;;
    *) echo "idle-cost: unknown mode $mode" >&2; exit 2 ;;
  esac
  local log="$OUT/fork.log"
  # shellcheck disable=SC2086
  "$JAVA" $HEAP "${agent[@]}" -cp "$classes" IdleCost "$workload" "$WARMUP" "$WINDOWS" > "$log" 2>&1 &
  local app=$!
  if [ "$mode" = serving ]; then
    local url=""
    for _ in $(seq 1 300); do url=$(grep -o 'http://[0-9.:]*' "$log" | head -1 || true); [ -n "$url" ] && break; sleep 0.1; done
    ( while kill -0 "$app" 2>/dev/null; do curl -s -o /dev/null "$url/debug/pprof/profile?seconds=5"; done ) &
    client=$!
    ( while kill -0 "$app" 2>/dev/null; do curl -s -o /dev/null "$url/debug/pprof/goroutine?debug=1";
        curl -s -o /dev/null "$url/debug/pprof/heap"; sleep 1; done ) &
    client="$client $!"
  fi
  wait "$app" || { echo "idle-cost: $mode $workload failed: $(tail -3 "$log")" >&2; }
  [ -n "$client" ] && { kill $client 2>/dev/null || true; wait $client 2>/dev/null || true; }
  awk -v m="$mode" -v f="$FEATURE" -v id="$RANDOM$RANDOM" '/^window/ {print f, m, $2, id, $3, $4, $5}' "$log" >> "$OUT/forks.txt"
}

run() {
  local rounds=${1:-1}
  [ -f "$AGENT" ] || { echo "idle-cost: $AGENT missing; run mvn -DskipTests package first" >&2; exit 2; }
  FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  mkdir -p "$classes"
  # A copy: a rebuild of the worktree during the run must not change the agent under test.
  cp "$AGENT" "$OUT/pprof4j-agent.jar"
  AGENT="$OUT/pprof4j-agent.jar"
  "${JAVA%java}javac" --release 17 -d "$classes" "$root/bench/runtime/IdleCost.java" 2>/dev/null \
    || javac --release 17 -d "$classes" "$root/bench/runtime/IdleCost.java"
  for _ in $(seq 1 "$rounds"); do
    echo "JDK $FEATURE round at $(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/load.txt"
    for workload in $WORKLOADS; do
      for mode in $MODES; do fork "$mode" "$workload"; done
    done
  done
  echo "JDK $FEATURE done at $(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/load.txt"
}

report() {
  python3 - "$OUT/forks.txt" <<'EOF'
import statistics, sys
forks = {}
for line in open(sys.argv[1]):
    feature, mode, workload, fork, thread, process, wall = line.split()
    forks.setdefault((feature, workload, mode, fork), []).append((float(thread), float(process), float(wall)))
table = {}
for (feature, workload, mode, fork), windows in forks.items():
    # one value per fork: the median of its windows, per measure
    per = [statistics.median(w[i] for w in windows) for i in range(3)]
    table.setdefault((feature, workload), {}).setdefault(mode, []).append(per)
names = ["ops per thread-CPU ms", "ops per process-CPU ms", "ops per wall ms"]
for (feature, workload), modes in sorted(table.items()):
    print(f"\nJDK {feature}, {workload}: median over forks (min – max), change of the median vs none\n")
    print("| mode | forks | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    base = [statistics.median(f[i] for f in modes["none"]) for i in range(3)] if "none" in modes else None
    for mode in ["none", "idle", "noevents", "nosampler", "nohistory", "history1s", "serving"]:
        if mode not in modes:
            continue
        cells = []
        for i in range(3):
            values = [f[i] for f in modes[mode]]
            m = statistics.median(values)
            change = f" **{(m / base[i] - 1) * 100:+.1f} %**" if base and mode != "none" else ""
            cells.append(f"{m:.1f} ({min(values):.1f} – {max(values):.1f}){change}")
        print(f"| {mode} | {len(modes[mode])} | " + " | ".join(cells) + " |")
EOF
}

case "${1:-}" in
  run) run "${2:-1}" ;;
  report) report ;;
  *) echo "usage: $0 run [rounds] | report" >&2; exit 2 ;;
esac
