# tests/cli/man.sh — the man page's COMMANDS section is the program's own
# help: `mubiao --help` and `mubiao help CMD` of every command, verbatim
# (made by `mubiao help --man` when building BUILD/mubiao.1).
. "$TOP/tests/cli/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
MAN="$(dirname "$MUBIAO")/mubiao.1"
expect_eq "the build made $MAN" "$([ -s "$MAN" ] && echo yes)" "yes"
cmds=$("$MUBIAO" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p' | grep -v '^help$')
expect_eq "mubiao --help lists 12 commands" "$(echo "$cmds" | wc -l | tr -d ' ')" "12"
"$MUBIAO" --help >"$T/top.txt"
for c in $cmds; do "$MUBIAO" help "$c" >"$T/help-$c.txt"; done
out=$("$PY" - "$MAN" "$T" $cmds <<'PYEOF'
import re, sys
man, tdir, cmds = sys.argv[1], sys.argv[2], sys.argv[3:]
src = open(man, encoding="utf-8").read()
def unroff(block):
    return "".join(re.sub(r"^\\&", "", l).replace("\\-", "-").replace("\\e", "\\") for l in block.splitlines(True))
blocks = re.findall(r"^\.nf\n(.*?)^\.fi\n", src, re.S | re.M)
sections = re.findall(r"^\.SS (\S+)\n", src, re.M)
print("sections", sections == cmds)
print("top", unroff(blocks[0]) == open(tdir + "/top.txt", encoding="utf-8").read())
for c, b in zip(cmds, blocks[1:]):
    want = open("%s/help-%s.txt" % (tdir, c), encoding="utf-8").read()
    print(c, unroff(b) == want)
PYEOF
)
expect_eq "one .SS section a command, in --help's order" "$(echo "$out" | sed -n 1p)" "sections True"
expect_eq "COMMANDS starts with mubiao --help, verbatim" "$(echo "$out" | sed -n 2p)" "top True"
for c in $cmds; do
    expect_eq "man page: mubiao help $c, verbatim (every option)" "$(echo "$out" | grep "^$c ")" "$c True"
done
if command -v man >/dev/null 2>&1; then
    rendered=$(MANWIDTH=120 man -l "$MAN" 2>"$T/man.err")
    case "$rendered" in *"--sort KEY"*"--no-bom"*) _ok "man -l renders it (query's --sort, history's --no-bom)" ;;
    *) _notok "man -l renders it: $(head -3 "$T/man.err")" ;; esac
else
    skip "man not installed: rendering not checked"
fi
