#!/usr/bin/env python3
"""Write a deterministically perturbed copy of a gold file as predictions (for the eval tests).

Usage: perturb.py GOLD.jsonl OUT.jsonl

Per quote, by its index: drop it, cut its first word, widen it by one character, swap its
speaker with another quote's, keep only the last name, change its type, split it into pieces
sharing a group, or leave it; plus one spurious quote per document. Exercises every branch of
the scorer (exact, norm, partial, split, speaker, last name, alias, type, groups).
"""
import json
import sys

TYPES = ["direct", "indirect", "mixed"]
out = open(sys.argv[2], "w", encoding="utf-8")
for line in open(sys.argv[1], encoding="utf-8"):
    if not line.strip():
        continue
    d = json.loads(line)
    text = d["text"]
    quotes = []
    gq = d.get("quotes", [])
    for i, q in enumerate(gq):
        q = dict(q)
        q.pop("speaker_kind", None)
        k = i % 10
        c = q.get("content")
        if k == 0:
            continue
        if k == 1 and c:
            sp = text.find(" ", c[0], c[1])
            if sp > 0:
                q["content"] = [sp + 1, c[1]]
                q.pop("content_fragments", None)
        elif k == 2 and c:
            q["content"] = [max(c[0] - 1, 0), c[1]]
            q.pop("content_fragments", None)
        elif k == 3 and len(gq) > 1:
            o = gq[(i + 7) % len(gq)]
            q["speaker"], q["speaker_name"] = o.get("speaker"), o.get("speaker_name")
        elif k == 4 and q.get("speaker_name"):
            q["speaker_name"] = q["speaker_name"].split()[-1]
        elif k == 4 and q.get("speaker"):
            s = q["speaker"]
            q["speaker"] = None
            q["speaker_name"] = text[s[0]:s[1]]
        elif k == 5:
            q["type"] = TYPES[(TYPES.index(q["type"]) + 1) % 3] if q.get("type") in TYPES else "direct"
        elif k == 6 and c and c[1] - c[0] > 10:
            m = (c[0] + c[1]) // 2
            q.pop("content_fragments", None)
            a, b = dict(q), dict(q)
            a["content"], b["content"] = [c[0], m], [m, c[1]]
            a["group"] = b["group"] = "split-%d" % i
            quotes += [a]
            q = b
        elif k == 7 and c and c[1] - c[0] > 10:
            m = (c[0] + c[1]) // 2
            q.pop("content_fragments", None)
            q["content"] = [c[0], m]
            quotes.append(dict(q, content=[m, c[1]], group=None))
        elif k == 8:
            q["speaker"] = None
            q["speaker_name"] = None
        quotes.append(q)
    if text:
        quotes.append({"type": "indirect", "content": [0, min(len(text), 12)], "speaker": None,
                       "speaker_name": "Nobody"})
    out.write(json.dumps({"id": d["id"], "quotes": quotes}, ensure_ascii=False) + "\n")
