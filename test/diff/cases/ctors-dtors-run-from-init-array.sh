# Old-style .ctors/.dtors lists (and .ctors.N with priorities) run from .init_array and
# .fini_array in GNU ld's order: .ctors.N sorts as priority 65535-N among .init_array.N,
# plain .ctors keeps its input position among plain .init_array, and the words of a
# .ctors section are reversed (it ran last to first). PIE (RELATIVE relocations at the
# mirrored places, packed into RELR too), non-PIE and static.
cat >ct.c <<'EOF2'
#include <stdio.h>
static void c1(void) { puts("ctors plain A"); }
static void c2(void) { puts("ctors plain B"); }
static void p100(void) { puts("ctors.00100"); }
static void p65000(void) { puts("ctors.65000"); }
static void ia(void) { puts("init_array plain"); }
static void ia5(void) { puts("init_array.00005"); }
static void ia600(void) { puts("init_array.00600"); }
static void d1(void) { puts("dtors plain 1"); }
static void d2(void) { puts("dtors plain 2"); }
static void fa(void) { puts("fini_array plain"); }
__attribute__((section(".ctors"), used)) static void (*const cta[])(void) = {c1};
__attribute__((section(".init_array"), used)) static void (*const iaa[])(void) = {ia};
__attribute__((section(".ctors"), used)) static void (*const ctb[])(void) = {c2};
__attribute__((section(".ctors.00100"), used)) static void (*const ctp[])(void) = {p100};
__attribute__((section(".ctors.65000"), used)) static void (*const ctq[])(void) = {p65000};
__attribute__((section(".init_array.00005"), used)) static void (*const ia5a[])(void) = {ia5};
__attribute__((section(".init_array.00600"), used)) static void (*const ia6a[])(void) = {ia600};
__attribute__((section(".dtors"), used)) static void (*const dta[])(void) = {d1, d2};
__attribute__((section(".fini_array"), used)) static void (*const faa[])(void) = {fa};
__attribute__((constructor(300))) static void cons300(void) { puts("constructor(300)"); }
int main(void) { puts("main"); return 0; }
EOF2
cat >second.c <<'EOF2'
#include <stdio.h>
static void s1(void) { puts("second.o ctors"); }
__attribute__((section(".ctors"), used)) static void (*const cts[])(void) = {s1};
EOF2
cc ct.o -O1 ct.c
cc second.o -O1 second.c
exe pie ct.o second.o
run pie
exe pie-relr ct.o second.o -Wl,-z,pack-relative-relocs
run pie-relr
exe nopie -no-pie ct.o second.o
run nopie
exe static -static second.o ct.o
run static
