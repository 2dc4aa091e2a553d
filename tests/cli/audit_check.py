#!/usr/bin/env python3
"""audit_check.py — helpers for tests/cli/audit.sh (prints plain values,
or "ok" / a description of the first problem).

  get FILE KEY VALUE FIELD   FIELD (dotted) of the first JSON line whose KEY
                             (dotted) equals VALUE
  shifted VERDICTS DELTA     every verdict is moved with new_span = span + DELTA
  links RECORDS              every record's source bytes [span.start, span.end)
                             of doc.path, decoded with doc.encoding, give
                             span.text (white space and full-width forms
                             aside), and doc.sha256 is
                             the file's
  ok-line RECORDS N          the exact verdict line expected for an ok record N
                             of RECORDS (1-based), as mubiao audit prints it
"""
import hashlib
import json
import sys
import unicodedata


def dig(obj, dotted):
    for k in dotted.split("."):
        if not isinstance(obj, dict) or k not in obj:
            return None
        obj = obj[k]
    return obj


def lines(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def squeeze(s):
    """White space removed, compatibility forms folded (５％ is 5%)."""
    return "".join(unicodedata.normalize("NFKC", s).split())


def main(argv):
    cmd = argv[1]
    if cmd == "get":
        _, _, path, key, value, field = argv
        for o in lines(path):
            if str(dig(o, key)) == value:
                v = dig(o, field)
                print("null" if v is None else v)
                return
        print("(no line with %s = %s)" % (key, value))
    elif cmd == "shifted":
        _, _, path, delta = argv
        for o in lines(path):
            want = (o["span"]["start"] + int(delta), o["span"]["end"] + int(delta))
            got = (dig(o, "new_span.start"), dig(o, "new_span.end"))
            if o["status"] != "moved" or got != want:
                print("%s: %s %s, want moved %s" % (o["record"], o["status"], got, want))
                return
        print("ok")
    elif cmd == "links":
        for o in lines(argv[2]):
            src = open(o["doc"]["path"], "rb").read()
            if hashlib.sha256(src).hexdigest() != o["doc"]["sha256"]:
                print("%s: sha256 is not the file's" % o["id"])
                return
            s = o["span"]
            enc = {"utf-8": "utf-8", "gb18030": "gb18030"}[o["doc"]["encoding"]]
            got = src[s["start"] : s["end"]].decode(enc)
            if squeeze(got) != squeeze(s["text"]) or squeeze(o["quote"]["exact"]) != squeeze(s["text"]):
                print("%s: bytes %d-%d give %r, span.text is %r" % (o["id"], s["start"], s["end"], got, s["text"]))
                return
        print("ok")
    elif cmd == "ok-line":
        _, _, path, n = argv
        o = lines(path)[int(n) - 1]
        s = o["span"]
        v = {
            "record": "%s:%s" % (path, n),
            "id": o["id"],
            "status": "ok",
            "path": o["doc"]["path"],
            "span": {"start": s["start"], "end": s["end"]},
            "detail": "sha256 matches and bytes %d-%d give span.text" % (s["start"], s["end"]),
        }
        print(json.dumps(v, ensure_ascii=False, separators=(",", ":")))
    else:
        sys.exit("unknown command " + cmd)


main(sys.argv)
