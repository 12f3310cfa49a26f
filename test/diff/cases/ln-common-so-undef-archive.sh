# A shared object's undefined data symbol defined as a common in an archive member:
# the member is pulled and the common allocated and exported (or not) as bfd does.
cat >foo.c <<'EOF'
extern int gcount;
int foo(void) { return ++gcount; }
EOF
cat >com.c <<'EOF'
int gcount;
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int foo(void);
int main(void) { foo(); printf("foo=%d\n", foo()); return 0; }
EOF
cc foo.o -fPIC foo.c
cc com.o -fcommon com.c
cc main.o main.c
ar rcs libcom.a com.o
so libfoo.so foo.o -Wl,-soname,libfoo.so
try exe prog main.o libfoo.so libcom.a
run prog
