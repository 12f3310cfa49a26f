/* -fPIC objects combined by -r, linked into a shared library the program dlopens
   (argv[1]/libcase.so) and looks up with dlsym. A constructor in the library and
   its TLS variable show that the loader could initialize it. */
#include <stdio.h>
static int initialized;
__thread int plug_tls = 40;
__attribute__((constructor)) static void plug_init(void) { initialized = 100; }
int plug_value = 12;
int plug_fn(int x) { return x * plug_value + initialized + plug_tls++; }
