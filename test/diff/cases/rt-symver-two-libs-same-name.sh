# Two libraries define foo under different version nodes (LA in liba, LB in libb). The
# program links against liba only and runs with libb preloaded (first in search order):
# its reference must carry foo@LA so that ld.so passes over libb's foo@@LB.
cat >a.c <<'EOF2'
int foo(void) { return 100; }
int a_val = 1;
EOF2
cat >b.c <<'EOF2'
int foo(void) { return 200; }
int a_val = 2;
EOF2
echo 'LA { global: foo; a_val; local: *; };' >a.map
echo 'LB { global: foo; a_val; local: *; };' >b.map
cat >main.c <<'EOF2'
#include <stdio.h>
int foo(void);
extern int a_val;
int main(void) {
  printf("foo %d a_val %d\n", foo(), a_val);
  return 0;
}
EOF2
cc a.o -fPIC -O1 a.c
cc b.o -fPIC -O1 b.c
cc main.o -fPIE -O1 main.c
so liba.so a.o -Wl,--version-script=a.map -Wl,-soname,liba.so
so libb.so b.o -Wl,--version-script=b.map -Wl,-soname,libb.so
exe prog main.o -L. -la
run prog
exe prognow main.o -L. -la -Wl,-z,now
printf '#!/bin/sh\nLD_PRELOAD=./libb.so exec ./prog\n' >prog-pre
printf '#!/bin/sh\nLD_PRELOAD=./libb.so exec ./prognow\n' >prognow-pre
chmod +x prog-pre prognow-pre
run prog-pre
run prognow-pre
