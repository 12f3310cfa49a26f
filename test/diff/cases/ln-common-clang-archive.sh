# clang -fcommon: a common in main.o, a member with a common plus a needed function,
# and a member with a real definition: which members are extracted is compared.
CC=clang
cat >main.c <<'EOF'
#include <stdio.h>
int level;
int helper(void);
int main(void) { printf("level=%d helper=%d\n", level, helper()); return 0; }
EOF
cat >h.c <<'EOF'
int level;
int helper(void) { return level + 1; }
EOF
cat >d.c <<'EOF'
int level = 30;
EOF
cc main.o -fcommon main.c
cc h.o -fcommon -fPIC h.c
cc d.o -fPIC d.c
ar rcs libh.a h.o d.o
exe prog main.o libh.a
run prog
ar rcs libh2.a d.o h.o
exe prog2 main.o libh2.a
run prog2
