#!/usr/bin/env bash
# atexit handlers registered by a library (from its constructor and from a function the
# executable calls) and by the executable run in reverse order of registration at
# exit, interleaved with the destructors, and the exit status from main survives.
# atexit in a dynamically linked program is libc_nonshared.a's wrapper around
# __cxa_atexit with the calling module's __dso_handle, so each module must get its own
# hidden __dso_handle. In each mode.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
#include <stdio.h>
#include <stdlib.h>
static void lib_from_ctor(void) { printf("lib handler registered in ctor\n"); }
static void lib_from_call(void) { printf("lib handler registered by call\n"); }
__attribute__((constructor)) static void lib_ctor(void) { atexit(lib_from_ctor); }
void lib_register(void) { atexit(lib_from_call); }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
#include <stdlib.h>
void lib_register(void);
static void exe_first(void) { printf("exe handler 1\n"); }
static void exe_second(void) { printf("exe handler 2\n"); fflush(stdout); }
int main(void) {
  atexit(exe_first);
  lib_register();
  atexit(exe_second);
  printf("main returns\n");
  return 13;
}
EOF2
build_shlib libae.so libae.so lib.c
export LD_LIBRARY_PATH="$PWD"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -L. -lae
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "main returns
exe handler 2
lib handler registered by call
exe handler 1
lib handler registered in ctor"
  expect_status prog-"$mode" 13
  f=prog-$mode.rivet
  assert_eq "$(dynsym_count "$f" __dso_handle)" 0 "$f: .dynsym entries for the executable's hidden __dso_handle"
done
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done
