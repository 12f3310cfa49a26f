int asm_add3(int);
int user_fn(int x) { return asm_add3(x) * 2; }
