# --as-needed with --gc-sections: a library whose variable is used only by a collected
# data section (a pointer to it) is not needed; a used one is.
cat >lib.c <<'EOF'
int libvar = 4;
int usedvar = 6;
EOF
cat >lib2.c <<'EOF'
int other = 8;
EOF
cat >main.c <<'EOF'
#include <stdio.h>
extern int libvar, other;
int *unused_ptr = &libvar;
int *used_ptr = &other;
int main(void) { printf("other=%d\n", *used_ptr); return 0; }
EOF
cc lib.o -fPIC lib.c
cc lib2.o -fPIC lib2.c
cc main.o -fdata-sections main.c
so libl.so lib.o -Wl,-soname,libl.so
so libo.so lib2.o -Wl,-soname,libo.so
exe prog main.o -Wl,--gc-sections -Wl,--as-needed libl.so libo.so
run prog
