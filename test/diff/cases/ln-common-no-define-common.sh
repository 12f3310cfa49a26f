# -shared with --no-define-common leaves commons unallocated (imported); -d/-dc/-dp in a
# final link are accepted and change nothing; programs run against the results.
cat >a.c <<'EOF'
int cnt;
void inc(void) { cnt++; }
EOF
cat >c.c <<'EOF'
int cnt = 40;
EOF
cat >main.c <<'EOF'
#include <stdio.h>
extern int cnt;
void inc(void);
int main(void) { inc(); inc(); printf("cnt=%d\n", cnt); return 0; }
EOF
cc a.o -fcommon -fPIC a.c
cc c.o -fPIC c.c
cc main.o main.c
try so liba.so a.o -Wl,--no-define-common
try exe prog main.o c.o liba.so
run prog
try exe prog2 main.o a.o -Wl,-d
run prog2
try exe prog3 main.o a.o -Wl,-dc -Wl,-dp
run prog3
