#!/usr/bin/env bash
# Arguments read from @response files, with GNU (libiberty) quoting: double quotes,
# single quotes and backslash escapes, and a response file naming another. Two routes:
# `gcc -Wl,@objs.rsp` (collect2 expands it and hands ld.rivet its whole command line in
# a fresh response file of its own, with backslash-escaped spaces), and ld.rivet run
# directly on a nested response file.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools as

cat >main.c <<'EOF'
int in_spaced_file(int);
int in_quoted_file(int);
int in_escaped_file(int);
int main(void) { return in_spaced_file(1) + in_quoted_file(2) + in_escaped_file(3); }
EOF
cat >spaced.c <<'EOF'
int in_spaced_file(int x) { return x * 10; }
EOF
cat >quoted.c <<'EOF'
int in_quoted_file(int x) { return x * 100; }
EOF
cat >escaped.c <<'EOF'
int in_escaped_file(int x) { return x + 4; }
EOF
# Freestanding code: the direct ld.rivet link below has no libc.
flags=(-O1 -fno-stack-protector -fno-pie)
compile_c "${flags[@]}" -o main.o main.c
compile_c "${flags[@]}" -o "two words.o" spaced.c
compile_c "${flags[@]}" -o "single quoted.o" quoted.c
compile_c "${flags[@]}" -o "back slash.o" escaped.c
make_start_object start.o

# 1. Through the gcc driver. main() returns 10 + 200 + 7 = 217.
cat >objs.rsp <<'EOF'
main.o "two words.o"
'single quoted.o' back\ slash.o
EOF
link_both viadriver -Wl,@objs.rsp
run_both_and_compare viadriver
expect_status viadriver 217
elflint_compare viadriver

# 2. ld.rivet (and ld.bfd) run directly on a response file that names another one.
cat >nested.rsp <<'EOF'
'single quoted.o'
back\ slash.o
EOF
for side in rivet bfd; do
  printf -- '-static -e _start\n-o direct.%s\nstart.o main.o "two words.o"\n@nested.rsp\n' "$side" >"direct-$side.rsp"
done
run ld.bfd @direct-bfd.rsp
run "$LD_RIVET" @direct-rivet.rsp || fail "expected ld.rivet @direct-rivet.rsp (nested response files) to link, it failed"
run_both_and_compare direct
expect_status direct 217
elflint_compare direct
