/* The object most damage is done to. Compiled with -fPIC -g it holds a little of
 * everything a linker must parse: initialized data with absolute pointers (R_X86_64_64),
 * GOT references (REX_GOTPCRELX), TLS in three models' worth of relocations (TLSGD and
 * TLSLD each followed by the call to __tls_get_addr, DTPOFF32), a COMDAT group, merged
 * strings (.rodata.str1.1) and constants (.rodata.cst8), .eh_frame with one CIE and
 * two FDEs, and DWARF debug information with its relocations. */
struct point {
  int x, y;
  const char *name;
};

static const char *names[] = {"alpha", "beta", "gamma"};
struct point points[3] = {{1, 2, "one"}, {3, 4, "two"}, {5, 6, "three"}};
struct point *point_ptrs[] = {&points[0], &points[1], &points[2]};
__thread int tls_counter = 7;
__thread long tls_zero;
static __thread int tls_local = 3;
int bss_array[64];
double scale = 2.5;

/* A COMDAT group as C++ inline functions produce them (section .text.comdat_helper in
 * group "comdat_helper"); comdat-first.c holds a second copy. */
__asm__(".section .text.comdat_helper,\"axG\",@progbits,comdat_helper,comdat\n"
        ".globl comdat_helper\n"
        ".type comdat_helper, @function\n"
        "comdat_helper:\n"
        "\tlea 1(%rdi), %eax\n"
        "\tret\n"
        ".size comdat_helper, . - comdat_helper\n"
        ".text\n");
int comdat_helper(int);

__attribute__((noinline)) double mix(double a, int b) { return a * 1.75 + b / 3.0 + scale; }

int entry_main(void) {
  int sum = 0;
  for (int i = 0; i < 3; i++)
    sum += point_ptrs[i]->x + names[i][0] + point_ptrs[i]->name[0];
  tls_counter += sum;
  tls_zero += tls_local++;
  bss_array[sum & 63] = comdat_helper(sum);
  return (int)mix(sum, tls_counter) & 0;
}
