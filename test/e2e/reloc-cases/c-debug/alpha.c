/* Debug information through -r: .debug_info, .debug_line, .debug_str (mergeable),
   .debug_rnglists/.debug_line_str (DWARF 5), compressed with -gz. The final
   programs must decode and map functions to these lines. */
#include <string.h>

struct shape {
  int kind;
  double size;
};

__attribute__((noinline)) double alpha_fn(const struct shape *s, int n) {
  double total = 0;
  for (int i = 0; i < n; i++)
    total += s[i].kind * s[i].size;
  return total;
}

__attribute__((noinline)) int alpha_len(const char *s) { return (int)strlen(s) * 2; }
