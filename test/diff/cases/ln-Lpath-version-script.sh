# -Wl,--version-script=v.map where v.map exists only in a -L directory: GNU ld finds it
# through the library search path; the exported versions are compared.
mkdir -p scripts
cat >scripts/v.map <<'EOF'
LIBV_1 { global: api; local: *; };
EOF
cat >lib.c <<'EOF'
int internal(void) { return 5; }
int api(void) { return internal() + 1; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int api(void);
int main(void) { printf("api=%d\n", api()); return 0; }
EOF
cc lib.o -fPIC lib.c
cc main.o main.c
try so libv.so lib.o -Lscripts -Wl,--version-script=v.map -Wl,-soname,libv.so
try exe prog main.o libv.so
run prog
try so libv2.so lib.o -Wl,--version-script=v.map -Lscripts -Wl,-soname,libv2.so
