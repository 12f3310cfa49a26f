#!/usr/bin/env bash
# In -shared, a 64-bit absolute address stored in a read-only section (.text here:
# `movabsq $var, %rax`, R_X86_64_64) needs a dynamic relocation in read-only memory --
# a text relocation. Under the default -z text that is an error (exit 1, no output
# file) that mentions "-z notext" and names var, the defining def.o and the
# referencing ref.o:(.text+0x2). With -z notext the link succeeds with a warning, the
# library has DT_TEXTREL and DF_TEXTREL, and the loader applies the relocation: the
# code returns the right address.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools as

cat >def.s <<'EOF2'
	.data
	.globl var
	.type var, @object
	.size var, 4
var:	.long 31
	.section .note.GNU-stack,"",@progbits
EOF2
cat >ref.s <<'EOF2'
	.text
	.globl get_var_addr
	.type get_var_addr, @function
get_var_addr:
	movabsq $var, %rax
	ret
	.size get_var_addr, .-get_var_addr
	.section .note.GNU-stack,"",@progbits
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int var;
int *get_var_addr(void);
int main(void) { printf("%d %d\n", *get_var_addr(), get_var_addr() == &var); return 0; }
EOF2
run as -o def.o def.s
run as -o ref.o ref.s
readelf -rW ref.o | grep -q 'R_X86_64_64 .*var' || fail "test setup: expected an R_X86_64_64 against var in ref.o"
expect_link_error libbad.so "-z notext" "'var'" "def.o" "ref.o:(.text+0x2)" -- gcc -shared -B"$RIVET_LIBEXEC/" -o libbad.so def.o ref.o
expect_one_error_line

mkdir -p rivet bfd
so_link_bfd bfd/libtext.so def.o ref.o -Wl,-z,notext
printf '+ gcc -shared ... -Wl,-z,notext (rivet)\n' >&2
st=0
gcc -shared -B"$RIVET_LIBEXEC/" -o rivet/libtext.so def.o ref.o -Wl,-z,notext 2>link.stderr || st=$?
cat link.stderr >&2
[ "$st" = 0 ] || fail "expected the link with -z notext to succeed, got exit status $st:"$'\n'"$(cat link.stderr)"
grep -q '^ld\.rivet: warning: ' link.stderr || fail "expected an 'ld.rivet: warning:' about the text relocation with -z notext, got:"$'\n'"$(cat link.stderr)"
lib=rivet/libtext.so
has_dynamic_tag $lib TEXTREL || fail "$lib: expected DT_TEXTREL, got tags: $(dynamic_tags $lib | awk '{print $1}' | tr '\n' ' ')"
assert_has_word "$(dynamic_flags $lib)" TEXTREL "DT_FLAGS of $lib"
compile_c -O1 -fPIC -o main.o main.c
so_dlink_matrix prog main.o -ltext
so_run_matrix prog
so_expect_stdout prog "31 1"
so_elflint_compare libtext.so
