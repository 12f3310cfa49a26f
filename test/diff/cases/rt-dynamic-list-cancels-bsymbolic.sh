# A dynamic list given with -Bsymbolic replaces it, in either order (GNU ld): the names
# it lists stay preemptible, every other one binds locally, and DT_FLAGS gets no
# DF_SYMBOLIC (which would make the loader bind every name of the library to itself).
# --export-dynamic-symbol(-list) joins the dynamic list under -Bsymbolic; without
# -Bsymbolic or a dynamic list it leaves a shared object as it is. The program sets
# the library's variable through a COPY and defines xxx itself: "OK1 DSO OK1" where
# foo stays preemptible and xxx binds locally (GNU ld's dl2d/dl2j/dl2k and dl6 tests).
cat >lib.c <<'EOF2'
#include <stdio.h>
int foo;
void xxx(void) { printf("DSO\n"); }
void bar(void) {
  printf(foo == 1 ? "OK1\n" : foo == 0 ? "OK2\n" : "FAIL\n");
  foo = -1;
  xxx();
}
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int foo;
void bar(void);
void xxx(void) { printf("MAIN\n"); }
int main(void) {
  foo = 1;
  bar();
  printf(foo == -1 ? "OK1\n" : foo == 1 ? "OK2\n" : "FAIL\n");
  return 0;
}
EOF2
cat >foo.list <<'EOF2'
{ foo; };
EOF2
cc lib.o -fPIC lib.c
cc main.o main.c
n=0
for flags in -Wl,-Bsymbolic,--dynamic-list-data -Wl,--dynamic-list-data,-Bsymbolic \
  -Wl,-Bsymbolic,--export-dynamic-symbol-list=foo.list \
  -Wl,--export-dynamic-symbol-list=foo.list,-Bsymbolic -Wl,-Bsymbolic,--export-dynamic-symbol=foo \
  -Wl,--export-dynamic-symbol=foo -Wl,-Bsymbolic-functions,--dynamic-list=foo.list; do
  n=$((n + 1))
  so lib$n.so lib.o -Wl,-soname,lib$n.so "$flags"
  exe prog$n main.o -Wl,--no-as-needed lib$n.so
  run prog$n
done
