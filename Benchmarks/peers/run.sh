#!/usr/bin/env bash
# Benchmarks/peers/run.sh: spaCy 3.8 + textacy 0.13 next to extract, on the same text.
# Run from the repository root after Benchmarks/peers/setup.sh. Optional; not run in CI.
#   1. throughput on ../shared/corpora/bench-sample.jsonl (the first $PEER_BYTES bytes for the
#      peer, default 1 MB, since spaCy runs well under 1 MB/s; extract runs the same records),
#   2. scores from ../shared/tools/score.py on the dev corpora ($PEER_CORPORA, default
#      "litbank polnear"; add pdnc for the novels, which takes the peer about half an hour).
set -euo pipefail
venv=${PEERS_VENV:-/tmp/qx-peers-venv}
shared=${SHARED:-../shared}
bytes=${PEER_BYTES:-1000000}
work=$(mktemp -d)
swift build -c release --product extract >/dev/null
X=$(swift build -c release --show-bin-path)/extract

python3 - "$shared/corpora/bench-sample.jsonl" "$bytes" > "$work/sample.jsonl" <<'PY'
import json, sys
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line); print(json.dumps({"id": d["id"], "text": d["text"]}))
    n += len(d["text"].encode()); 
    if n >= int(sys.argv[2]): break
PY
echo "== throughput on $(wc -l < "$work/sample.jsonl") records of bench-sample.jsonl"
"$venv/bin/python" Benchmarks/peers/textacy_quotes.py "$work/sample.jsonl" "$work/peer.out" 2> "$work/peer.json"
peer=$(python3 -c "import json;print(json.load(open('$work/peer.json'))['mb_per_s'])")
start=$(date +%s.%N)
for _ in 1 2 3 4 5; do "$X" -j 1 "$work/sample.jsonl" > "$work/ours.out"; done
end=$(date +%s.%N)
ours=$(python3 -c "print(round(5*$(stat -c %s "$work/sample.jsonl")/1e6/($end-$start),2))")
echo "spaCy+textacy: $peer MB/s   extract -j 1: $ours MB/s   ratio: $(python3 -c "print(round($ours/$peer))")x"

for c in ${PEER_CORPORA:-litbank polnear}; do
  gold=$shared/corpora/$c-dev.jsonl
  "$venv/bin/python" Benchmarks/peers/textacy_quotes.py "$gold" "$work/$c.peer" 2> "$work/$c.peer.json"
  "$X" "$gold" > "$work/$c.ours"
  for who in peer ours; do
    python3 "$shared/tools/score.py" "$gold" "$work/$c.$who" --json > "$work/$c.$who.score"
    python3 - "$work/$c.$who.score" "$c" "$who" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
g = lambda *k: (lambda v: round(v, 3) if isinstance(v, float) else v)(
    __import__("functools").reduce(lambda a, b: (a or {}).get(b), k, d))
print(f"{sys.argv[2]:8} {sys.argv[3]:5} partial F1 {g('partial','f1')}  exact_norm F1 {g('exact_norm','f1')}  "
      f"speaker {g('speaker','accuracy')}  type {g('type','accuracy')}")
PY
  done
  cat "$work/$c.peer.json"
done
echo "(work files in $work)"
