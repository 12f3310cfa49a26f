# Two members of one archive, and a member of a later archive, all define the name a
# program needs: GNU ld extracts the first definer only (no duplicate-symbol error),
# and the others stay out unless something else pulls them.
cat >a.c <<'EOF2'
int pick(void) { return 1; }
EOF2
cat >b.c <<'EOF2'
int pick(void) { return 2; }
int only_b(void) { return 20; }
EOF2
cat >c.c <<'EOF2'
int pick(void) { return 3; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int pick(void);
int main(void) { printf("pick=%d\n", pick()); return 0; }
EOF2
cat >main2.c <<'EOF2'
#include <stdio.h>
int only_b(void);
int main(void) { printf("only_b=%d\n", only_b()); return 0; }
EOF2
cc a.o a.c
cc b.o b.c
cc c.o c.c
cc main.o main.c
cc main2.o main2.c
ar rcs libab.a a.o b.o
ar rcs libc.a c.o
ar rcs libba.a b.o a.o
exe prog main.o libab.a libc.a
run prog
exe prog2 main.o libba.a libc.a
run prog2
exe prog3 main.o libc.a libab.a
run prog3
try exe prog4 main2.o main.o libab.a
run prog4
