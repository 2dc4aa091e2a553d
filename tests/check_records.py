#!/usr/bin/env python3
"""check_records.py EXPECT RECORDS.jsonl [--exact-count]

Compare mubiao extract output with an expectation file: one line per
record, tab-separated: quote, kind, indicator, value (or min~max), unit,
comparator, change, year, period ('null' for null). A record matches a
line when its span text (spaces removed) lies inside the quote or the
quote inside it, and its value agrees. Prints "ok"/"not ok" per line.
With --exact-count, also checks that there are no other records."""
import json
import sys


def canon(s):
    return "".join((s or "").split())


def parse_value(v):
    if v == "null":
        return None
    if "~" in v:
        a, b = v.split("~")
        return (float(a), float(b))
    return float(v)


def value_of(r):
    if r.get("min") is not None or r.get("max") is not None:
        return (r.get("min"), r.get("max"))
    return r.get("value")


def same_value(want, got):
    if isinstance(want, tuple):
        return isinstance(got, tuple) and all(g is not None and abs(w - g) <= 1e-9 * max(1, abs(w)) for w, g in zip(want, got))
    if want is None:
        return got is None
    return isinstance(got, (int, float)) and abs(want - got) <= 1e-9 * max(1.0, abs(want))


def main():
    expect, pred = sys.argv[1], sys.argv[2]
    exact_count = "--exact-count" in sys.argv
    records = [json.loads(l) for l in open(pred, encoding="utf-8") if l.strip()]
    used = set()
    n = 0
    fails = 0
    for line in open(expect, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        f = line.split("\t")
        quote, kind, ind, val, unit, cmp_, change, year, period = f
        want = parse_value(val)
        q = canon(quote)
        hit = None
        for i, r in enumerate(records):
            if i in used:
                continue
            t = canon(r["span"]["text"])
            if (t in q or q in t) and same_value(want, value_of(r)):
                hit = i
                break
        n += 1
        if hit is None:
            fails += 1
            print(f"not ok {n} - {quote}: no record with value {val}")
            continue
        used.add(hit)
        r = records[hit]
        got = {
            "kind": r["kind"], "indicator": r["indicator"], "unit": r["unit"], "comparator": r["comparator"],
            "change": r["change"], "year": r["year"], "period": r["period"],
        }
        wantf = {
            "kind": kind, "indicator": ind, "unit": None if unit == "null" else unit,
            "comparator": None if cmp_ == "null" else cmp_, "change": change,
            "year": None if year == "null" else int(year), "period": None if period == "null" else period,
        }
        diff = [f"{k}: got {got[k]!r} want {wantf[k]!r}" for k in wantf if got[k] != wantf[k]]
        if diff:
            fails += 1
            print(f"not ok {n} - {quote}: " + "; ".join(diff))
        else:
            print(f"ok {n} - {quote}")
    if exact_count:
        n += 1
        extra = [records[i]["span"]["text"] for i in range(len(records)) if i not in used]
        if extra:
            print(f"not ok {n} - no other records: extra {extra}")
        else:
            print(f"ok {n} - no other records")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
