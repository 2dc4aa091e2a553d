#!/usr/bin/env python3
"""seg-score.py GOLD TEST — precision, recall and F1 of a word segmentation.

Both files hold one sentence a line, words separated by whitespace (the
SIGHAN 2005 gold format, and the output of `mubiao segment` or
`python3 -m jieba -d ' '`).  Words are compared as character spans: each
word is NFKC-normalized (so full-width digits and letters in the gold match
the half-width ones mubiao's normalization produces), then a word counts as
correct when the test has a word with the same start and end character
offsets in its line.  Lines whose characters differ after normalization
are counted and reported (they should be 0).  Prints one line:
  P=0.xxxx R=0.xxxx F1=0.xxxx gold=N test=N correct=N lines=N mismatched=N
"""
import sys
import unicodedata


def spans(line):
    out, pos, text = set(), 0, []
    for w in line.split():
        w = unicodedata.normalize("NFKC", w)
        w = "".join(w.split())
        if not w:
            continue
        out.add((pos, pos + len(w)))
        pos += len(w)
        text.append(w)
    return out, "".join(text)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        gold = f.read().splitlines()
    with open(sys.argv[2], encoding="utf-8") as f:
        test = f.read().splitlines()
    while gold and not gold[-1].strip():
        gold.pop()
    while test and not test[-1].strip():
        test.pop()
    if len(gold) != len(test):
        sys.exit("seg-score: %d gold lines but %d test lines" % (len(gold), len(test)))
    ng = nt = nc = bad = 0
    for g, t in zip(gold, test):
        gs, gtext = spans(g)
        ts, ttext = spans(t)
        if gtext != ttext:
            bad += 1
        ng += len(gs)
        nt += len(ts)
        nc += len(gs & ts)
    p = nc / nt if nt else 0.0
    r = nc / ng if ng else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print("P=%.4f R=%.4f F1=%.4f gold=%d test=%d correct=%d lines=%d mismatched=%d"
          % (p, r, f, ng, nt, nc, len(gold), bad))


if __name__ == "__main__":
    main()
