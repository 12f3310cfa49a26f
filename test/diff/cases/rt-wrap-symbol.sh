# --wrap=SYM: an object's undefined references to SYM go to __wrap_SYM, those to
# __real_SYM go to SYM; a reference inside the object that defines SYM is not
# wrapped (GNU ld). A libc function and a program function, PIE and -no-pie.
cat >lib.c <<'EOF2'
int compute(int x) { return x * 3; }
int compute_twice(int x) { return compute(compute(x)); }
EOF2
cat >wrap.c <<'EOF2'
#include <stdio.h>
#include <stdlib.h>
int __real_compute(int);
int __wrap_compute(int x) { return __real_compute(x) + 1000; }
void *__real_malloc(size_t);
static int mallocs;
void *__wrap_malloc(size_t n) { mallocs++; return __real_malloc(n); }
int wrapped_mallocs(void) { return mallocs; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
#include <stdlib.h>
int compute(int);
int compute_twice(int);
int wrapped_mallocs(void);
int main(void) {
  void *p = malloc(16);
  free(p);
  printf("compute=%d twice=%d mallocs=%d\n", compute(2), compute_twice(2), wrapped_mallocs());
  return 0;
}
EOF2
cc lib.o lib.c
cc wrap.o wrap.c
cc main.o -fno-builtin main.c
exe prog main.o lib.o wrap.o -Wl,--wrap=compute -Wl,--wrap=malloc
run prog
exe prog2 -no-pie main.o lib.o wrap.o -Wl,--wrap,compute,--wrap,malloc
run prog2
ar rcs libw.a wrap.o
exe prog3 main.o lib.o -L. -lw -Wl,--wrap=compute,--wrap=malloc
run prog3
