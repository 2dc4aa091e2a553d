#!/bin/sh
# tests/cli/jit.sh — extract and numbers JIT-compile the recognizer's
# patterns only for inputs worth it (cli_jit: standard input, JSON Lines,
# or files of MUBIAO_JIT_MIN bytes together, 32 KiB by default); pcre2's
# interpreter must give exactly the JIT's output. MUBIAO_JIT_MIN=0 forces
# JIT, a huge value forbids it: every gold document, the corpus and
# standard input give the same records, numbers and messages either way,
# one file at a time and all together with --jobs 2.
. "$TOP/tests/cli/lib.sh"

both() { # WHAT ARGS...: the same output with and without JIT
    what=$1
    shift
    MUBIAO_JIT_MIN=0 "$MUBIAO" "$@" >"$T/jit" 2>"$T/jit.err"
    rc1=$?
    MUBIAO_JIT_MIN=999999999999 "$MUBIAO" "$@" >"$T/interp" 2>"$T/interp.err"
    rc2=$?
    if [ -s "$T/jit" ] && cmp -s "$T/jit" "$T/interp" && cmp -s "$T/jit.err" "$T/interp.err" && [ "$rc1" = "$rc2" ]; then
        _ok "$what: interpreter as JIT ($(wc -l <"$T/jit") lines)"
    else
        _notok "$what: interpreter as JIT"
        diff "$T/jit" "$T/interp" | head -4 | cut -c1-300
    fi
}

for f in "$TOP"/tests/gold/docs/* "$TOP"/corpus/*.txt; do
    b=$(basename "$f")
    both "$b extract" extract --explain "$f"
    both "$b numbers" numbers "$f"
done
both "all, extract --jobs 2" extract --jobs 2 "$TOP"/tests/gold/docs
both "all, numbers --jobs 2" numbers --jobs 2 "$TOP"/tests/gold/docs
f=$(ls "$TOP"/tests/gold/docs/*.txt | head -1)
MUBIAO_JIT_MIN=0 "$MUBIAO" extract "$f" >"$T/jit"
"$MUBIAO" extract - <"$f" | sed "s|\"path\":\"-\"|\"path\":\"$f\"|" >"$T/stdin"
"$MUBIAO" extract "$f" >"$T/small"
expect_eq "standard input (JIT) and a small file (none) as forced JIT" \
    "$(cmp -s "$T/jit" "$T/small" && cmp -s "$T/jit" "$T/stdin" && echo same)" same
MUBIAO_JIT_MIN=abc "$MUBIAO" extract "$f" >"$T/bad"
expect_eq "an unreadable MUBIAO_JIT_MIN is the default" "$(cmp -s "$T/jit" "$T/bad" && echo same)" same
