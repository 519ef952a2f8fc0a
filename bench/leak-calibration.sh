#!/usr/bin/env bash
# The leak hunt's detection table on real processes: a child JVM with the agent
# (pprof4j-testkit ShapedTrafficService) and a Go service with its own net/http/pprof
# (pprof4j-cli/src/test/resources/goshapes/main.go) run each traffic shape with random timing,
# hunted live (8 rounds of 1 s) and, on the JVM, with --since 8s right after; RUNS times each.
# Prints each run's verdict to stderr and the table (rate per shape with its binomial sigma)
# for docs/LEAKS.md to stdout. With REPORTS=DIR, each hunt's whole report (JSON, then its
# stderr) is kept in DIR as <runtime>-<shape>-<hunt>-seed<N>.txt, to read the runs it got wrong,
# and each JVM's whole history as java-<shape>-seed<N>.history. Runs are seeded 1, 2, ...;
# FIRST_SEED=N starts another batch at N.
#
# usage: bench/leak-calibration.sh [RUNS] [java|go|both] [PARALLEL] [SHAPE...]
#   shapes: steady bursty ramp burst-silence flat gc cache pool (default: all)
# Needs: mvn -B -q -DskipTests package (builds the agent, the CLI and the test classes), go.
# A verdict, not a time, but load changes it (late rounds, skipped history ticks, slower
# request loops): run it under /work/bench.lock or on a quiet machine, and say the load.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
gson=$(ls "$HOME"/.m2/repository/com/google/code/gson/gson/*/gson-*.jar 2>/dev/null | grep -v sources | tail -1)
for f in pprof4j-cli/target/pprof4j.jar pprof4j-cli/target/test-classes/dev/pprof4j/cli/LeakCalibration.class \
    pprof4j-testkit/target/classes pprof4j-runtime/target/pprof4j-agent.jar "$gson"; do
  [ -e "$f" ] || { echo "bench: $f missing; run mvn -B -q -DskipTests package first" >&2; exit 2; }
done
# A copy of what it runs, so that a build during the long run changes nothing under it.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r pprof4j-cli/target/test-classes "$work/cli-tests"
cp -r pprof4j-testkit/target/classes "$work/testkit"
cp pprof4j-cli/target/pprof4j.jar pprof4j-runtime/target/pprof4j-agent.jar "$gson" "$work/"
cp="$work/cli-tests:$work/pprof4j.jar:$work/testkit:$work/$(basename "$gson")"
"$JAVA" -Dpprof4j.agent.jar="$work/pprof4j-agent.jar" -Dpprof4j.calibration.reports="${REPORTS:-}" \
  -Dpprof4j.calibration.firstSeed="${FIRST_SEED:-1}" -cp "$cp" dev.pprof4j.cli.LeakCalibration \
  "${1:-10}" "${2:-both}" "${3:-2}" "${@:4}"
