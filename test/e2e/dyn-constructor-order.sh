#!/usr/bin/env bash
# Constructors and destructors across modules: the loader runs a library's
# initializers (DT_INIT_ARRAY; priorities order them within the module) before the
# executable's, and the executable's finalizers before the library's;
# DT_INIT_ARRAYSZ/DT_FINI_ARRAYSZ must cover exactly the arrays. In each mode.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
#include <stdio.h>
__attribute__((constructor(200))) static void lib_ctor_200(void) { printf("lib_ctor_200\n"); }
__attribute__((constructor)) static void lib_ctor_default(void) { printf("lib_ctor_default\n"); }
__attribute__((constructor(101))) static void lib_ctor_101(void) { printf("lib_ctor_101\n"); }
__attribute__((destructor)) static void lib_dtor(void) { printf("lib_dtor\n"); fflush(stdout); }
void lib_touch(void) { printf("lib_touch\n"); }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
void lib_touch(void);
static const char *const msg = "exe_ctor_105";
__attribute__((constructor(300))) static void exe_ctor_300(void) { printf("exe_ctor_300\n"); }
__attribute__((constructor(105))) static void exe_ctor_105(void) { printf("%s\n", msg); }
__attribute__((constructor)) static void exe_ctor_default(void) { printf("exe_ctor_default\n"); }
__attribute__((destructor(150))) static void exe_dtor_150(void) { printf("exe_dtor_150\n"); }
__attribute__((destructor)) static void exe_dtor_default(void) { printf("exe_dtor_default\n"); }
int main(void) { printf("main\n"); lib_touch(); return 0; }
EOF2
build_shlib libctor.so libctor.so lib.c
export LD_LIBRARY_PATH="$PWD"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -L. -lctor
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "lib_ctor_101
lib_ctor_200
lib_ctor_default
exe_ctor_105
exe_ctor_300
exe_ctor_default
main
lib_touch
exe_dtor_default
exe_dtor_150
lib_dtor"
  f=prog-$mode.rivet
  has_dynamic_tag "$f" INIT_ARRAY || fail "$f: expected DT_INIT_ARRAY"
  assert_eq "$(dynamic_values "$f" INIT_ARRAYSZ)" "$(hex_to_dec "$(section_field "$f" .init_array size)")" "$f: DT_INIT_ARRAYSZ vs the size of .init_array"
  assert_eq "$(dynamic_values "$f" FINI_ARRAYSZ)" "$(hex_to_dec "$(section_field "$f" .fini_array size)")" "$f: DT_FINI_ARRAYSZ vs the size of .fini_array"
done
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done
