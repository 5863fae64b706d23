#!/usr/bin/env python3
"""Build a JSON Lines corpus of a given size from shared/corpora/bench-sample.jsonl.

Usage: make_corpus.py SIZE_MB OUT.jsonl [--sample PATH] [--seed N] [--malformed PERCENT]

The sample's records are repeated and shuffled (one shuffle per pass, seeded) until the file
reaches SIZE_MB; each copy gets a unique id ("<id>#<pass>"). With --malformed, that share of
lines is replaced by a malformed one, cycling through: bad JSON, missing text, non-string text,
invalid UTF-8, empty text. Write the output to /tmp: corpus text must never be committed.
"""
import argparse
import json
import os
import random

here = os.path.dirname(os.path.abspath(__file__))
default_sample = os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "corpora",
                                               "bench-sample.jsonl"))

MALFORMED = [
    lambda i: b'{"id": "bad-json-%d", "text": "unterminated' % i,
    lambda i: b'{"id": "missing-text-%d", "body": "no text field"}' % i,
    lambda i: b'{"id": "non-string-%d", "text": 42}' % i,
    lambda i: b'{"id": "invalid-utf8-%d", "text": "caf\xc3 \xff"}' % i,
    lambda i: b'{"id": "empty-%d", "text": ""}' % i,
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("size_mb", type=float)
    ap.add_argument("out")
    ap.add_argument("--sample", default=default_sample)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--malformed", type=float, default=0.0)
    args = ap.parse_args()
    records = [json.loads(line) for line in open(args.sample, encoding="utf-8") if line.strip()]
    rng = random.Random(args.seed)
    target = int(args.size_mb * 1024 * 1024)
    written = lines = bad = 0
    with open(args.out, "wb") as out:
        n = 0
        while written < target:
            order = list(range(len(records)))
            rng.shuffle(order)
            for i in order:
                if written >= target:
                    break
                lines += 1
                if args.malformed and rng.random() * 100 < args.malformed:
                    line = MALFORMED[bad % len(MALFORMED)](bad) + b"\n"
                    bad += 1
                else:
                    r = records[i]
                    line = (json.dumps({"id": f"{r['id']}#{n}", "source": r.get("source"),
                                        "text": r["text"]}, ensure_ascii=False) + "\n").encode()
                out.write(line)
                written += len(line)
            n += 1
    print(f"{args.out}: {lines} lines, {written / 1048576:.1f} MiB, {bad} malformed")


if __name__ == "__main__":
    main()
