# A common symbol in the executable and an initialized definition of it in a shared
# object: which definition the program sees, and what is exported/copied, is compared.
cat >lib.c <<'EOF'
int cv = 5;
int get_cv(void) { return cv; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int cv;
int get_cv(void);
int main(void) { printf("cv=%d lib=%d\n", cv, get_cv()); cv = 9; printf("lib=%d\n", get_cv()); return 0; }
EOF
cc lib.o -fPIC lib.c
cc main.o -fcommon main.c
so libcv.so lib.o -Wl,-soname,libcv.so
exe prog main.o libcv.so
run prog
exe prog2 -no-pie main.o libcv.so
run prog2
exe prog3 -Wl,--no-as-needed libcv.so main.o
run prog3
