const char *const b_ptrs[] = {"tail", "literal", "shared literal", "only in b.c" + 8};
const char *b_str(int i) {
  switch (i) {
    case 0: return "shared literal";
    case 1: return "me: tail";
    default: return "b default";
  }
}
double b_const(int i) { return i * 3.14159 - 1.41421; }
const __int128 b_big = ((__int128)0x0123456789abcdefLL << 64) | 0x0fedcba987654321LL;
