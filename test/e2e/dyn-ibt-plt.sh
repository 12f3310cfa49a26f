#!/usr/bin/env bash
# -z ibtplt (and -z ibt, which also marks the output IBT-compatible): every PLT entry a
# call or a function pointer can reach starts with endbr64. Calls go to .plt.sec
# (endbr64; jmp *slot), the lazy slot starts at the .plt entry's endbr64, and .plt.got
# entries grow to 16 bytes, as GNU ld lays them out. Lazy and -z now, PIE and non-PIE
# (where a library function's address is the .plt.sec entry, compared across modules).
# -z ibtplt was ignored with a warning, -z ibt accepted and ignored.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int lib_add(int a, int b) { return a + b; }
int lib_twice(int a) { return 2 * a; }
void *lib_addr_of_add(void) { return (void *)lib_add; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int lib_add(int, int);
int lib_twice(int);
void *lib_addr_of_add(void);
int (*volatile fp)(int) = lib_twice;
int main(int argc, char **argv) {
  (void)argv;
  char buf[32];
  snprintf(buf, sizeof buf, "%d", lib_add(argc, 41));
  printf("%s %d %zu same=%d\n", buf, fp(21), strlen(buf), (void *)lib_add == lib_addr_of_add());
  return 0;
}
EOF2
so_link_both libibt.so -O1 lib.c -Wl,-z,ibtplt
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-$mode.o main.c
  for z in ibtplt ibt; do
    for bind in lazy now; do
      so_dlink_matrix prog-$mode-$z-$bind "${MODE_LDFLAGS[@]}" main-$mode.o -libt -Wl,-z,$z -Wl,-z,$bind
      so_run_matrix prog-$mode-$z-$bind
      so_expect_stdout prog-$mode-$z-$bind "42 42 2 same=1"
    done
  done
done
f=$(ls prog-*-ibtplt-lazy.rivet-rivet | head -n1)
has_section $f .plt.sec || fail "$f: expected a .plt.sec section (-z ibtplt), sections: $(section_names $f | tr '\n' ' ')"
# Every 16-byte entry of .plt.sec, and every .plt entry after PLT0, starts with endbr64.
entries() {
  local file=$1 name=$2 skip=$3 off size
  off=$(section_field "$file" "$name" off)
  size=$(section_field "$file" "$name" size)
  od -An -v -t x1 -j $((16#$off + skip)) -N $((16#$size - skip)) "$file" | tr -s ' \n' ' ' |
    awk '{ for (i = 1; i <= NF; i += 16) print $i $(i + 1) $(i + 2) $(i + 3) }'
}
for spec in ".plt.sec 0" ".plt 16"; do
  set -- $spec
  bad=$(entries $f $1 $2 | grep -v '^f30f1efa$' || true)
  [ -z "$bad" ] || fail "$f: $1 entries must start with endbr64 (f3 0f 1e fa), got: $(entries $f $1 $2 | tr '\n' ' ')"
  [ -n "$(entries $f $1 $2)" ] || fail "$f: $1 has no entries"
done
g=$(ls prog-*-ibt-now.rivet-rivet | head -n1)
readelf -nW $g | grep -q 'x86 feature: .*IBT' || fail "$g: -z ibt must mark the output IBT in .note.gnu.property, got: $(readelf -nW $g | tr '\n' ' ')"
so_elflint_compare libibt.so
