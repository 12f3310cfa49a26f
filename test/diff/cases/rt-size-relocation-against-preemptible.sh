# `sym@SIZE` (R_X86_64_SIZE64/SIZE32) is the symbol's size: a link-time constant for
# a definition that binds locally, but against a preemptible definition (a shared
# object's default-visibility variable) or an imported one it is a dynamic relocation
# of the same type, which the loader fills with the size of the definition it binds:
# the program's larger interposing array, 20 (GNU ld's size-7/-9 tests). A non-PIE
# linked with -z notext gets the text relocation without a warning, as with GNU ld.
cat >lib.c <<'EOF2'
char bar[10];
extern char size_of_bar __asm__("bar@SIZE");
char *bar_size = &size_of_bar;
static char local_arr[7];
extern char size_of_local __asm__("local_arr@SIZE");
char *local_size = &size_of_local;
char *use_local(void) { return local_arr; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
char bar[20];
extern long bar_size, local_size;
int main(void) {
  printf("bar: %ld, local: %ld\n", bar_size, local_size);
  return 0;
}
EOF2
cat >lib2.c <<'EOF2'
char baz[10];
EOF2
cat >main2.c <<'EOF2'
#include <stdio.h>
extern char size_of_baz __asm__("baz@SIZE");
int main(void) {
  printf("baz: %ld\n", (long)&size_of_baz);
  return 0;
}
EOF2
cc lib.o -fPIC lib.c
cc main.o main.c
cc lib2.o -fPIC lib2.c
cc main2.o -fno-pie main2.c
so libsize.so lib.o
exe prog main.o -Wl,--no-as-needed libsize.so
run prog
so libsize2.so lib2.o
exe prog2 -no-pie main2.o -Wl,--no-as-needed,-z,notext libsize2.so
run prog2
echo "prog2 link warnings: $(grep -c warning prog2.link-out || true)" >>record
# A library variable the non-PIE program also uses directly is copied into it (COPY):
# its size is then known at link time, and no text relocation is needed (size-6).
cat >main3.c <<'EOF2'
#include <stdio.h>
extern char baz[];
extern char size_of_baz __asm__("baz@SIZE");
int main(void) {
  baz[1] = 20;
  printf("baz: %ld %d\n", (long)&size_of_baz, baz[1]);
  return 0;
}
EOF2
cc main3.o -fno-pie main3.c
exe prog3 -no-pie main3.o -Wl,--no-as-needed libsize2.so
run prog3
