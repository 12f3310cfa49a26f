#!/usr/bin/env bash
# --hash-style=gnu gives a .gnu.hash (DT_GNU_HASH) and no SysV .hash, and the
# table works: the loader finds 64 symbols exported by the executable (-rdynamic)
# through it -- when binding a library's call back into the executable and for
# dlsym(dlopen(NULL)) of each one -- and does not find a name that is not there.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
style=gnu

cat >lib.c <<'EOF2'
int exe_callback(int);
int lib_call_back(int x) { return exe_callback(x) + 1; }
EOF2
{
  echo '#include <dlfcn.h>'
  echo '#include <stdio.h>'
  echo 'int lib_call_back(int);'
  echo 'int exe_callback(int x) { return 2 * x; }'
  for i in $(seq 0 63); do echo "int exported_fn_$i(void) { return $i * 7; }"; done
  cat <<'EOF2'
int main(void) {
  void *self = dlopen(NULL, RTLD_NOW);
  long sum = 0;
  int found = 0;
  char name[32];
  for (int i = 0; i < 64; i++) {
    snprintf(name, sizeof name, "exported_fn_%d", i);
    int (*f)(void) = (int (*)(void))dlsym(self, name);
    if (f) { found++; sum += f(); }
  }
  printf("found %d sum %ld\n", found, sum);
  printf("missing: %s\n", dlsym(self, "exported_fn_64") ? "found" : "absent");
  printf("callback: %d\n", lib_call_back(20));
  return 0;
}
EOF2
} >main.c
build_shlib libcb.so libcb.so lib.c
export LD_LIBRARY_PATH="$PWD"
compile_c -O1 -o main.o main.c
dlink_both prog main.o -rdynamic -Wl,--hash-style=$style -L. -lcb -ldl
run_both_and_compare prog
expect_stdout prog "found 64 sum 14112
missing: absent
callback: 41"

f=prog.rivet
case $style in
  sysv | both)
    assert_eq "$(section_field $f .hash type)" HASH "$f: type of .hash"
    assert_eq "$(hex_to_dec "$(section_field $f .hash es)")" 4 "$f: sh_entsize of .hash (32-bit words)"
    has_dynamic_tag $f HASH || fail "$f: expected DT_HASH with --hash-style=$style, got: $(dynamic_tags $f | tr '\n' ';')"
    ;;
  gnu)
    ! has_section $f .hash || fail "$f: expected no .hash section with --hash-style=gnu"
    ! has_dynamic_tag $f HASH || fail "$f: expected no DT_HASH with --hash-style=gnu"
    ;;
esac
case $style in
  gnu | both)
    assert_eq "$(section_field $f .gnu.hash type)" GNU_HASH "$f: type of .gnu.hash"
    has_dynamic_tag $f GNU_HASH || fail "$f: expected DT_GNU_HASH with --hash-style=$style, got: $(dynamic_tags $f | tr '\n' ';')"
    ;;
  sysv)
    ! has_section $f .gnu.hash || fail "$f: expected no .gnu.hash section with --hash-style=sysv"
    ! has_dynamic_tag $f GNU_HASH || fail "$f: expected no DT_GNU_HASH with --hash-style=sysv"
    ;;
esac
ndx=$(dynsym_field $f exported_fn_63 ndx)
{ [ -n "$ndx" ] && [ "$ndx" != UND ]; } ||
  fail "$f: expected exported_fn_63 defined in .dynsym, got: $(dynsym $f | grep exported_fn_63 || echo none)"
elflint_compare prog
