#!/bin/bash
# Corpus-size runs for issue 5: peak memory on >= 1 GiB, -j 2 versus -j 1 on 100 MiB.
# Usage (from the repository root): bash Benchmarks/corpus/run.sh [EXTRACT]
# Corpora are written to /tmp (never commit them). Needs python3 and /usr/bin/time.
# NB: on a shared machine, other sessions take CPU and hide the -j 2 speed-up; run it when the
# machine is idle (or in its own autogroup with a higher priority, as the report says).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
X=${1:-}
if [ -z "$X" ]; then
  swift build -c release --product extract >/dev/null
  X="$(swift build -c release --show-bin-path)/extract"
fi
W=${CORPUS_DIR:-/tmp/qx-corpus}
mkdir -p "$W"
[ -f "$W/c100.jsonl" ] || python3 "$here/make_corpus.py" 100 "$W/c100.jsonl" --seed 1
[ -f "$W/c1g.jsonl" ] || python3 "$here/make_corpus.py" 1040 "$W/c1g.jsonl" --seed 2

echo "== speed on 100 MiB: -j 1 then -j 2 (twice)"
for round in 1 2; do
  for j in 1 2; do
    s=$(date +%s.%N)
    "$X" -j $j "$W/c100.jsonl" > "$W/out-j$j.jsonl"
    e=$(date +%s.%N)
    echo "round $round -j $j: $(echo "$e - $s" | bc) s"
  done
  cmp -s "$W/out-j1.jsonl" "$W/out-j2.jsonl" && echo "  outputs identical"
done

echo "== memory on $(du -m "$W/c1g.jsonl" | cut -f1) MiB with -j 2"
/usr/bin/time -v "$X" -j 2 --stats "$W/c1g.jsonl" 2> "$W/time.txt" > "$W/out-1g.jsonl"
grep -E "Maximum resident|Elapsed" "$W/time.txt"
grep -E "^(documents|attributions|throughput|errors)" "$W/time.txt"
echo "input lines: $(wc -l < "$W/c1g.jsonl"), output lines: $(wc -l < "$W/out-1g.jsonl")"

echo "== 1 % malformed lines on 100 MiB with -j 2"
[ -f "$W/c100bad.jsonl" ] || python3 "$here/make_corpus.py" 100 "$W/c100bad.jsonl" --seed 3 --malformed 1
"$X" -j 2 --stats "$W/c100bad.jsonl" > "$W/out-bad.jsonl" 2> "$W/stats-bad.txt" || true
cat "$W/stats-bad.txt"
echo "input lines: $(wc -l < "$W/c100bad.jsonl"), output lines: $(wc -l < "$W/out-bad.jsonl")"
