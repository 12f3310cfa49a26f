# C++: a class's alignas(256) static data member lives in a library; a non-PIE program
# copies it (R_X86_64_COPY), and the copy must be 256-aligned and shared with the library.
CC=g++
cat >lib.cc <<'EOF2'
struct Box { static char tag; alignas(256) static int slots[4]; static int *where(); };
char Box::tag = 't';
alignas(256) int Box::slots[4] = {1, 2, 3, 4};
int *Box::where() { return slots; }
EOF2
cat >main.cc <<'EOF2'
#include <cstdio>
#include <cstdint>
/* hidden from the compiler, which would fold a declared alignment */
static int is_aligned(const void *p, uintptr_t n) { uintptr_t v = (uintptr_t)p; __asm__("" : "+r"(v)); return v % n == 0; }
struct Box { static char tag; alignas(256) static int slots[4]; static int *where(); };
int main() {
  std::printf("%c %d\n", Box::tag, Box::slots[3]);
  std::printf("aligned %d same %d\n", (int)(is_aligned(Box::slots, 256)), Box::where() == Box::slots);
  return 0;
}
EOF2
cc lib.o -fPIC -O1 lib.cc
cc main.o -fno-pic -O1 main.cc
so libbox.so lib.o
exe prog -no-pie main.o -L. -lbox
run prog
