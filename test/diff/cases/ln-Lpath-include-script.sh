# INCLUDE of a script fragment found through a -L directory, from an implicit script
# given on the command line; the fragment defines a symbol the program reads.
mkdir -p inc
cat >inc/frag.ld <<'EOF'
magic_value = 0x2a;
EOF
cat >top.ld <<'EOF'
INCLUDE frag.ld
EOF
cat >main.c <<'EOF'
#include <stdio.h>
extern char magic_value[];
int main(void) { printf("magic=%ld\n", (long)(unsigned long)magic_value); return 0; }
EOF
cc main.o -fno-pic main.c
try exe prog -no-pie main.o -Linc top.ld
run prog
