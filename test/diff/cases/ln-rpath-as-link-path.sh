# Without -rpath-link, GNU ld also looks for a library's DT_NEEDED in the -rpath
# directories and in the library's own DT_RUNPATH; DT_RPATH (old dtags) serves the
# dependency at run time. Outcomes compared.
mkdir -p lib dep
cat >dep.c <<'EOF'
int dep(void) { return 40; }
EOF
cat >mid.c <<'EOF'
int dep(void);
int mid(void) { return dep() + 2; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int mid(void);
int main(void) { printf("mid=%d\n", mid()); return 0; }
EOF
cc dep.o -fPIC dep.c
cc mid.o -fPIC mid.c
cc main.o main.c
so dep/libdep.so dep.o -Wl,-soname,libdep.so
so lib/libmid.so mid.o dep/libdep.so -Wl,-soname,libmid.so
so lib/libmid2.so mid.o dep/libdep.so -Wl,-soname,libmid2.so "-Wl,-rpath,$PWD/dep"
try exe prog main.o lib/libmid.so "-Wl,-rpath,$PWD/dep" '-Wl,-rpath,$ORIGIN/lib' -Wl,--disable-new-dtags
run prog
try exe prog2 main.o lib/libmid2.so '-Wl,-rpath,$ORIGIN/lib'
run prog2
