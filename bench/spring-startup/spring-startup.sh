#!/usr/bin/env bash
# Startup time and footprint of a Spring Boot 3.5 web service (pprof4j-spring-it's LeakyShop:
# spring-boot-starter-web, embedded Tomcat) with and without the pprof4j agent at its defaults.
# Per fork, a fresh JVM:
#   spring   ms from launch to Spring's first log line ("Starting LeakyShop"): what the agent
#            adds before Spring starts (premain, its HTTP server, samplers)
#   first    ms from launch to the first /hello answered 200
#   cpu      CPU ms the JVM had used by then (user + system): on a shared machine the steadier figure
#   rss      VmRSS (MB) 3 s after the first answer
#   heap     heap used (MB) after a full GC (jcmd GC.run, then GC.heap_info)
# Modes interleave fork by fork: none, agent (-javaagent:pprof4j-agent.jar=port=0).
#
#   mvn -B -q -ntp -DskipTests package -pl pprof4j-runtime,pprof4j-spring-it -am
#   flock /work/bench.lock nice -n -5 bench/spring-startup/spring-startup.sh 7   # 7 forks per mode
# JAVA=/path/to/java picks the JDK; prints one line per fork and the medians.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
JAVA=${JAVA:-java}
FORKS=${1:-5}
JCMD="$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jcmd"
AGENT="$root/pprof4j-runtime/target/pprof4j-agent.jar"
out=$(mktemp -d)
cp_file="$out/cp.txt"
(cd "$root" && mvn -B -q -ntp dependency:build-classpath -pl pprof4j-spring-it -Dmdep.outputFile="$cp_file" >/dev/null)
CP="$root/pprof4j-spring-it/target/test-classes:$(cat "$cp_file")"
[ -f "$AGENT" ] || { echo "no agent jar at $AGENT: build first (see the header)" >&2; exit 2; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

fork() { # mode -> "mode spring first cpu rss heap"
  local mode=$1 agent=() log="$out/$1.log" t0 spring="" first="" cpu="" port="" pid
  [ "$mode" = agent ] && agent=(-javaagent:"$AGENT"=port=0)
  : >"$log" # before the launch: the last fork's log must not answer this one's polls
  t0=$(now_ms)
  "$JAVA" "${agent[@]}" -cp "$CP" dev.pprof4j.springit.LeakyShop --server.port=0 >"$log" 2>&1 &
  pid=$!
  while [ -z "$first" ]; do
    kill -0 "$pid" 2>/dev/null || { echo "LeakyShop exited:" >&2; cat "$log" >&2; exit 1; }
    [ -z "$spring" ] && grep -q "Starting LeakyShop" "$log" && spring=$(( $(now_ms) - t0 ))
    if [ -z "$port" ]; then
      port=$(grep -o "Tomcat started on port [0-9]*" "$log" | grep -o "[0-9]*$" || true)
    elif [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/hello")" = 200 ]; then
      first=$(( $(now_ms) - t0 ))
      cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.0f", ($14 + $15) * 1000 / hz}' "/proc/$pid/stat")
    fi
    sleep 0.01
  done
  sleep 3
  local rss heap
  rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status")
  "$JCMD" "$pid" GC.run >/dev/null
  heap=$("$JCMD" "$pid" GC.heap_info | grep -o "used [0-9]*K" | head -1 | grep -o "[0-9]*" | awk '{printf "%.1f", $1/1024}')
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$mode $spring $first $cpu $rss $heap"
}

echo "# $("$JAVA" -version 2>&1 | head -1); $(nproc) cpus; load: $(uptime | sed 's/.*load average: //')"
echo "# mode spring_ms first_request_ms cpu_ms rss_mb heap_after_gc_mb"
for i in $(seq 1 "$FORKS"); do
  for mode in none agent; do
    fork "$mode" | tee -a "$out/results.txt"
  done
done
echo "# medians"
for mode in none agent; do
  awk -v m="$mode" '$1 == m' "$out/results.txt" | python3 -c '
import sys, statistics
rows = [list(map(float, l.split()[1:])) for l in sys.stdin]
print(sys.argv[1], " ".join("%g" % statistics.median(c) for c in zip(*rows)))' "$mode"
done
rm -rf "$out"
