/* Two versions of foo in one object: foo@VER1 (the old one) and foo@@VER2 (the
   default). The -r output must keep both versioned names for the final shared
   library link, with its version script, to export both. */
__asm__(".symver foo_v1, foo@VER1");
__asm__(".symver foo_v2, foo@@VER2");
int foo_v1(int x) { return x + 1; }
int foo_v2(int x) { return x + 2; }
