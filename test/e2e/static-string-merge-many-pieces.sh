#!/usr/bin/env bash
# A merged string section large enough to be written by several tasks (rivet cuts a
# merged section's pieces into runs of about 512 KiB): two objects with 24,000 string
# literals each, half of them shared, about 1.3 MB of strings after merging. Every
# pointer must reach its own characters, a literal both objects use must be one copy
# (the pointers compare equal, the bytes appear once in the file), the program must
# print what ld.bfd's prints, and the output must not depend on --threads (the e2e
# threads check links every program here again at 1 and 16 threads).
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools python3

python3 - <<'EOF2'
n = 24000
def literal(i):
    return "merged literal %06d %s" % (i, "xyz" * (i % 7))
for name, first in (("one", 0), ("two", n // 2)):
    with open(name + ".c", "w") as f:
        f.write("const char *const %s_table[] = {\n" % name)
        for i in range(first, first + n):
            f.write('  "%s",\n' % literal(i))
        f.write("};\n")
with open("main.c", "w") as f:
    f.write("""#include <stdio.h>
#include <string.h>
extern const char *const one_table[], *const two_table[];
int main(void) {
  enum { n = %d };
  unsigned long sum = 0;
  int same = 0, wrong = 0;
  char want[64];
  for (int i = 0; i < n; i++) {
    snprintf(want, sizeof want, "merged literal %%06d ", i);
    wrong += strncmp(one_table[i], want, strlen(want)) != 0;
    snprintf(want, sizeof want, "merged literal %%06d ", i + n / 2);
    wrong += strncmp(two_table[i], want, strlen(want)) != 0;
    for (const char *p = one_table[i]; *p; p++)
      sum = sum * 31 + (unsigned char)*p;
    if (i >= n / 2)
      same += one_table[i] == two_table[i - n / 2];
  }
  printf("wrong %%d, shared and equal %%d of %%d, checksum %%lu\\n", wrong, same, n / 2, sum);
  return wrong != 0;
}
""" % n)
EOF2
compile_c -O1 -o one.o one.c
compile_c -O1 -o two.o two.c
compile_c -O1 -o main.o main.c
link_both merge main.o one.o two.o
run_both_and_compare merge
assert_contains "$(cat merge.rivet.stdout)" "wrong 0, shared and equal 12000 of 12000" "merge.rivet's output"
count=$(grep -c -a -F "merged literal 018000 " merge.rivet || true)
assert_eq "$count" 1 "copies of a literal both objects use in merge.rivet"
total=$(LC_ALL=C grep -a -o -E "merged literal [0-9]{6} " merge.rivet | wc -l)
assert_eq "$total" 36000 "distinct literals in merge.rivet (24,000 each, 12,000 shared)"
