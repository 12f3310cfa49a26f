# A common symbol in main.o and an initialized (non-common) definition in an archive
# member: whether GNU ld extracts the member for the common is compared (value printed).
cat >main.c <<'EOF'
#include <stdio.h>
int shared_var;
int main(void) { printf("shared_var=%d\n", shared_var); return 0; }
EOF
cat >def.c <<'EOF'
int shared_var = 42;
int def_marker(void) { return 1; }
EOF
cc main.o -fcommon main.c
cc def.o -fPIC def.c
ar rcs libdef.a def.o
exe prog main.o libdef.a
run prog
exe prog2 -no-pie main.o -L. -ldef
run prog2
