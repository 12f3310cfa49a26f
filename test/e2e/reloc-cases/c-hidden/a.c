/* Hidden and protected symbols defined in a.c and used from b.c, both -fPIC, the -r
   output linked into a shared library. The program defines the same names with
   default visibility and exports them: only if the -r output keeps the visibility do
   the library's references stay inside the library. */
__attribute__((visibility("hidden"))) int hidden_val = 42;
__attribute__((visibility("hidden"))) int hidden_fn(int x) { return x + hidden_val; }
__attribute__((visibility("protected"))) int prot_fn(int x) { return x * 100; }
__attribute__((visibility("protected"))) int prot_val = 9;
