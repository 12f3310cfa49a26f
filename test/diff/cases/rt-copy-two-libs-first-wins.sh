# Two libraries define the same variable; a non-PIE program copies it. ld.so fills the copy
# from the first definition in search order (the library linked first), and both libraries
# must then use the program's copy. Checked for both link orders.
cat >a.c <<'EOF2'
int dup_v = 1;
int a_read(void) { return dup_v; }
EOF2
cat >b.c <<'EOF2'
int dup_v = 2;
int b_read(void) { return dup_v; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int dup_v;
int a_read(void);
int b_read(void);
int main(void) {
  printf("initial %d\n", dup_v);
  dup_v += 10;
  printf("a %d b %d\n", a_read(), b_read());
  return 0;
}
EOF2
cc a.o -fPIC -O1 a.c
cc b.o -fPIC -O1 b.c
cc main.o -fno-pic -O1 main.c
so liba.so a.o
so libb.so b.o
exe prog_ba -no-pie main.o -L. -lb -la
run prog_ba
exe prog_ab -no-pie main.o -L. -la -lb
run prog_ab
