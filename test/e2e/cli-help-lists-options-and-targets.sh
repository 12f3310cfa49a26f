#!/usr/bin/env bash
# `ld.rivet --help` lists every option rivet accepts, one a line in GNU ld's shape, and
# ends with the "supported targets" and "supported emulations" lines that libtool and
# configure scripts read: libtool decides that a linker can build shared libraries on
# Linux only when `$LD --help` matches ': supported targets:.* elf', and that it is GNU
# ld when `$LD -v` says GNU. Each flag --help lists is accepted by the parser.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

status=0
"$LD_RIVET" --help >help.out 2>help.err || status=$?
assert_eq "$status" 0 "exit status of ld.rivet --help"
[ ! -s help.err ] || fail "expected nothing on stderr from --help, got: $(cat help.err)"
# libtool.m4 (_LT_LINKER_SHLIBS, linux*): shared libraries only with this match.
grep -Eq ': supported targets:.* elf' help.out || fail "expected a ': supported targets: ... elf' line in --help:"$'\n'"$(tail -5 help.out)"
assert_contains "$(grep 'supported emulations:' help.out)" elf_x86_64 "the emulations line of --help"
# libtool.m4 (_LT_PATH_LD_GNU): "GNU" or "with BFD" in `$LD -v`.
"$LD_RIVET" -v </dev/null >v.out 2>&1 || fail "ld.rivet -v exited non-zero: $(cat v.out)"
grep -Eq 'GNU|with BFD' v.out || fail "expected ld.rivet -v to mention GNU (libtool's probe), got: $(cat v.out)"
# The same probe as configure runs it, with an emulation option in LD.
"$LD_RIVET" -m elf_x86_64 --help 2>&1 | grep -Eq ': supported targets:.* elf' ||
  fail "expected 'ld.rivet -m elf_x86_64 --help' to print the targets line"

# --print-sysroot: GNU ld's testsuite and build scripts ask for it; rivet has no
# default sysroot, so like GNU ld it prints nothing unless --sysroot gives one.
assert_eq "$("$LD_RIVET" --print-sysroot | od -An -c | tr -d ' ')" "" "bytes printed by ld.rivet --print-sysroot"
assert_eq "$("$LD_RIVET" --sysroot=/opt/sr --print-sysroot)" "/opt/sr" "ld.rivet --sysroot=/opt/sr --print-sysroot"

# Options that build scripts and test suites look for by name.
for opt in --gc-sections --version-script --as-needed --build-id --hash-style --soname \
  --export-dynamic --whole-archive --no-undefined --plugin -z; do
  grep -Eq -- "(^|[ ,])$opt([ =,[]|\$)" help.out || fail "expected --help to list $opt"
done

# Every flag --help shows (an option without a value) is accepted by the parser:
# with --version after it, the command line is checked and nothing is linked.
flags=$(sed -n 's/^  \(-[^ ,[]*\)\(, \(-[^ ,[]*\)\)*  .*/\1/p; s/^  \(-[^ ,[]*\)$/\1/p' help.out | sort -u)
count=0
for f in $flags; do
  case $f in -v|--version|-V|--help|-z|-\(|-\)) continue ;; esac
  out=$("$LD_RIVET" "$f" --version 2>&1) || fail "ld.rivet rejected $f, which its --help lists: $out"
  count=$((count + 1))
done
[ "$count" -gt 60 ] || fail "expected more than 60 flags in --help, found $count"
# -z keywords listed without a value are accepted without a warning.
for k in $(sed -n 's/^  -z \([a-z0-9-]*\) .*/\1/p' help.out); do
  out=$("$LD_RIVET" -z "$k" --version 2>&1) || fail "ld.rivet rejected -z $k: $out"
  assert_not_contains "$out" "ignored" "ld.rivet -z $k --version"
done
