#!/usr/bin/env bash
# JFR to pprof: pprof4j against async-profiler's converter (tools.profiler:jfr-converter, from
# the local Maven repository) on the same recordings (one made on JDK 17, one on JDK 25),
# each converted on JDK 17 and on JDK 25.
#
# 1. Whole process, as users run each. pprof4j: the launcher (its JVM flags, its staleness
#    check, its class-data archive, which the uncounted round 0 writes),
#    `./pprof4j -proto -jfr_events=K -output out.pb.gz rec.jfr` for each kind the converter
#    converts alone (cpu; alloc; lock = monitor and park, as its --lock), and all four kinds
#    in one run; the bare `java -jar pprof4j.jar` for cpu and for all four.
#    The converter: `java -jar jfr-converter.jar [--alloc|--lock] -o pb.gz rec.jfr out.pb.gz`,
#    one event type per run. Rounds interleaved (each round runs every command once, in
#    turn); round 0 is not counted (page cache, the archive). Median wall and CPU (user+sys,
#    children included, so the launcher's bash counts) per command; each pprof4j kind set
#    against the converter's run of the same kind, and the all-kinds run against the sum of
#    the converter's three.
# 2. Start-up of other commands: `-help` and `-top` of a small Go heap profile, the launcher
#    now against BEFORE (a checkout or copy of the tree before the change, if given).
# 3. In-process and warmed up (bench/web/JfrConvertWarm.java), same conversions.
#
# usage: bench/web/jfr-convert.sh [SECONDS_RECORDED] [ROUNDS] [BEFORE]
# Run it alone: flock /work/bench.lock nice -n -5 bench/web/jfr-convert.sh 20 11 /tmp/before
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds=${1:-20}
rounds=${2:-11}
before=${3:-}
work="$root/target/bench-web"
mkdir -p "$work"
java17=${JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
java25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
converter="$HOME/.m2/repository/tools/profiler/jfr-converter/4.2/jfr-converter-4.2.jar"
jar="$root/pprof4j-cli/target/pprof4j.jar"
[ -f "$converter" ] || (cd "$root" && mvn -q -B dependency:get -Dartifact=tools.profiler:jfr-converter:4.2)
[ -f "$jar" ] || (cd "$root" && nice -n 19 mvn -q -B -DskipTests package)
# The launchers run as users run them, their staleness check included; a build (sources
# newer than the jar) must not happen inside the timings, so it happens here if at all.
"$root/pprof4j" version >/dev/null
[ -z "$before" ] || "$before/pprof4j" version >/dev/null
workload="$root/pprof4j-cli/src/test/resources/dev/pprof4j/cli/input/JfrWorkload.java"
record() { # java, file
  [ -f "$2" ] || "$1" -XX:StartFlightRecording=filename="$2",settings=profile -Xlog:jfr=warning "$workload" "$seconds"
}
record "$java17" "$work/workload-$seconds.jfr"
record "$java25" "$work/workload25-$seconds.jfr"
times="$work/times.txt"
: >"$times"

timed() { # group label command...: appends "group|label|wall|cpu" to $times
  local group=$1 label=$2
  shift 2
  /usr/bin/time -o "$work/time.txt" -f "%e %U %S" "$@" >/dev/null 2>"$work/stderr.txt" \
    || { echo "failed: $*" >&2; cat "$work/stderr.txt" >&2; exit 1; }
  read -r w u s <"$work/time.txt"
  echo "$group|$label|$w|$(echo "$u + $s" | bc)" >>"$times"
}

echo "uptime before: $(uptime)"
echo "java: $("$java17" -version 2>&1 | head -1); $("$java25" -version 2>&1 | head -1)"
for java in "$java17" "$java25"; do
  jdk=$("$java" -version 2>&1 | head -1 | sed -E 's/.*version "([0-9.]+)".*/\1/')
  for jfr in "$work/workload-$seconds.jfr" "$work/workload25-$seconds.jfr"; do
    group="JDK $jdk converting $(basename "$jfr") ($(stat -c %s "$jfr") bytes)"
    for r in $(seq 0 "$rounds"); do
      g=$group
      [ "$r" -eq 0 ] && g="warm-up"
      for kind in cpu alloc lock; do
        timed "$g" "./pprof4j -jfr_events=$kind" env JAVA="$java" "$root/pprof4j" -proto -jfr_events=$kind \
          -output "$work/ours-$kind.pb.gz" "$jfr"
      done
      timed "$g" "./pprof4j (all four kinds)" env JAVA="$java" "$root/pprof4j" -proto -output "$work/ours.pb.gz" "$jfr"
      timed "$g" "java -jar pprof4j.jar -jfr_events=cpu" "$java" -jar "$jar" -proto -jfr_events=cpu \
        -output "$work/ours-jar-cpu.pb.gz" "$jfr"
      timed "$g" "java -jar pprof4j.jar (all four kinds)" "$java" -jar "$jar" -proto -output "$work/ours-jar.pb.gz" "$jfr"
      timed "$g" "jfr-converter cpu" "$java" -jar "$converter" -o pb.gz "$jfr" "$work/theirs-cpu.pb.gz"
      timed "$g" "jfr-converter --alloc" "$java" -jar "$converter" --alloc -o pb.gz "$jfr" "$work/theirs-alloc.pb.gz"
      timed "$g" "jfr-converter --lock" "$java" -jar "$converter" --lock -o pb.gz "$jfr" "$work/theirs-lock.pb.gz"
    done
    cmp -s "$work/ours.pb.gz" "$work/ours-jar.pb.gz" || { echo "launcher and java -jar output differ" >&2; exit 1; }
    cmp -s "$work/ours-cpu.pb.gz" "$work/ours-jar-cpu.pb.gz" || { echo "launcher and java -jar cpu output differ" >&2; exit 1; }
  done
done

small="$root/examples/go-heap.pb.gz"
for r in $(seq 0 "$rounds"); do
  g="start-up (JDK 17)"
  [ "$r" -eq 0 ] && g="warm-up"
  timed "$g" "./pprof4j -help" "$root/pprof4j" -help
  [ -n "$before" ] && timed "$g" "before: ./pprof4j -help" "$before/pprof4j" -help
  timed "$g" "./pprof4j -top go-heap.pb.gz" "$root/pprof4j" -top "$small"
  [ -n "$before" ] && timed "$g" "before: ./pprof4j -top go-heap.pb.gz" "$before/pprof4j" -top "$small"
  timed "$g" "java -jar pprof4j.jar -top go-heap.pb.gz" "$java17" -jar "$jar" -top "$small"
done

echo "uptime after: $(uptime)"

python3 - "$times" <<'PY'
import collections, statistics, sys
rows = collections.OrderedDict()
for line in open(sys.argv[1]):
    group, label, wall, cpu = line.rstrip("\n").split("|")
    if group != "warm-up":
        rows.setdefault(group, collections.OrderedDict()).setdefault(label, []).append((float(wall), float(cpu)))
for group, cmds in rows.items():
    n = len(next(iter(cmds.values())))
    print(f"\n{group}: median of {n} interleaved rounds")
    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in cmds.items()}
    print("| command | wall s | CPU s |")
    print("|---|---|---|")
    for k, (w, c) in med.items():
        print(f"| {k} | {w:.3f} | {c:.3f} |")
    if "jfr-converter cpu" in med:
        print("\n| kind | pprof4j wall / CPU s | converter wall / CPU s | pprof4j / converter, wall / CPU |")
        print("|---|---|---|---|")
        pairs = [("cpu", "./pprof4j -jfr_events=cpu", "jfr-converter cpu"),
                 ("cpu, java -jar", "java -jar pprof4j.jar -jfr_events=cpu", "jfr-converter cpu"),
                 ("alloc", "./pprof4j -jfr_events=alloc", "jfr-converter --alloc"),
                 ("lock", "./pprof4j -jfr_events=lock", "jfr-converter --lock")]
        conv = [k for k in med if k.startswith("jfr-converter")]
        med["jfr-converter, its three runs"] = (sum(med[k][0] for k in conv), sum(med[k][1] for k in conv))
        pairs += [("all (ours one run, theirs three)", "./pprof4j (all four kinds)", "jfr-converter, its three runs"),
                  ("all, java -jar", "java -jar pprof4j.jar (all four kinds)", "jfr-converter, its three runs")]
        for kind, ours, theirs in pairs:
            (ow, oc), (tw, tc) = med[ours], med[theirs]
            print(f"| {kind} | {ow:.3f} / {oc:.3f} | {tw:.3f} / {tc:.3f} | {ow / tw:.2f} / {oc / tc:.2f} |")
PY

for jfr in "$work/workload-$seconds.jfr" "$work/workload25-$seconds.jfr"; do
  echo
  "$java17" -cp "$jar:$converter" "$root/bench/web/JfrConvertWarm.java" "$jfr" 15 20
done
