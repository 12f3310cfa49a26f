# .symver foo@@VERS_2.0 when a version script exists but does not define VERS_2.0:
# GNU ld's outcome (error or created version) is compared.
cat >v.c <<'EOF'
int foo_2(void) { return 2; }
int bar(void) { return 3; }
__asm__(".symver foo_2, foo@@VERS_2.0");
EOF
cat >v.map <<'EOF'
VERS_1.0 { global: bar; local: *; };
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int foo(void); int bar(void);
int main(void) { printf("foo=%d bar=%d\n", foo(), bar()); return 0; }
EOF
cc v.o -fPIC v.c
cc main.o main.c
try so libv.so v.o -Wl,--version-script=v.map -Wl,-soname,libv.so
try exe prog main.o libv.so
run prog
