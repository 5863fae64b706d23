#!/bin/bash
# Issue 6: extract on 100 MiB and 1 GiB corpora (built by make_corpus.py, shared with run.sh)
# with -j 1 and -j 2: MB/s, documents/s and peak memory, next to the bare ICU passes over the
# same text (stage-ratios on bench-sample, whose records the corpora repeat), as ratios.
# Usage (from the repository root): bash Benchmarks/corpus/ratios.sh [EXTRACT]
# Each row's ICU baseline is the mean of two measures, just before and just after its run.
# The first is the one printed at the top; each row's second is the next row's first.
# MB are text bytes (UTF-8, as in stage-ratios). "wall" rates are what a user sees; "cpu" rates
# divide by user+sys CPU time, which a loaded machine disturbs less. Corpora go to /tmp.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
X=${1:-}
if [ -z "$X" ]; then
  (cd "$root" && swift build -c release --product extract >/dev/null)
  X="$(cd "$root" && swift build -c release --show-bin-path)/extract"
fi
W=${CORPUS_DIR:-/tmp/qx-corpus}
mkdir -p "$W"
[ -f "$W/c100.jsonl" ] || python3 "$here/make_corpus.py" 100 "$W/c100.jsonl" --seed 1
[ -f "$W/c1g.jsonl" ] || python3 "$here/make_corpus.py" 1040 "$W/c1g.jsonl" --seed 2

(cd "$root/Benchmarks" && swift build -c release --product stage-ratios >/dev/null)
ratios="$(cd "$root/Benchmarks" && swift build -c release --show-bin-path)/stage-ratios"
# The bare ICU passes are measured again just before and just after each run of extract, and
# that run's ratios divide by the mean of the two: a shared host's speed drifts (by a third
# from one minute to the next on some days), and a baseline measured minutes away from the run
# it is compared with then says more about the host than about extract.
baselines() { # sets icu_word and icu_sentence (MB/s)
  "$ratios" --rounds 3 --only "baseline: ICU" > "$W/baselines.txt"
  icu_sentence=$(awk '/^baseline: ICU sentence pass/ {print $(NF-1)}' "$W/baselines.txt")
  icu_word=$(awk '/^baseline: ICU word pass/ {print $(NF-1)}' "$W/baselines.txt")
}
baselines
echo "bare ICU passes (thread CPU time, bench-sample): sentence $icu_sentence MB/s, word $icu_word MB/s"
echo "(measured again before and after each run below; a row's ratios use the mean of its two)"

text_bytes() { # cached: text bytes and documents of a corpus
  [ -f "$1.count" ] || python3 - "$1" > "$1.count" <<'PY'
import json, sys
b = n = 0
for line in open(sys.argv[1], "rb"):
    try:
        t = json.loads(line).get("text")
    except ValueError:
        continue
    if isinstance(t, str):
        b += len(t.encode("utf-8", "surrogatepass")); n += 1
print(b, n)
PY
  cat "$1.count"
}

printf "%-6s %3s %9s %9s %9s %8s %9s %10s %12s\n" corpus -j "wall MB/s" "cpu MB/s" "docs/s" "peak MB" "ICU word" "÷ICU word" "÷ICU sentence"
declare -A wall peak
for c in c100 c1g; do
  read -r bytes docs < <(text_bytes "$W/$c.jsonl")
  for j in 1 2; do
    # NB: the measure after a run is the next run's measure before it (one measure per gap).
    word_before=$icu_word sentence_before=$icu_sentence
    /usr/bin/time -f "%e %U %S %M" -o "$W/time-$c-$j.txt" "$X" -j $j "$W/$c.jsonl" > /dev/null
    read -r elapsed user sys rss < "$W/time-$c-$j.txt"
    baselines
    python3 - "$c" "$j" "$bytes" "$docs" "$elapsed" "$user" "$sys" "$rss" \
      "$word_before" "$icu_word" "$sentence_before" "$icu_sentence" <<'PY'
import sys
c, j, b, n, e, u, s, rss = sys.argv[1:9]
b, n, e, u, s, rss = int(b), int(n), float(e), float(u), float(s), int(rss)
w0, w1, s0, s1 = map(float, sys.argv[9:])
w, st = (w0 + w1) / 2, (s0 + s1) / 2
wall = b / 1e6 / e; cpu = b / 1e6 / (u + s)
print(f"{c:6} {j:>3} {wall:9.1f} {cpu:9.1f} {n / e:9.0f} {rss / 1024:8.0f} {w:9.1f} {wall / w:10.2f} "
      f"{wall / st:12.2f}")
PY
    wall[$c$j]=$elapsed
    peak[$c$j]=$(awk '{print $4}' "$W/time-$c-$j.txt")
  done
done
python3 - "${wall[c1001]}" "${wall[c1002]}" "${wall[c1g1]}" "${wall[c1g2]}" \
  "${peak[c1002]}" "${peak[c1g2]}" <<'PY'
import sys
a1, a2, g1, g2, m100, m1g = map(float, sys.argv[1:])
print(f"-j 2 speed-up (wall): 100 MiB {a1 / a2:.2f}x, 1 GiB {g1 / g2:.2f}x (issue 6 asks >= 1.8x; "
      "needs 2 idle cores)")
print(f"peak memory -j 2, 1 GiB / 100 MiB: {m1g / m100:.2f} (flat means about 1)")
PY
