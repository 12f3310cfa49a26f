/* Compiled with -fcf-protection=full (each object gets a .note.gnu.property with
   X86_FEATURE_1_AND = IBT|SHSTK), and one set compiles p2.c without it: GNU ld's -r
   output keeps the property only when every input has it. */
int p2_fn(int);
static int local_target(int x) { return x + 100; }
int (*volatile p1_ptr)(int) = local_target;
int p1_fn(int x) { return p2_fn(x) + p1_ptr(x); }
