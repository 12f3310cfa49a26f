#!/usr/bin/env bash
# -z now asks for immediate binding: DT_FLAGS has DF_BIND_NOW and DT_FLAGS_1 has
# DF_1_NOW. The effect: a program whose library lacks, at run time, a function the
# program references (but never calls) is refused by the loader at startup with
# "undefined symbol", where the lazily bound build of the same program runs.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

mkdir -p v1 v2
cat >v1.c <<'EOF2'
int lib_present(int x) { return x + 1; }
int lib_gone(int x) { return x - 1; }
EOF2
cat >v2.c <<'EOF2'
int lib_present(int x) { return x + 1; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int lib_present(int), lib_gone(int);
int main(int argc, char **argv) {
  (void)argv;
  printf("present %d\n", lib_present(41));
  if (argc > 5) printf("gone %d\n", lib_gone(1));
  return 0;
}
EOF2
build_shlib v1/libnow.so libnow.so v1.c
build_shlib v2/libnow.so libnow.so v2.c
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both now-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -Lv1 -lnow -Wl,-z,now
done
unset LD_BIND_NOW
for mode in "${DYN_MODES[@]}"; do
  f=now-$mode.rivet
  flags=$(dynamic_values "$f" FLAGS)
  flags1=$(dynamic_values "$f" FLAGS_1)
  case " $flags " in *" BIND_NOW "*) ;; *) fail "$f: expected BIND_NOW in DT_FLAGS with -z now, got '$flags'" ;; esac
  case " $flags1 " in *" NOW "*) ;; *) fail "$f: expected NOW in DT_FLAGS_1 with -z now, got '$flags1'" ;; esac

  LD_LIBRARY_PATH="$PWD/v1" run_both_and_compare now-"$mode"
  expect_stdout now-"$mode" "present 42"
  LD_LIBRARY_PATH="$PWD/v2" run_both_and_compare now-"$mode"
  expect_status now-"$mode" 127
  assert_contains "$(cat now-"$mode".rivet.stderr)" "undefined symbol: lib_gone" "stderr of $f started against a library without lib_gone"
  [ ! -s now-"$mode".rivet.stdout ] || fail "$f: expected no output from a program the loader refuses, got: $(cat now-"$mode".rivet.stdout)"
done
for mode in "${DYN_MODES[@]}"; do elflint_compare now-"$mode"; done
