# Undefined weak symbols of a dynamically linked executable are left to the loader, as
# GNU ld and lld do: loaded through the GOT (GLOB_DAT), called through the PLT, and a
# word in a PIE's data gets R_X86_64_64; a non-PIE's direct references are 0. A library
# that defines one of them, linked in, is then found at run time.
cat >w.s <<'EOF2'
  .weak wg, wgd, wn, provided
  .globl main
main:
  push %rbx
  mov wg@GOTPCREL(%rip), %rax
  mov wgd@GOTPCREL(%rip), %rbx
  or %rax, %rbx
  mov provided@GOTPCREL(%rip), %rax
  test %rax, %rax
  jz 1f
  call provided@PLT
1:
  test %rbx, %rbx
  jz 2f
  call wn@PLT
2:
  mov data_ref(%rip), %rax
  or %rax, %rbx
  mov %ebx, %eax
  pop %rbx
  ret
  .data
data_ref:
  .quad wgd
  .section .note.GNU-stack,"",@progbits
EOF2
cat >lib.c <<'EOF2'
#include <stdio.h>
void provided(void) { puts("provided by the library"); }
EOF2
cc w.o w.s
cc lib.o -fPIC lib.c
so libp.so lib.o
exe pie w.o -L. -lp
run pie
exe nopie -no-pie w.o -L. -lp
run nopie
exe nolib w.o
run nolib
