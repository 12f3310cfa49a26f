#!/usr/bin/env bash
# Every option and -z keyword that `ld.bfd --help` lists (its generic and ELF x86-64
# parts; the PE emulations' options do not apply to ELF) is known to rivet: none is
# answered "unknown option", and no -z keyword is "ignored". Options rivet does not do
# are refused by name ("not supported by rivet"), never accepted and ignored; the
# test prints how many. A wrong parser also fails here when a GNU ld spelling that
# collides with a one-letter option (-flto, -fuse-ld=, -dT, -Bgroup) is read as that
# letter with a value.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools ld.bfd python3

ld.bfd --help >bfd-help.txt
python3 - "$LD_RIVET" bfd-help.txt <<'PYEOF'
import re, subprocess, sys
rivet, help_file = sys.argv[1], sys.argv[2]
lines = []
for line in open(help_file):
    if re.match(r"^(elf32_x86_64|elf_i386|elf_iamcu|i386pep|i386pe):", line):
        break  # other emulations' options: not for an x86-64 ELF link
    lines.append(line.rstrip("\n"))
words = []
for line in lines:
    m = re.match(r"^  (-\S.*?)(\s{2,}|$)", line)
    if not m or m.group(1).startswith("@FILE"):
        continue
    spec = m.group(1)
    if spec.startswith("-z "):
        kw = spec[3:].split()[0]
        if "=" in kw:  # -z stack-size=SIZE, -z call-nop=PADDING, -z lam-report=[none|...]
            k, v = kw.split("=", 1)
            v = {"SIZE": "4096", "V": "hidden", "PADDING": "prefix-addr"}.get(v, v.strip("[]").split("|")[0])
            kw = k + "=" + v
        words.append(["-z", kw.replace("x86-64-{baseline|v[234]}", "x86-64-v2")])
        continue
    for part in spec.split(", "):
        m = re.match(r"^(-[^\s=\[<]+)(.*)$", part.strip())
        if not m:
            continue
        name, rest = m.group(1), m.group(2).strip()
        if not rest or rest.startswith("[="):
            words.append([name])
        elif rest.startswith("=") or rest.startswith("<"):  # --sysroot=<DIR>, --hash-size=<N>
            words.append([name + "=" + ("1" if "NUMBER" in rest or "SIZE" in rest else "x")])
        else:
            words.append([name, "1" if re.search(r"SIZE|COUNT|NUMBER", rest) else "x"])
if len(words) < 250:
    sys.exit(f"FAIL: expected ld.bfd --help to list at least 250 options, parsed {len(words)}")
unknown, ignored, refused = [], [], []
for w in words:
    r = subprocess.run([rivet] + w + ["--version"], capture_output=True, text=True)
    err = r.stderr
    if "unknown option" in err:
        unknown.append(" ".join(w))
    elif "ignored" in err or "not yet honoured" in err:
        ignored.append(" ".join(w))
    elif "not supported by rivet" in err:
        refused.append(" ".join(w))
print(f"# {len(words)} spellings from ld.bfd --help: {len(unknown)} unknown, "
      f"{len(ignored)} ignored, {len(refused)} refused by name", file=sys.stderr)
for w in refused:
    print(f"#   refused by name: {w}", file=sys.stderr)
if unknown or ignored:
    sys.exit("FAIL: options GNU ld lists that rivet does not know: " + "; ".join(unknown + ignored))
PYEOF

# Spellings that look like a one-letter option with a value must not be read so:
# -flto is not "-f lto" (an auxiliary filter, refused without -shared).
for w in -flto -flto=auto -flto-partition=none -fuse-ld=bfd; do
  out=$("$LD_RIVET" "$w" --version 2>&1) || fail "ld.rivet $w --version failed: $out"
  assert_not_contains "$out" "may not be used" "ld.rivet $w --version"
done
# A refused option is an error naming it, exit status 1, and no output file.
cat >main.c <<'EOF2'
int main(void) { return 0; }
EOF2
compile_c -o main.o main.c
for w in --ctf-variables --no-ctf-variables --ctf-share-types=x; do
  rm -f out.refused
  status=0
  "$LD_RIVET" "$w" main.o -o out.refused 2>err.txt || status=$?
  assert_eq "$status" 1 "exit status of ld.rivet $w"
  assert_contains "$(cat err.txt)" "${w%%=*}" "the error for $w"
  [ ! -e out.refused ] || fail "ld.rivet $w left an output file behind"
done
