# -T script.ld named by a bare file name found through a -L directory; the script
# (INSERT AFTER) defines symbols around a custom section that the program walks.
mkdir -p scripts
cat >scripts/extra.ld <<'EOF'
SECTIONS {
  .mylist : { PROVIDE(mylist_start = .); KEEP(*(.mylist)) PROVIDE(mylist_end = .); }
} INSERT AFTER .data;
EOF
cat >main.c <<'EOF'
#include <stdio.h>
__attribute__((section(".mylist"), used)) static const int a = 3;
__attribute__((section(".mylist"), used)) static const int b = 4;
extern const int mylist_start[], mylist_end[];
int main(void) { int s = 0; for (const int *p = mylist_start; p < mylist_end; p++) s += *p; printf("sum=%d\n", s); return 0; }
EOF
cc main.o main.c
try exe prog main.o -Lscripts -Wl,-T,extra.ld
run prog
try exe prog2 -no-pie main.o -Lscripts -Wl,-Textra.ld
run prog2
