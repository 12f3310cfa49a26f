extern __attribute__((visibility("hidden"))) int hidden_val;
__attribute__((visibility("hidden"))) int hidden_fn(int x);
int prot_fn(int x);
extern int prot_val;
int lib_report(void) { hidden_val++; return hidden_fn(1000) + prot_fn(3) + prot_val; }
int (*lib_hidden_ptr(void))(int) { return hidden_fn; }
