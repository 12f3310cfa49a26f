/* Identical string literals in three files (.rodata.str1.1, SHF_MERGE|SHF_STRINGS),
   tails of other literals, pointers into the middle of literals (section symbol +
   addend relocations), wide strings and 8/16-byte constants (.rodata.cst*). */
const char *const a_ptrs[] = {"shared literal", "literal", "only in a.c", "shared literal" + 7};
const char *a_str(int i) {
  switch (i) {
    case 0: return "shared literal";
    case 1: return "merge me: tail";
    default: return "a default";
  }
}
double a_const(int i) { return i * 3.14159 + 2.71828; }
