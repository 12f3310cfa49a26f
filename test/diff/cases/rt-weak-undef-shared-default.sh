# A shared library (default options) references an undefined weak function and variable:
# they are imported, so a program that defines them (and so exports them) is bound to, one
# that does not leaves them null, and a preloaded definition is bound to, as with GNU ld.
cat >lib.c <<'EOF2'
#include <stdio.h>
extern void wf(void) __attribute__((weak));
extern int wv __attribute__((weak));
void lib_check(void) {
  printf("lib: wf %s, wv %s\n", wf ? "present" : "absent", &wv ? "present" : "absent");
  if (wf) wf();
  if (&wv) printf("lib: wv = %d\n", wv);
}
EOF2
cat >def.c <<'EOF2'
#include <stdio.h>
void wf(void) { puts("preloaded wf called"); }
int wv = 77;
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
void lib_check(void);
void wf(void) { puts("exe wf called"); }
int wv = 5;
int main(void) { lib_check(); return 0; }
EOF2
cat >main2.c <<'EOF2'
void lib_check(void);
int main(void) { lib_check(); return 0; }
EOF2
cc lib.o -fPIC -O1 lib.c
cc def.o -fPIC -O1 def.c
cc main.o -fPIE -O1 main.c
cc main2.o -fPIE -O1 main2.c
so libw.so lib.o 
so libdef.so def.o
exe prog main.o -L. -lw
run prog
exe prog2 main2.o -L. -lw
run prog2
printf '#!/bin/sh\nLD_PRELOAD=./libdef.so exec ./prog2\n' >prog2-pre
chmod +x prog2-pre
run prog2-pre
