# A library's const arrays (read-only there) are copied into a non-PIE program linked -z now:
# the copy must hold the library's values, be the object the library uses, and stay read-only
# after start-up (GNU ld puts it under RELRO): a write through it must fault.
cat >lib.c <<'EOF2'
const int table[4] = {3, 1, 4, 1};
const char *const names[2] = {"alpha", "beta"};
const int *lib_table(void) { return table; }
const char *const *lib_names(void) { return names; }
EOF2
cat >main.c <<'EOF2'
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
extern const int table[4];
extern const char *const names[2];
const int *lib_table(void);
const char *const *lib_names(void);
static sigjmp_buf jb;
static void on_segv(int sig) { (void)sig; siglongjmp(jb, 1); }
int main(void) {
  printf("%d %d %d %d %s %s\n", table[0], table[1], table[2], table[3], names[0], names[1]);
  printf("same %d %d\n", lib_table() == table, lib_names() == names);
  signal(SIGSEGV, on_segv);
  if (sigsetjmp(jb, 1) == 0) {
    *(volatile int *)&table[1] = 9;
    printf("write went through: %d\n", lib_table()[1]);
  } else {
    printf("write faulted\n");
  }
  return 0;
}
EOF2
cc lib.o -fPIC -O1 lib.c
cc main.o -fno-pic -O1 main.c
so libconst.so lib.o
exe prog -no-pie -Wl,-z,now main.o -L. -lconst
run prog
