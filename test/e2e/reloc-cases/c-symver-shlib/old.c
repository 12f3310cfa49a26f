/* A caller built against the old version. */
__asm__(".symver foo_old, foo@VER1");
int foo_old(int);
int call_old_foo(int x) { return foo_old(x); }
