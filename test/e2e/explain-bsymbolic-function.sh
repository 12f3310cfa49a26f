#!/usr/bin/env bash
# --explain-symbol under -Bsymbolic-functions: a default-visibility function in a
# shared object is exported but bound locally (its internal call is direct), while a
# variable stays preemptible (reached through the GOT with GLOB_DAT).
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int shared_var = 3;
int helper(int x) { return x + shared_var; }
int api(int x) { return helper(x) * 2; }
EOF2
compile_c -O1 -fPIC -fno-inline -fno-semantic-interposition -o lib.o lib.c
compile_c -O1 -fPIC -fno-inline -o lib2.o lib.c
run gcc -shared -B"$RIVET_LIBEXEC/" -o libsym.so lib2.o -Wl,-Bsymbolic-functions \
  -Wl,--explain-symbol=helper -Wl,--explain-symbol=shared_var >explain.txt
grep -qxF "  preemptible: no (exported, but bound locally by -Bsymbolic (or a variant))" <(sed -n '/symbol .helper./,/references/p' explain.txt) ||
  fail "expected helper not preemptible under -Bsymbolic-functions; got: $(cat explain.txt)"
grep -q "R_X86_64_PLT32 from lib2.o:(.text+0x[0-9a-f]*): direct call (the symbol is not preemptible)" explain.txt ||
  fail "expected the call to helper reported as a direct call; got: $(cat explain.txt)"
sed -n "/symbol 'shared_var'/,\$p" explain.txt >var.txt
grep -qxF "  preemptible: yes (default visibility in a shared object: exported and preemptible (another module may interpose it))" var.txt ||
  fail "expected shared_var to stay preemptible; got: $(cat var.txt)"
grep -q "REX_GOTPCRELX from lib2.o:(.text+0x[0-9a-f]*): GOT entry at 0x[0-9a-f]* filled by R_X86_64_GLOB_DAT" var.txt ||
  fail "expected shared_var's GOT entry filled by GLOB_DAT; got: $(cat var.txt)"
readelf -W -r libsym.so | grep -q "R_X86_64_GLOB_DAT.* shared_var" ||
  fail "expected a GLOB_DAT for shared_var in libsym.so"
if readelf -W -r libsym.so | grep -q "JUMP_SLOT.* helper"; then
  fail "expected no JUMP_SLOT for helper under -Bsymbolic-functions"
fi
