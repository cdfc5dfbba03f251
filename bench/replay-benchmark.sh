#!/usr/bin/env bash
# Replay benchmark: simulates a day for N subscribers, then replays it with all rules loaded on one
# thread, and reports throughput and heap. Heap after each GC is sampled from the GC log, so "flat
# over the day" can be read off the quarter-by-quarter figures.
#
#   bench/replay-benchmark.sh [SUBSCRIBERS] [HEAP]      (defaults: 100000 2g)
#
# Needs the jar: mvn -B -ntp -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
subscribers=${1:-100000}
heap=${2:-2g}
jar=app/target/ringfence.jar
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

java -Xmx4g -jar "$jar" simulate --seed 20261125 --subscribers "$subscribers" \
    --out "$out/events.jsonl" --labels "$out/labels.jsonl" | tail -n 3
events=$(wc -l < "$out/events.jsonl")
echo "events: $events ($(du -h "$out/events.jsonl" | cut -f1))"

start=$(date +%s.%N)
java -Xmx"$heap" -Xms"$heap" -XX:+UseParallelGC -Xlog:gc:file="$out/gc.log" -jar "$jar" replay --quiet \
    --events "$out/events.jsonl" --alerts "$out/alerts.jsonl" --decisions "$out/decisions.jsonl" \
    --rejects "$out/rejects.jsonl"
end=$(date +%s.%N)
java -jar "$jar" evaluate --alerts "$out/alerts.jsonl" --labels "$out/labels.jsonl" | tail -n 16

python3 - "$out/gc.log" "$events" "$start" "$end" <<'PY'
import re, sys
log, events, start, end = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
after = []
for line in open(log):
    m = re.search(r'\[(\d+\.\d+)s\].*Pause.*->(\d+)M\(', line)
    if m:
        after.append((float(m.group(1)), int(m.group(2))))
wall = end - start
print(f"replay wall time {wall:.1f} s (JVM start and rule compilation included): {events / wall:,.0f} events/s")
if after:
    print(f"GCs: {len(after)}; heap after GC: peak {max(a for _, a in after)} MB")
    n = len(after)
    for q in range(4):
        part = after[q * n // 4:(q + 1) * n // 4] or after[-1:]
        print(f"  quarter {q + 1} of the run: heap after GC {min(a for _, a in part)}-{max(a for _, a in part)} MB")
PY
