# The program defines a variable named like a libc function (times) that a library
# calls, and a function that interposes one (labs): GNU ld exports the function (its
# type agrees with libc's labs@@GLIBC_2.2.5) but not the variable, so the library's
# call to times still reaches libc (PR ld/2404); -z now, PIE and -no-pie compared.
cat >lib.c <<'EOF2'
#include <stdlib.h>
#include <sys/times.h>
int lib_calls(void) {
  struct tms buf;
  clock_t t = times(&buf);
  return (t != (clock_t)-1) + (int)labs(-40);
}
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int times = -1;
long labs(long x) { return x < 0 ? -x + 1 : x + 1; }
int lib_calls(void);
int main(void) {
  printf("times=%d\n", times);
  times = 20;
  printf("times=%d lib=%d\n", times, lib_calls());
  return 0;
}
EOF2
cc lib.o -fPIC -fno-builtin lib.c
cc main.o -fno-builtin main.c
so liblc.so lib.o -Wl,-soname,liblc.so
exe prog main.o liblc.so
run prog
exe prog2 -no-pie main.o liblc.so -Wl,-z,now
run prog2
