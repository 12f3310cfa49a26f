# An undefined weak symbol with hidden visibility can only be zero: it must not be made
# dynamic (neither in a PIE, nor a shared library), so a library that defines it, linked
# or preloaded, is never bound to.
cat >main.c <<'EOF2'
#include <stdio.h>
extern void hf(void) __attribute__((weak, visibility("hidden")));
extern int hv __attribute__((weak, visibility("hidden")));
void lib_check(void);
int main(void) {
  printf("exe: hf %s, hv %s\n", hf ? "present" : "absent", &hv ? "present" : "absent");
  lib_check();
  return 0;
}
EOF2
cat >lib.c <<'EOF2'
#include <stdio.h>
extern void hf(void) __attribute__((weak, visibility("hidden")));
extern int hv __attribute__((weak, visibility("hidden")));
void lib_check(void) { printf("lib: hf %s, hv %s\n", hf ? "present" : "absent", &hv ? "present" : "absent"); }
EOF2
cat >def.c <<'EOF2'
void hf(void) {}
int hv = 1;
EOF2
cc lib.o -fPIC -O1 lib.c
cc def.o -fPIC -O1 def.c
cc main.o -fPIE -O1 main.c
so libdef.so def.o
so libh.so lib.o -L. -ldef
exe prog main.o -L. -lh -Wl,--no-as-needed -ldef
run prog
printf '#!/bin/sh\nLD_PRELOAD=./libdef.so exec ./prog\n' >prog-pre
chmod +x prog-pre
run prog-pre
