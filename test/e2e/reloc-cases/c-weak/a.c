/* Weak definitions that b.c overrides (b.o stays out of the -r output, so they must
   stay weak in it), a weak definition nobody overrides, and weak undefined
   references that nothing defines: they must read as NULL. */
__attribute__((weak)) int wvar = 1;
__attribute__((weak)) int wfn(void) { return 10; }
__attribute__((weak)) int wonly(void) { return 5; }
__attribute__((weak)) const char *wname = "weak a";
int a_wvar(void) { return wvar; }
int a_wfn(void) { return wfn(); }
