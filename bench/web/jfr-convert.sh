#!/usr/bin/env bash
# JFR to pprof: pprof4j's reader against async-profiler's converter (tools.profiler:jfr-converter,
# from the local Maven repository) on the same recording, each a whole `java` run, with
# hyperfine (median of RUNS). pprof4j converts CPU, allocation, monitor and park events in one
# pass; the converter one event type per run, so both are shown.
#
# usage: bench/web/jfr-convert.sh [SECONDS_RECORDED] [RUNS]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds=${1:-20}
runs=${2:-5}
work="$root/target/bench-web"
mkdir -p "$work"
jfr="$work/workload-$seconds.jfr"
converter="$HOME/.m2/repository/tools/profiler/jfr-converter/4.2/jfr-converter-4.2.jar"
[ -f "$converter" ] || (cd "$root" && mvn -q -B dependency:get -Dartifact=tools.profiler:jfr-converter:4.2)
[ -f "$root/pprof4j-cli/target/pprof4j.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
if [ ! -f "$jfr" ]; then
  java -XX:StartFlightRecording=filename="$jfr",settings=profile -Xlog:jfr=warning \
    "$root/pprof4j-cli/src/test/resources/dev/pprof4j/cli/input/JfrWorkload.java" "$seconds"
fi
echo "recording: $(stat -c %s "$jfr") bytes"
jfr summary "$jfr" | grep -E "ExecutionSample|ObjectAllocationSample|JavaMonitorEnter|ThreadPark" || true
hyperfine --runs "$runs" --warmup 1 --export-markdown "$work/jfr-convert.md" \
  -n "pprof4j (all four event types)" "java -jar $root/pprof4j-cli/target/pprof4j.jar -proto -output $work/ours.pb.gz $jfr" \
  -n "jfr-converter --cpu (default)" "java -jar $converter -o pb.gz $jfr $work/theirs-cpu.pb.gz" \
  -n "jfr-converter --alloc" "java -jar $converter --alloc -o pb.gz $jfr $work/theirs-alloc.pb.gz" \
  -n "jfr-converter --lock" "java -jar $converter --lock -o pb.gz $jfr $work/theirs-lock.pb.gz"
cat "$work/jfr-convert.md"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
