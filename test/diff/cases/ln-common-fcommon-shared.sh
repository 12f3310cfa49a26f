# -fcommon objects in a shared library: two commons of different sizes merge into one
# exported object; the program sees the library's storage.
cat >a.c <<'EOF'
int cnt; char blob[4];
void inc(void) { cnt++; blob[0]++; }
EOF
cat >b.c <<'EOF'
int cnt; char blob[32];
int get(void) { return cnt * 100 + blob[0]; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
extern int cnt;
void inc(void); int get(void);
int main(void) { inc(); inc(); cnt += 1; printf("get=%d cnt=%d\n", get(), cnt); return 0; }
EOF
cc a.o -fPIC -fcommon a.c
cc b.o -fPIC -fcommon b.c
cc main.o main.c
so libc1.so a.o b.o -Wl,-soname,libc1.so
exe prog main.o libc1.so
run prog
