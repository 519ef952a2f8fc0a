#!/usr/bin/env bash
# Issue 19's four checks side by side with Go, medians of several runs, ratios printed:
#   goroutine  goroutine?debug=$DEBUG (1 unless set: 0, 1 or 2) of 100 000 parked virtual threads (JDK 25) against Go's
#              net/http/pprof with 100 000 parked goroutines (bench/runtime/goanchor): wall time
#              per request, the server's CPU per request (/proc), and our safepoints meanwhile
#              (-Xlog:safepoint: every stop of the application, garbage collections included);
#              both servers run at once and are fetched alternately, so they share the load;
#   top        pprof4j -top against go tool pprof -top on the large profile (bench/top-vs-go.sh);
#   bomb       the 50 million-sample profile (bench/top-vs-go.sh; Go on 5 million);
#   footprint  RSS, NMT committed and live heap of an idle 256 MB-heap JVM (ThreadCrowd, no
#              threads) with the agent at its defaults against none, idle and under a scrape
#              every 15 s (goroutine, heap, allocs and a 5 s CPU profile).
#
#   bench/vs-go.sh [goroutine|top|bomb|footprint|all]
#   flock /work/bench.lock nice -n -5 bench/vs-go.sh all
#
# RUNS (default 5) fetches or runs per side; TOP_RUNS (default 3: go tool pprof takes minutes on
# the large profile); FOOTPRINT_RUNS (3), IDLE_SECONDS (20), SCRAPE_SECONDS (62), FOOTPRINT_SCRAPES
# ("0 1": idle, then scraped; "0" measures idle only); AGENT (the agent jar), AGENT_OPTIONS
# (added after port=0);
# JAVA25 and DEBUG (goroutine), JAVA (footprint, default java). Needs a built tree (mvn -DskipTests
# package), go, curl, jcmd; top and bomb need BENCH_BUILD_ONLY=1 bench/top-vs-go.sh first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
which=${1:-all}
RUNS=${RUNS:-5}
TOP_RUNS=${TOP_RUNS:-3}
FOOTPRINT_RUNS=${FOOTPRINT_RUNS:-3}
IDLE_SECONDS=${IDLE_SECONDS:-20}
SCRAPE_SECONDS=${SCRAPE_SECONDS:-62}
FOOTPRINT_SCRAPES=${FOOTPRINT_SCRAPES:-0 1}
AGENT_OPTIONS=${AGENT_OPTIONS:-}
JAVA=${JAVA:-java}
DEBUG=${DEBUG:-1}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
AGENT=${AGENT:-"$root/pprof4j-runtime/target/pprof4j-agent.jar"}
[ -f "$AGENT" ] || { echo "vs-go: $AGENT missing; run mvn -DskipTests package first" >&2; exit 2; }
command -v go >/dev/null || { echo "vs-go: go is not installed" >&2; exit 2; }
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
cp "$AGENT" "$work/agent.jar" # a rebuild meanwhile must not change what is measured
javac --release 17 -d "$work" "$root/bench/runtime/ThreadCrowd.java"
results=()

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "-"}'; }

# Starts a process (args after the log file) and waits for $1 in its log.
start() {
  local ready=$1 log=$2; shift 2
  "$@" >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 900); do grep -q "$ready" "$log" && return 0; sleep 0.2; done
  echo "vs-go: $* did not get ready: $(tail -3 "$log")" >&2; exit 1
}

goroutine() {
  local n=100000
  start ready "$work/crowd.log" "$JAVA25" -javaagent:"$work/agent.jar"=port=0 -Xss256k \
    -Xlog:safepoint:file="$work/safepoints.log" -cp "$work" ThreadCrowd 0 "$n"
  local jpid=${pids[-1]} url
  url=$(grep -o 'http://[0-9.:]*' "$work/crowd.log" | head -1)/debug/pprof/goroutine?debug=$DEBUG
  GO111MODULE=off go build -o "$work/goanchor" "$root/bench/runtime/goanchor/main.go"
  start listening "$work/go.log" "$work/goanchor" "$n"
  local gpid=${pids[-1]} gurl
  gurl="http://$(awk '/listening/ {print $2}' "$work/go.log")/debug/pprof/goroutine?debug=$DEBUG"
  for _ in 1 2 3; do curl -sf -o /dev/null "$url"; curl -sf -o /dev/null "$gurl"; done
  curl -sf -o "$work/dump.txt" "$url"
  if [ "$DEBUG" = 1 ]; then echo "ours: $(head -1 "$work/dump.txt"); go: $(curl -sf "$gurl" | sed -n 1p)"; fi
  local sp0 jc0 gc0 jcpu=0 gcpu=0
  sp0=$(wc -l < "$work/safepoints.log")
  : > "$work/ours"; : > "$work/go"
  for _ in $(seq 1 "$RUNS"); do
    jc0=$(cpu_seconds "$jpid")
    curl -sf -o /dev/null -w '%{time_total}\n' "$url" >> "$work/ours"
    jcpu=$(awk -v s="$jcpu" -v a="$jc0" -v b="$(cpu_seconds "$jpid")" 'BEGIN {print s + b - a}')
    gc0=$(cpu_seconds "$gpid")
    curl -sf -o /dev/null -w '%{time_total}\n' "$gurl" >> "$work/go"
    gcpu=$(awk -v s="$gcpu" -v a="$gc0" -v b="$(cpu_seconds "$gpid")" 'BEGIN {print s + b - a}')
  done
  local stops
  stops=$(tail -n +"$((sp0 + 1))" "$work/safepoints.log" | grep -o 'Total: [0-9]* ns' \
    | awk -v r="$RUNS" '{s += $2; if ($2 > m) m = $2} END {printf "%d stops, %.1f ms per request, longest %.1f ms", NR, s / 1e6 / r, m / 1e6}')
  local ow gw oc gc
  ow=$(median < "$work/ours"); gw=$(median < "$work/go")
  oc=$(awk -v s="$jcpu" -v r="$RUNS" 'BEGIN {printf "%.3f", s / r}')
  gc=$(awk -v s="$gcpu" -v r="$RUNS" 'BEGIN {printf "%.3f", s / r}')
  echo "goroutine ours (s): $(paste -sd' ' "$work/ours")"
  echo "goroutine go   (s): $(paste -sd' ' "$work/go")"
  results+=("goroutine?debug=$DEBUG, 100 000 virtual threads vs goroutines | wall $ow s vs $gw s = $(ratio "$ow" "$gw") (goal <= 1) | CPU per request $oc s vs $gc s = $(ratio "$oc" "$gc") | our safepoints: $stops")
  kill "$jpid" "$gpid" 2>/dev/null || true
  wait "$jpid" "$gpid" 2>/dev/null || true
  pids=()
}

top_large() {
  "$root/bench/top-vs-go.sh" large "$TOP_RUNS" | tee "$work/top.out"
  results+=("-top large.pb.gz (wall and RSS ratios: goals <= 0.1 and <= 0.25) | $(grep '^large.pb.gz ' "$work/top.out")")
}

bomb() {
  "$root/bench/top-vs-go.sh" bomb "$TOP_RUNS" | tee "$work/bomb.out"
  results+=("50M samples (goals < 5 s, < 512 MB; go on 5M) | $(grep '^bomb50m.pb.gz ' "$work/bomb.out")")
}

# One JVM: prints "rss_kb nmt_committed_kb live_bytes" after $2 seconds, scraping every 15 s if $3.
footprint_run() {
  local mode=$1 seconds=$2 scrape=$3 agent=()
  [ "$mode" = agent ] && agent=(-javaagent:"$work/agent.jar"=port=0${AGENT_OPTIONS:+,$AGENT_OPTIONS})
  start ready "$work/fp.log" "$JAVA" "${agent[@]}" -Xmx256m -XX:NativeMemoryTracking=summary -cp "$work" ThreadCrowd 0 0
  local pid=${pids[-1]} scraper=""
  if [ "$scrape" = 1 ] && [ "$mode" = agent ]; then
    local base; base=$(grep -o 'http://[0-9.:]*' "$work/fp.log" | head -1)/debug/pprof
    ( while kill -0 "$pid" 2>/dev/null; do
        for p in goroutine heap allocs "profile?seconds=5"; do curl -s -o /dev/null "$base/$p"; done
        sleep 10; done ) &
    scraper=$!
  fi
  sleep "$seconds"
  local rss nmt live
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  nmt=$(jcmd "$pid" VM.native_memory summary | sed -n 's/^Total: reserved=[0-9]*KB, committed=\([0-9]*\)KB.*/\1/p')
  [ "$mode" = agent ] && [ "$scrape" = 0 ] && jcmd "$pid" VM.native_memory summary > "$work/nmt.agent"
  [ "$mode" = none ] && [ "$scrape" = 0 ] && jcmd "$pid" VM.native_memory summary > "$work/nmt.none"
  live=$(jcmd "$pid" GC.class_histogram | awk '/^Total/ {print $3}')
  [ -n "$scraper" ] && { kill "$scraper" 2>/dev/null || true; wait "$scraper" 2>/dev/null || true; }
  kill "$pid"; wait "$pid" 2>/dev/null || true
  pids=()
  echo "$rss $nmt $live"
}

footprint() {
  for scrape in $FOOTPRINT_SCRAPES; do
    local seconds=$IDLE_SECONDS
    [ "$scrape" = 1 ] && seconds=$SCRAPE_SECONDS
    : > "$work/fp.none"; : > "$work/fp.agent"
    for _ in $(seq 1 "$FOOTPRINT_RUNS"); do
      for mode in none agent; do footprint_run "$mode" "$seconds" "$scrape" >> "$work/fp.$mode"; done
    done
    local what="idle ${seconds} s"
    [ "$scrape" = 1 ] && what="scraped every 15 s for ${seconds} s"
    echo "footprint $what, none  (RSS KB, NMT KB, live B): $(paste -sd'|' "$work/fp.none")"
    echo "footprint $what, agent (RSS KB, NMT KB, live B): $(paste -sd'|' "$work/fp.agent")"
    local col line=""
    for col in 1 2 3; do
      local a n
      n=$(cut -d' ' -f"$col" "$work/fp.none" | median); a=$(cut -d' ' -f"$col" "$work/fp.agent" | median)
      line+=$(awk -v a="$a" -v n="$n" -v c="$col" 'BEGIN {u = c == 3 ? 1048576 : 1024;
        split("RSS NMT-committed live-heap", name, " ");
        printf " | %s %.1f MB vs %.1f MB: +%.1f MB", name[c], a / u, n / u, (a - n) / u}')
    done
    results+=("footprint, $what (goal: RSS +10 MB, heap +5 MB)$line")
    if [ "$scrape" = 0 ] && [ -f "$work/nmt.agent" ]; then
      echo "NMT committed, agent minus none (last run), KB:"
      python3 - "$work/nmt.none" "$work/nmt.agent" <<'PY'
import re, sys
def parse(f):
    d = {}
    for line in open(f):
        m = re.match(r'-\s+(.+?) \(reserved=(\d+)KB, committed=(\d+)KB\)', line.strip())
        if m:
            d[m.group(1)] = int(m.group(3))
    return d
a, b = parse(sys.argv[1]), parse(sys.argv[2])
for k in sorted(set(a) | set(b), key=lambda k: a.get(k, 0) - b.get(k, 0)):
    if abs(b.get(k, 0) - a.get(k, 0)) >= 256:
        print(f"  {k:28s} {a.get(k, 0):8d} {b.get(k, 0):8d} {b.get(k, 0) - a.get(k, 0):+8d}")
PY
    fi
  done
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo);" \
  "$("$JAVA" -version 2>&1 | head -1); $("$JAVA25" -version 2>&1 | head -1); $(go version)"
echo "uptime before: $(uptime)"
case "$which" in
  goroutine) goroutine ;;
  top) top_large ;;
  bomb) bomb ;;
  footprint) footprint ;;
  all) goroutine; footprint; bomb; top_large ;;
  *) echo "usage: $0 [goroutine|top|bomb|footprint|all]" >&2; exit 2 ;;
esac
echo "uptime after: $(uptime)"
echo
printf '%s\n' "${results[@]}"
