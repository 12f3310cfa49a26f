# A GROUP(libx.a liby.a) script found as -lz: both archives live only in a -L
# directory and reference each other, so the group must be searched repeatedly.
mkdir -p sub
cat >x.c <<'EOF'
int y2(void);
int x1(void) { return y2() + 1; }
int x3(void) { return 100; }
EOF
cat >y.c <<'EOF'
int x3(void);
int y2(void) { return x3() + 10; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int x1(void);
int main(void) { printf("x1=%d\n", x1()); return 0; }
EOF
cc x.o x.c
cc y.o y.c
cc main.o main.c
ar rcs sub/libx.a x.o
ar rcs sub/liby.a y.o
cat >libz.a <<'EOF'
GROUP(libx.a liby.a)
EOF
try exe prog main.o -L. -Lsub -lz
run prog
cat >sub/libzz.so <<'EOF'
GROUP ( -lx -ly )
EOF
try exe prog2 main.o -Lsub -lzz
run prog2
