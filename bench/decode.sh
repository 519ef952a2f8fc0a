#!/usr/bin/env bash
# Decode benchmark: pprof4j's ProfileDecoder (+ a -top aggregation) under JMH against
# google/pprof's own profile.Parse (the parser inside go tool pprof) on the same large
# profile, both in-process and warmed up. Prints a table of medians and ratios.
#
#   bench/decode.sh            # full run (~8 min on an idle 2-core machine)
#   JMH_ARGS="-wi 1 -i 2" bench/decode.sh   # quicker, noisier
# On the shared machine: build first (niced, no lock), then time under the bench lock:
#   BENCH_BUILD_ONLY=1 nice -n 19 bench/decode.sh
#   BENCH_NO_BUILD=1 flock /work/bench.lock nice -n 0 bench/decode.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work="${TMPDIR:-/tmp}/pprof4j-bench-decode"
mkdir -p "$work"

jar=pprof4j-bench/target/benchmarks.jar
if [[ "${BENCH_NO_BUILD:-}" != 1 ]]; then
  echo "building pprof4j-bench (mvn -Pbench)..." >&2
  mvn -q -B -Pbench -pl pprof4j-bench -am -DskipTests package >&2
  echo "building the Go anchor (google/pprof profile.Parse)..." >&2
  GOPATH=/usr/share/gocode GO111MODULE=off go build -o "$work/goparse" ./bench/goparse/
fi

if [[ ! -f "$work/large.pb.gz" ]]; then
  java -cp "$jar" bench/LargeProfile.java "$work/large.pb.gz" >&2
fi
gzip -dc "$work/large.pb.gz" > "$work/large.pb"
[[ "${BENCH_BUILD_ONLY:-}" == 1 ]] && exit 0
echo "uptime before: $(uptime)" >&2

echo "running JMH..." >&2
# shellcheck disable=SC2086
java -jar "$jar" DecodeBenchmark -p file="$work/large.pb.gz" -rf csv -rff "$work/jmh.csv" ${JMH_ARGS:-} >&2
echo "running go and pprof4j CPU-time runs (5 each after a warm-up)..." >&2
go_gzip=$("$work/goparse" "$work/large.pb.gz" 5)
go_raw=$("$work/goparse" "$work/large.pb" 5)
j_gzip=$(java -Xmx2g -cp "$jar" dev.pprof4j.bench.DecodeCpuTime "$work/large.pb.gz" 5)
j_raw=$(java -Xmx2g -cp "$jar" dev.pprof4j.bench.DecodeCpuTime "$work/large.pb" 5)
echo "uptime after: $(uptime)" >&2

printf '\nlarge profile: %s compressed, %s raw, 300000 samples\n' \
  "$(du -h "$work/large.pb.gz" | cut -f1)" "$(du -h "$work/large.pb" | cut -f1)"
printf '\nJMH (wall ms/op) vs google/pprof profile.Parse (median wall ms)\n\n'
printf '| %-14s | %-5s | %14s | %10s | %13s |\n' benchmark input "pprof4j ms/op" "go ms" "go / pprof4j"
printf '|%s|%s|%s|%s|%s|\n' "----------------" "-------" "----------------" "------------" "---------------"
tail -n +2 "$work/jmh.csv" | tr -d '"' | while IFS=, read -r name _mode _threads _n score _err _unit encoding; do
  bench=${name##*.}
  if [[ $encoding == gzip ]]; then src=$go_gzip; else src=$go_raw; fi
  go_ms=$(awk -v b="$bench" '$1 == b { print $2 }' <<<"$src")
  # the Go anchor has no in-process -top report; that one is compared by bench/top-vs-go.sh
  ratio=$(awk -v g="${go_ms:-0}" -v j="$score" 'BEGIN { if (g > 0) printf "%.2fx", g / j; else printf "n/a" }')
  go_ms=${go_ms:-n/a}
  printf '| %-14s | %-5s | %14.1f | %10s | %13s |\n' "$bench" "$encoding" "$score" "$go_ms" "$ratio"
done

printf '\nProcess CPU time per run, GC included (ms; robust to a busy machine)\n\n'
printf '| %-14s | %-5s | %12s | %10s | %13s |\n' benchmark input "pprof4j cpu" "go cpu" "go / pprof4j"
printf '|%s|%s|%s|%s|%s|\n' "----------------" "-------" "--------------" "------------" "---------------"
for encoding in gzip raw; do
  if [[ $encoding == gzip ]]; then g=$go_gzip; j=$j_gzip; else g=$go_raw; j=$j_raw; fi
  for bench in decode decodeAndTop decodeAndReport; do
    gc=$(awk -v b="$bench" '$1 == b { print $3 }' <<<"$g")
    jc=$(awk -v b="$bench" '$1 == b { print $3 }' <<<"$j")
    ratio=$(awk -v g="${gc:-0}" -v j="$jc" 'BEGIN { if (g > 0) printf "%.2fx", g / j; else printf "n/a" }')
    gc=${gc:-n/a}
    printf '| %-14s | %-5s | %12s | %10s | %13s |\n' "$bench" "$encoding" "$jc" "$gc" "$ratio"
  done
done
