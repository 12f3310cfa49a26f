# ld -r keeps commons unless -d/-dc/-dp forces their allocation (and -z common makes
# them STT_COMMON); the relocatable results are then linked into programs.
cat >a.c <<'EOF'
int cnt; double acc;
void inc(void) { cnt++; acc += 0.5; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
extern int cnt; extern double acc;
void inc(void);
int main(void) { inc(); inc(); printf("cnt=%d acc=%.1f\n", cnt, acc); return 0; }
EOF
cc a.o -fcommon a.c
cc main.o main.c
try ld r1.o -r -d a.o
try ld r2.o -r -dc a.o
try ld r3.o -r -z common a.o
try exe prog main.o r1.o
run prog
try exe prog2 main.o r3.o
run prog2
