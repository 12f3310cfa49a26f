# --gc-sections with --as-needed: a reference from a retained section (SHF_GNU_RETAIN)
# or from an --export-dynamic-symbol root keeps the library needed and imported.
cat >lib.c <<'EOF'
int libfn(void) { return 3; }
EOF
cat >lib2.c <<'EOF'
int libfn2(void) { return 4; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int libfn(void); int libfn2(void);
__attribute__((retain, used)) int (*keep_ptr)(void) = libfn;
int root_fn(void) { return libfn2(); }
int main(void) { printf("main\n"); return 0; }
EOF
cc lib.o -fPIC lib.c
cc lib2.o -fPIC lib2.c
cc main.o -ffunction-sections -fdata-sections main.c
so libl.so lib.o -Wl,-soname,libl.so
so libl2.so lib2.o -Wl,-soname,libl2.so
try exe prog main.o -Wl,--gc-sections -Wl,--export-dynamic-symbol=root_fn -Wl,--as-needed libl.so libl2.so
run prog
