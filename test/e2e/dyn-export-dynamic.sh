#!/usr/bin/env bash
# -Wl,--export-dynamic (and its short form -Wl,-E) puts every global and weak symbol the
# executable defines into .dynsym, with the same value and type as in .symtab, so
# dlsym(RTLD_DEFAULT, ...) finds them; local, hidden and internal symbols stay out.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >main.c <<'EOF2'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
int exp_data = 77;
const char exp_rodata[] = "ro";
int exp_bss;
int exp_func(void) { return 3; }
__attribute__((weak)) int exp_weak(void) { return 4; }
static int loc_func(void) { return 5; }
__attribute__((visibility("hidden"))) int hid_func(void) { return 6; }
__attribute__((visibility("internal"))) int int_func(void) { return 7; }
int main(void) {
  const char *names[] = {"exp_data", "exp_rodata", "exp_bss", "exp_func", "exp_weak", "loc_func", "hid_func", "int_func"};
  for (unsigned i = 0; i < sizeof names / sizeof *names; i++)
    printf("%s %s\n", names[i], dlsym(RTLD_DEFAULT, names[i]) ? "found" : "absent");
  int (*f)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "exp_func");
  printf("exp_func same=%d calls=%d\n", f == exp_func, f() + loc_func() + hid_func() + int_func());
  return exp_data == 77 && exp_bss == 0 && exp_rodata[0] == 'r' ? 0 : 1;
}
EOF2
want="exp_data found
exp_rodata found
exp_bss found
exp_func found
exp_weak found
loc_func absent
hid_func absent
int_func absent
exp_func same=1 calls=21"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both long-"$mode" "${MODE_LDFLAGS[@]}" -Wl,--export-dynamic main-"$mode".o -ldl
  dlink_both short-"$mode" "${MODE_LDFLAGS[@]}" -Wl,-E main-"$mode".o -ldl
  for b in long-$mode short-$mode; do
    run_both_and_compare "$b"
    expect_stdout "$b" "$want"
    f=$b.rivet
    for s in exp_data exp_rodata exp_bss exp_func exp_weak main; do
      ndx=$(dynsym_field "$f" $s ndx)
      { [ -n "$ndx" ] && [ "$ndx" != UND ]; } || fail "$f: expected $s defined in .dynsym, got '$(dynsym "$f" | awk -v s=$s '$7 == s' || true)'"
      assert_eq "$(dynsym_field "$f" $s value)" "$(symbol_field "$f" $s value)" "$f: $s's .dynsym value vs .symtab"
      assert_eq "$(dynsym_field "$f" $s type)" "$(symbol_field "$f" $s type)" "$f: $s's .dynsym type vs .symtab"
      assert_eq "$(dynsym_field "$f" $s bind)" "$(symbol_field "$f" $s bind)" "$f: $s's .dynsym binding vs .symtab"
    done
    for s in loc_func hid_func int_func; do
      assert_eq "$(dynsym_count "$f" $s)" 0 "$f: .dynsym entries for $s"
    done
  done
done
for mode in "${DYN_MODES[@]}"; do elflint_compare long-"$mode"; elflint_compare short-"$mode"; done
