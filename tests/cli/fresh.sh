# tests/cli/fresh.sh — scripts/check-fresh-debian takes its commands from
# the README's set-up section, as written (the check itself needs root and
# a Debian mirror: it runs in .ci/run, not here).
. "$TOP/tests/cli/lib.sh"
FRESH="$TOP/scripts/check-fresh-debian"

sh "$FRESH" --commands >"$T/cmds" 2>"$T/err"
expect_eq "--commands: exit 0" "$?" 0
expect_eq "--commands: the README's test command is among them (.ci/run runs it)" \
    "$(sed 's/[[:space:]]*#.*//' "$T/cmds" | grep -cx 'make check')" 1
expect_eq "--commands: no comment or empty line" "$(grep -c '^[[:space:]]*\(#.*\)\{0,1\}$' "$T/cmds")" 0

cat >"$T/README.md" <<'MD'
# x

```sh
echo before the section
```

## Two commands on a fresh Debian machine

Text, then a block that is not sh:

```
echo not sh
```

```sh
# a comment line

apt-get update && apt-get install -y make
make demo     # a comment after it stays
```

More text, a second block:

```sh
  make check
```

## Two commands on a fresh Debian machine, not quite

```sh
echo another section
```

## Usage

```sh
echo after the section
```
MD
sh "$FRESH" --commands "$T/README.md" >"$T/cmds2"
expect_eq "--commands README: every line of the section's sh blocks, as written, in order" "$(cat "$T/cmds2")" \
    "apt-get update && apt-get install -y make
make demo     # a comment after it stays
  make check"
sh "$FRESH" --commands "$T/nonexistent.md" >/dev/null 2>&1
expect_eq "--commands of a missing file fails" "$([ $? -ne 0 ] && echo fails)" fails
sh "$FRESH" --bogus >/dev/null 2>"$T/err"
expect_eq "unknown option: exit 2" "$?" 2
expect_grep "unknown option: usage" "usage: scripts/check-fresh-debian" "$T/err"
