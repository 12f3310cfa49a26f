#include <stdint.h>
char b_small = 'b';
int big_b[3] __attribute__((aligned(4096)));
_Thread_local int b_tls __attribute__((aligned(1024))) = 5;
__attribute__((aligned(256), noinline)) int b_fn(int x) { return x * 3; }
uintptr_t b_tls_addr(void) { return (uintptr_t)&b_tls; }
