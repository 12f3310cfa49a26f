# Archive members pulled in by a reference bring their .ctors, .ctors.N and .init_array
# entries; members not pulled in must not. The PIE's printed order must match GNU ld's.
cat >m1.c <<'EOF2'
#include <stdio.h>
static void c(void) { puts("m1 .ctors"); }
__attribute__((used, aligned(8), section(".ctors"))) static void (*const p[])(void) = {c};
__attribute__((constructor)) static void i(void) { puts("m1 constructor"); }
int m1_fn(void) { return 1; }
EOF2
cat >m2.c <<'EOF2'
#include <stdio.h>
static void c(void) { puts("m2 .ctors.65100 (435)"); }
__attribute__((used, aligned(8), section(".ctors.65100"))) static void (*const p[])(void) = {c};
int m2_fn(void) { return 2; }
EOF2
cat >m3.c <<'EOF2'
#include <stdio.h>
__attribute__((constructor)) static void i(void) { puts("m3 constructor (not pulled in)"); }
int m3_fn(void) { return 3; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int m1_fn(void);
int m2_fn(void);
__attribute__((constructor(200))) static void i(void) { puts("main constructor(200)"); }
int main(void) { printf("main %d\n", m1_fn() + m2_fn()); return 0; }
EOF2
for f in m1 m2 m3 main; do cc $f.o -fPIE -O1 $f.c; done
rm -f libm.a
ar rcs libm.a m3.o m2.o m1.o
exe prog main.o libm.a
run prog
