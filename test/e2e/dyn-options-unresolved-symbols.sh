#!/usr/bin/env bash
# GNU ld's handling of undefined symbols, option by option, against ld.bfd's exit
# status: --unresolved-symbols=ignore-all|report-all|ignore-in-object-files|
# ignore-in-shared-libs in a shared object and in an executable,
# --warn-unresolved-symbols (a warning, the link succeeds), --error-unresolved-symbols
# (undoes it), --ignore-unresolved-symbol NAME, --require-defined NAME (extracts like
# -u, an error when nothing defines it, a warning under -noinhibit-exec), and -w (warnings hidden, errors still fatal).
# A program whose undefined function was let pass runs until it is called; the loader
# then names it.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools ar

cat >lib.c <<'EOF2'
extern int nowhere(void);
int lib_calls_nowhere(void) { return nowhere(); }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int nowhere(void);
int main(int argc, char **argv) {
  (void)argv;
  puts("started");
  fflush(stdout);
  return argc > 1 ? nowhere() : 0;
}
EOF2
compile_c -fPIC -o lib.o lib.c
compile_c -o main.o main.c

# expect_same_status WHAT RIVET-COMMAND... -- BFD-COMMAND...
statuses() {
  local r=0 b=0
  "${rivet_cmd[@]}" >rivet.err 2>&1 || r=$?
  "${bfd_cmd[@]}" >bfd.err 2>&1 || b=$?
  assert_eq "$r" "$b" "exit status of rivet with $1 (ld.bfd's: $b; rivet said: $(head -3 rivet.err))"
}
for mode in ignore-all report-all ignore-in-object-files ignore-in-shared-libs; do
  rivet_cmd=("$LD_RIVET" -shared -o lib.rivet.so lib.o --unresolved-symbols=$mode)
  bfd_cmd=(ld.bfd -shared -o lib.bfd.so lib.o --unresolved-symbols=$mode)
  statuses "-shared --unresolved-symbols=$mode"
  rivet_cmd=(gcc -B"$RIVET_LIBEXEC/" -o main.rivet main.o -Wl,--unresolved-symbols=$mode)
  bfd_cmd=(gcc -fuse-ld=bfd -o main.bfd main.o -Wl,--unresolved-symbols=$mode)
  statuses "an executable and --unresolved-symbols=$mode"
done
for extra in --warn-unresolved-symbols "--warn-unresolved-symbols --error-unresolved-symbols" \
  "--ignore-unresolved-symbol nowhere" "--ignore-unresolved-symbol elsewhere" "-z defs" "-z undefs"; do
  rivet_cmd=("$LD_RIVET" -shared -o lib.rivet.so lib.o -z defs $extra)
  bfd_cmd=(ld.bfd -shared -o lib.bfd.so lib.o -z defs $extra)
  statuses "-shared -z defs $extra"
done

# Let pass, the executable runs; the call fails at run time, naming the symbol.
gcc -B"$RIVET_LIBEXEC/" -o pass.rivet main.o -Wl,--warn-unresolved-symbols 2>warn.txt
assert_contains "$(cat warn.txt)" "warning: undefined reference to \`nowhere'" "the warning of --warn-unresolved-symbols"
assert_eq "$(./pass.rivet)" started "pass.rivet without calling nowhere"
status=0
./pass.rivet call >/dev/null 2>run.err || status=$?
[ "$status" != 0 ] || fail "expected pass.rivet to fail when it calls the missing function"
assert_contains "$(cat run.err)" nowhere "the loader's error when the missing function is called"
gcc -B"$RIVET_LIBEXEC/" -o ignored.rivet main.o -Wl,--ignore-unresolved-symbol,nowhere 2>ignored.txt
assert_eq "$(cat ignored.txt)" "" "messages of a link with --ignore-unresolved-symbol nowhere"

# --require-defined: extracts the member that defines it, or fails naming it.
cat >member.c <<'EOF2'
int required_thing = 7;
EOF2
compile_c -o member.o member.c
run ar rcs libreq.a member.o
cat >plain.c <<'EOF2'
int main(void) { return 0; }
EOF2
compile_c -o plain.o plain.c
dlink_rivet req.rivet plain.o -Wl,--require-defined=required_thing libreq.a
readelf -sW req.rivet | grep -q ' required_thing$' || fail "expected --require-defined to extract member.o from libreq.a"
status=0
gcc -B"$RIVET_LIBEXEC/" -o noreq.rivet plain.o -Wl,--require-defined=absent_thing 2>req.err || status=$?
assert_eq "$status" 1 "exit status with --require-defined of an undefined name"
assert_contains "$(cat req.err)" "required symbol \`absent_thing' not defined" "the --require-defined error"
[ ! -e noreq.rivet ] || fail "a failed link left noreq.rivet behind"
# -noinhibit-exec: the same message, and the output is written with exit status 0 (GNU ld).
dlink_rivet noreq-kept.rivet plain.o -Wl,--require-defined=absent_thing -Wl,-noinhibit-exec 2>req-kept.err
assert_contains "$(cat req-kept.err)" "required symbol \`absent_thing' not defined" "the --require-defined message under -noinhibit-exec"
./noreq-kept.rivet || fail "noreq-kept.rivet, written under -noinhibit-exec, did not run"
dlink_bfd noreq-kept.bfd plain.o -Wl,--require-defined=absent_thing -Wl,-noinhibit-exec 2>/dev/null ||
  fail "ld.bfd refused the link under -noinhibit-exec (the case this compares with)"

# -w: a warning disappears; an error still fails the link.
printf '.text\n.globl main\nmain: xor %%eax, %%eax\nret\n' >nostack.s
run as -o nostack.o nostack.s
gcc -B"$RIVET_LIBEXEC/" -o nostack.rivet nostack.o 2>with-warning.txt
assert_contains "$(cat with-warning.txt)" "warning" "the link of an object without .note.GNU-stack"
gcc -B"$RIVET_LIBEXEC/" -o nostack.rivet nostack.o -Wl,-w 2>no-warning.txt
assert_eq "$(cat no-warning.txt)" "" "messages of the same link with -w"
status=0
gcc -B"$RIVET_LIBEXEC/" -o werr.rivet main.o -Wl,-w 2>/dev/null || status=$?
assert_eq "$status" 1 "exit status of a link with an undefined symbol and -w"
