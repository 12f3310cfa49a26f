# A library exports foo only as a hidden (non-default) version foo@VER1 plus bar@@VER2: a
# plain reference to foo must not bind to it (the link fails for both), while foo@VER1
# explicitly does.
cat >lib.c <<'EOF2'
int foo_v1(void) { return 1; }
__asm__(".symver foo_v1,foo@VER1");
int bar(void) { return 5; }
EOF2
cat >lib.map <<'EOF2'
VER1 { global: foo; local: *; };
VER2 { global: bar; } VER1;
EOF2
cc lib.o -fPIC -O1 lib.c
so libv.so lib.o -Wl,--version-script=lib.map -Wl,-soname,libv.so
cat >plain.c <<'EOF2'
int foo(void);
int main(void) { return foo(); }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
__asm__(".symver foo_old,foo@VER1");
int foo_old(void);
int bar(void);
int main(void) { printf("%d %d\n", foo_old(), bar()); return 0; }
EOF2
cc plain.o -fPIE -O1 plain.c
cc main.o -fPIE -O1 main.c
try exe plain plain.o -L. -lv
exe prog main.o -L. -lv
run prog
