# Undefined weak function and variable in a non-PIE program (-fno-pic) linked -z now:
# null at run time; whether a preloaded definition is used must match GNU ld.
cat >main.c <<'EOF2'
#include <stdio.h>
extern void wf(void) __attribute__((weak));
extern int wv __attribute__((weak));
int main(void) {
  printf("wf %s, wv %s\n", wf ? "present" : "absent", &wv ? "present" : "absent");
  if (wf) wf();
  if (&wv) printf("wv = %d\n", wv);
  return 0;
}
EOF2
cat >def.c <<'EOF2'
#include <stdio.h>
void wf(void) { puts("wf called"); }
int wv = 77;
EOF2
cc def.o -fPIC -O1 def.c
so libdef.so def.o
cc main.o -fno-pic -O1 main.c
exe prog -no-pie -Wl,-z,now main.o
run prog
# A library preloaded at run time defines both: only dynamic undefined weak symbols bind.
printf '#!/bin/sh\nLD_PRELOAD=./libdef.so exec ./prog\n' >prog-pre
chmod +x prog-pre
run prog-pre
# A weak function's address compared and then called without a test: with GNU ld its
# value is zero everywhere (not dynamic), so the call faults even with a preloaded
# definition; a linker that imports it only for the PLT makes address and call disagree.
cat >call.c <<'EOF2'
#include <stdio.h>
extern void wf(void) __attribute__((weak));
int main(void) { printf("address %d\n", wf != 0); fflush(stdout); wf(); puts("returned"); return 0; }
EOF2
cc call.o -fno-pic -O1 call.c
exe callit -no-pie -Wl,-z,now call.o
printf '#!/bin/sh\nLD_PRELOAD=./libdef.so exec ./callit\n' >callit-pre
chmod +x callit-pre
run callit-pre
