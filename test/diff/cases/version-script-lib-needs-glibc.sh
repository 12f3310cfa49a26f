# A library with a version script (two nodes, one inheriting) that also needs libc's
# versions; a program using its function and data, lazily and with -z now.
cat >lib.c <<'EOF2'
#include <stdio.h>
#include <stdlib.h>
int counter = 3;
char *dup_it(const char *s) { char *p = malloc(8); snprintf(p, 8, "%s", s); return p; }
void warn_it(const char *s) { fprintf(stderr, "warn %s\n", s); }
EOF2
cat >lib.map <<'EOF2'
V1 { global: dup_it; counter; local: *; };
V2 { global: warn_it; } V1;
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
#include <stdlib.h>
extern int counter;
char *dup_it(const char *);
void warn_it(const char *);
int main(void) { char *p = dup_it("abc"); printf("%s %d\n", p, counter); warn_it("x"); free(p); return counter; }
EOF2
cc lib.o -fPIC -O1 lib.c
cc main.o -O1 main.c
so libv.so lib.o -Wl,--version-script=lib.map -Wl,-soname,libv.so
exe prog main.o -L. -lv
run prog
exe prognow main.o -L. -lv -Wl,-z,now
run prognow
