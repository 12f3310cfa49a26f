# -shared with --gc-sections and --as-needed: a dependency used only by a hidden,
# unreferenced (collected) function is not needed; one used by an export is.
cat >dep1.c <<'EOF'
int dep1(void) { return 1; }
EOF
cat >dep2.c <<'EOF'
int dep2(void) { return 2; }
EOF
cat >lib.c <<'EOF'
int dep1(void); int dep2(void);
__attribute__((visibility("hidden"))) int dead(void) { return dep1(); }
int api(void) { return dep2() + 40; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int api(void);
int main(void) { printf("api=%d\n", api()); return 0; }
EOF
cc dep1.o -fPIC dep1.c
cc dep2.o -fPIC dep2.c
cc lib.o -fPIC -ffunction-sections lib.c
cc main.o main.c
so libdep1.so dep1.o -Wl,-soname,libdep1.so
so libdep2.so dep2.o -Wl,-soname,libdep2.so
so libapi.so lib.o -Wl,--gc-sections -Wl,--as-needed libdep1.so libdep2.so -Wl,-soname,libapi.so
exe prog main.o libapi.so -Wl,-rpath-link,.
run prog
