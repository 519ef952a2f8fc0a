#!/usr/bin/env bash
# The audit's gzip bomb of well-formed samples (bench/sample-bomb/SampleBomb.java, 300 MB in
# 437 KB: 60 million equal samples) through the CLI jar at several heaps: what it prints (they
# merge into one sample as they are read, so it is a -top now, not a refusal), wall time and
# peak RSS. bench/top-vs-go.sh bomb compares the one-frame kind with go tool pprof.
#   bench/sample-bomb/run.sh [JAR] [HEAPS...]     (default: pprof4j-cli/target/pprof4j.jar; 128m 512m default)
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=${1:-pprof4j-cli/target/pprof4j.jar}
shift || true
heaps=("${@:-128m 512m default}")
work="${TMPDIR:-/tmp}/pprof4j-sample-bomb"
mkdir -p "$work"
[[ -f "$work/bomb.pb.gz" ]] || java bench/sample-bomb/SampleBomb.java "$work/bomb.pb.gz"
echo "bomb: $(stat -c %s "$work/bomb.pb.gz") bytes gzip; uptime before: $(uptime)"
for heap in ${heaps[*]}; do
  opt=(); [[ $heap == default ]] || opt=(-Xmx$heap)
  echo "== heap $heap"
  /usr/bin/time -f "%e s wall, %U s user, %M KB max RSS, exit %x" java "${opt[@]}" -jar "$jar" -top "$work/bomb.pb.gz" 2>&1 || true
done
echo "uptime after: $(uptime)"
