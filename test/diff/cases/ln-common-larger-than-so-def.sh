# A common in the executable larger than the shared object's definition of the same
# symbol (and one smaller): outcome, export and values compared.
cat >lib.c <<'EOF'
int arr[2] = {3, 4};
int small[8] = {1};
int sum(void) { return arr[0] + arr[1] + small[0]; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int arr[16];
int small[1];
int sum(void);
int main(void) { printf("arr0=%d small0=%d sum=%d\n", arr[0], small[0], sum()); return 0; }
EOF
cc lib.o -fPIC lib.c
cc main.o -fcommon main.c
so libarr.so lib.o -Wl,-soname,libarr.so
try exe prog main.o libarr.so
run prog
try exe prog2 -no-pie main.o libarr.so
run prog2
