#!/usr/bin/env bash
# JFR to pprof: pprof4j's reader against async-profiler's converter (tools.profiler:jfr-converter,
# from the local Maven repository) on the same recordings (one made on JDK 17, one on JDK 25).
#
# 1. Whole process, `java -jar ... -> .pb.gz`, rounds interleaved (each round runs every
#    command once, in turn), median wall and CPU (user+sys) per command. pprof4j converts
#    CPU, allocation, monitor and park events in one pass; the converter one event type per
#    run (default cpu, --alloc, --lock), so each of its runs is shown and their sum.
# 2. In-process and warmed up (bench/web/JfrConvertWarm.java), same conversions.
#
# usage: bench/web/jfr-convert.sh [SECONDS_RECORDED] [ROUNDS]
# Run it alone: flock /work/bench.lock nice -n 0 bench/web/jfr-convert.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds=${1:-20}
rounds=${2:-7}
work="$root/target/bench-web"
mkdir -p "$work"
java17=${JAVA17:-java}
java25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
converter="$HOME/.m2/repository/tools/profiler/jfr-converter/4.2/jfr-converter-4.2.jar"
jar="$root/pprof4j-cli/target/pprof4j.jar"
[ -f "$converter" ] || (cd "$root" && mvn -q -B dependency:get -Dartifact=tools.profiler:jfr-converter:4.2)
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
workload="$root/pprof4j-cli/src/test/resources/dev/pprof4j/cli/input/JfrWorkload.java"
record() { # java, file
  [ -f "$2" ] || "$1" -XX:StartFlightRecording=filename="$2",settings=profile -Xlog:jfr=warning "$workload" "$seconds"
}
record "$java17" "$work/workload-$seconds.jfr"
[ -x "$java25" ] && record "$java25" "$work/workload25-$seconds.jfr"

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
names=("pprof4j (all four types)" "jfr-converter cpu" "jfr-converter --alloc" "jfr-converter --lock")
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; java: $("$java17" -version 2>&1 | head -1)"
for jfr in "$work/workload-$seconds.jfr" "$work/workload25-$seconds.jfr"; do
  [ -f "$jfr" ] || continue
  cmds=("$java17 -jar $jar -proto -output $work/ours.pb.gz $jfr"
        "$java17 -jar $converter -o pb.gz $jfr $work/theirs-cpu.pb.gz"
        "$java17 -jar $converter --alloc -o pb.gz $jfr $work/theirs-alloc.pb.gz"
        "$java17 -jar $converter --lock -o pb.gz $jfr $work/theirs-lock.pb.gz")
  declare -a wall0=() wall1=() wall2=() wall3=() cpu0=() cpu1=() cpu2=() cpu3=()
  for r in $(seq 0 "$rounds"); do # round 0 warms the page cache and is not counted
    for i in 0 1 2 3; do
      /usr/bin/time -o "$work/time.txt" -f "%e %U %S" ${cmds[$i]} >/dev/null 2>&1
      out=$(tail -1 "$work/time.txt")
      [ "$r" -eq 0 ] && continue
      read -r w u s <<<"$out"
      eval "wall$i+=($w)"; eval "cpu$i+=($(echo "$u + $s" | bc))"
    done
  done
  echo
  echo "recording $(basename "$jfr"): $(stat -c %s "$jfr") bytes; whole process, median of $rounds interleaved rounds"
  echo "| command | wall s | vs converter cpu | CPU s (user+sys) | vs converter cpu | wall runs |"
  echo "|---|---|---|---|---|---|"
  aw=$(median "${wall1[@]}"); ac=$(median "${cpu1[@]}")
  sumw=0; sumc=0
  for i in 0 1 2 3; do
    eval "w=(\"\${wall$i[@]}\")"; eval "c=(\"\${cpu$i[@]}\")"
    mw=$(median "${w[@]}"); mc=$(median "${c[@]}")
    [ "$i" -gt 0 ] && sumw=$(echo "$sumw + $mw" | bc) && sumc=$(echo "$sumc + $mc" | bc)
    printf '| %s | %.2f | %.2f | %.2f | %.2f | %s |\n' "${names[$i]}" "$mw" "$(echo "$mw / $aw" | bc -l)" \
      "$mc" "$(echo "$mc / $ac" | bc -l)" "${w[*]}"
  done
  printf '| jfr-converter, the three runs | %.2f | %.2f | %.2f | %.2f | |\n' "$sumw" "$(echo "$sumw / $aw" | bc -l)" \
    "$sumc" "$(echo "$sumc / $ac" | bc -l)"
  echo
  "$java17" -cp "$jar:$converter" "$root/bench/web/JfrConvertWarm.java" "$jfr" 15 20
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
