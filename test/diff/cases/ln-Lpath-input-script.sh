# -lwrap names sub/libwrap.so, a linker script INPUT(wrapped.o): the object is found
# through the -L directory (not the current one); the program calls into it.
mkdir -p sub
cat >wrapped.c <<'EOF'
int wrapped(void) { return 17; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int wrapped(void);
int main(void) { printf("wrapped=%d\n", wrapped()); return 0; }
EOF
cc sub/wrapped.o wrapped.c
cc main.o main.c
cat >sub/libwrap.so <<'EOF'
/* a linker script */
INPUT(wrapped.o)
EOF
try exe prog main.o -Lsub -lwrap
run prog
try exe prog2 main.o sub/libwrap.so -Lsub
run prog2
