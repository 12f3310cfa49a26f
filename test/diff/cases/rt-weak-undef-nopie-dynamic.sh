# A non-PIE program of -fPIE objects linked -z dynamic-undefined-weak imports its undefined
# weak function and variable: null, unless a preloaded library defines them, which is then bound
# to. (-nostartfiles with its own _start, to leave out crtbegin.o's absolute _ITM_* references.)
cat >main.c <<'EOF2'
#include <stdio.h>
#include <stdlib.h>
extern void wf(void) __attribute__((weak));
extern int wv __attribute__((weak));
__attribute__((force_align_arg_pointer)) void _start(void) {
  printf("wf %s, wv %s\n", wf ? "present" : "absent", &wv ? "present" : "absent");
  if (wf) wf();
  if (&wv) printf("wv = %d\n", wv);
  exit(0);
}
EOF2
cat >def.c <<'EOF2'
#include <stdio.h>
void wf(void) { puts("wf called"); }
int wv = 77;
EOF2
cc def.o -fPIC -O1 def.c
so libdef.so def.o
cc main.o -fPIE -O1 main.c
exe prog -nostartfiles -no-pie -Wl,-z,dynamic-undefined-weak main.o
run prog
# A library preloaded at run time defines both: only dynamic undefined weak symbols bind.
printf '#!/bin/sh\nLD_PRELOAD=./libdef.so exec ./prog\n' >prog-pre
chmod +x prog-pre
run prog-pre
