# A program's only references to a library are weak (wf, wv): under --as-needed GNU ld
# does not keep the library for weak references, so they stay null at run time; with
# --no-as-needed it is kept and they bind to it. PIE and non-PIE.
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
cc main.o -fPIE -O1 main.c
cc mainnp.o -fno-pic -O1 main.c
so libdef.so def.o
exe prog_as main.o -L. -Wl,--as-needed -ldef
run prog_as
exe prog_noas main.o -L. -Wl,--no-as-needed -ldef
run prog_noas
exe prognp_as -no-pie mainnp.o -L. -Wl,--as-needed -ldef
run prognp_as
exe prognp_noas -no-pie mainnp.o -L. -Wl,--no-as-needed -ldef
run prognp_noas
