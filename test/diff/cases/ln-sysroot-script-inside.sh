# A libc.so-style script inside the sysroot with absolute paths GROUP(/lib/libfoo.so
# AS_NEEDED(/lib/libbar.so)): GNU ld prefixes them with the sysroot.
mkdir -p sr/lib sr/usr/lib
cat >foo.c <<'EOF'
int foo(void) { return 30; }
EOF
cat >bar.c <<'EOF'
int bar(void) { return 3; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int foo(void); int bar(void);
int main(void) { printf("foo=%d bar=%d\n", foo(), bar()); return 0; }
EOF
cat >main2.c <<'EOF'
#include <stdio.h>
int foo(void);
int main(void) { printf("foo=%d\n", foo()); return 0; }
EOF
cc foo.o -fPIC foo.c
cc bar.o -fPIC bar.c
cc main.o main.c
cc main2.o main2.c
so sr/lib/libfoo.so foo.o -Wl,-soname,libfoo.so
so sr/lib/libbar.so bar.o -Wl,-soname,libbar.so
cp sr/lib/libfoo.so sr/lib/libbar.so .
cat >sr/usr/lib/libfb.so <<'EOF'
OUTPUT_FORMAT(elf64-x86-64)
GROUP ( /lib/libfoo.so AS_NEEDED ( /lib/libbar.so ) )
EOF
try exe prog main.o -Wl,--sysroot="$PWD/sr" -Wl,-L=/usr/lib -lfb
run prog
try exe prog2 main2.o -Wl,--sysroot="$PWD/sr" -Wl,-L=/usr/lib -Wl,--no-as-needed -lfb
run prog2
try exe prog3 main.o -Wl,--sysroot="$PWD/sr" "-L$PWD/sr/usr/lib" -lfb
run prog3
