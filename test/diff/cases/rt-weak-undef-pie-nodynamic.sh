# A PIE linked -z nodynamic-undefined-weak: undefined weak function and variable are
# resolved to zero at link time and not made dynamic, so a preloaded definition is ignored.
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
cc main.o -fPIE -O1 main.c
exe prog -Wl,-z,nodynamic-undefined-weak main.o
run prog
# A library preloaded at run time defines both: only dynamic undefined weak symbols bind.
printf '#!/bin/sh\nLD_PRELOAD=./libdef.so exec ./prog\n' >prog-pre
chmod +x prog-pre
run prog-pre
