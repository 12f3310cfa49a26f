# A non-PIE program takes the address of foo@VER1 (canonical PLT entry) and a second library
# also takes &foo@VER1 through its GOT: the program must export foo@VER1 so that both
# pointers are equal, and both reach the VER1 body; the default version stays distinct.
cat >lib.c <<'EOF2'
int foo_v1(void) { return 1; }
int foo_v2(void) { return 2; }
__asm__(".symver foo_v1,foo@VER1");
__asm__(".symver foo_v2,foo@@VER2");
int data_v1 = 10;
int data_v2 = 20;
__asm__(".symver data_v1,data@VER1");
__asm__(".symver data_v2,data@@VER2");
int lib_data_v1(void) { return data_v1; }
int lib_data_v2(void) { return data_v2; }
EOF2
cat >lib.map <<'EOF2'
VER1 { global: foo; data; lib_data_v1; lib_data_v2; local: *; };
VER2 { global: foo; data; } VER1;
EOF2
cc lib.o -fPIC -O1 lib.c
so libv.so lib.o -Wl,--version-script=lib.map -Wl,-soname,libv.so
cat >user.c <<'EOF2'
__asm__(".symver foo_old,foo@VER1");
int foo_old(void);
int foo(void);
void *user_old_ptr(void) { return (void *)foo_old; }
void *user_new_ptr(void) { return (void *)foo; }
EOF2
cc user.o -fPIC -O1 user.c
so libuser.so user.o -L. -lv
cat >main.c <<'EOF2'
#include <stdio.h>
__asm__(".symver foo_old,foo@VER1");
int foo_old(void);
int foo(void);
void *user_old_ptr(void);
void *user_new_ptr(void);
int main(void) {
  int (*p)(void) = (int (*)(void))user_old_ptr();
  printf("old equal %d new equal %d cross %d; calls %d %d\n", user_old_ptr() == (void *)foo_old,
         user_new_ptr() == (void *)foo, user_old_ptr() == (void *)foo, p(), ((int (*)(void))user_new_ptr())());
  return 0;
}
EOF2
cc main.o -fno-pic -O1 main.c
exe prog -no-pie main.o -L. -luser -lv
run prog
