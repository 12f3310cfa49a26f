# A program's .preinit_array entries (only executables may have them) run before any
# constructor, libraries' included; DT_PREINIT_ARRAY must cover them all, in order. PIE and
# non-PIE.
cat >lib.c <<'EOF2'
#include <unistd.h>
__attribute__((constructor)) static void lc(void) { write(1, "lib constructor\n", 16); }
void lib_nop(void) {}
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
#include <unistd.h>
void lib_nop(void);
static void p0(void) { write(1, "preinit 0\n", 10); }
static void p1(void) { write(1, "preinit 1\n", 10); }
static void p2(void) { write(1, "preinit 2 (second object)\n", 26); }
__attribute__((used, aligned(8), section(".preinit_array"))) static void (*const pre[])(void) = {p0, p1};
__attribute__((constructor)) static void c(void) { write(1, "exe constructor\n", 16); }
int main(void) { lib_nop(); write(1, "main\n", 5); (void)p2; return 0; }
EOF2
cat >pre2.c <<'EOF2'
#include <unistd.h>
static void p2(void) { write(1, "preinit 2 (second object)\n", 26); }
__attribute__((used, aligned(8), section(".preinit_array"))) static void (*const pre2[])(void) = {p2};
EOF2
cc lib.o -fPIC -O1 lib.c
cc main.o -fPIE -O1 main.c
cc pre2.o -fPIE -O1 pre2.c
cc mainnp.o -fno-pic -O1 main.c
cc pre2np.o -fno-pic -O1 pre2.c
so libpre.so lib.o
exe prog main.o pre2.o -L. -lpre
run prog
exe prognp -no-pie mainnp.o pre2np.o -L. -lpre
run prognp
