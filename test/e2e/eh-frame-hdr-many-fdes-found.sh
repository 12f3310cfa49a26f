#!/usr/bin/env bash
# .eh_frame_hdr's table is what the unwinder binary-searches for a pc (libgcc's
# _Unwind_Find_FDE, through PT_GNU_EH_FRAME). rivet builds it from sorted runs of 8192
# entries merged pairwise; here 17,500 functions, every other one cold (gcc puts those
# in .text.unlikely, away from their neighbours), so that .eh_frame's order is not the
# code's and every run must be sorted and merged. For each function, the FDE the
# unwinder finds from a pc inside it must start at that function, in a PIE and in a
# static executable, and the table must be strictly ascending and as long as ld.bfd's
# for the same inputs; the output is the same with 1 and 2 threads.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools python3 readelf

files=5 per_file=3500
python3 - "$files" "$per_file" <<'EOF'
import sys
files, per_file = int(sys.argv[1]), int(sys.argv[2])
for f in range(files):
    with open(f"fns{f}.c", "w") as out:
        for k in range(per_file):
            cold = " __attribute__((cold))" if k % 2 else ""
            out.write(f"__attribute__((noinline)){cold} int f{f}_{k}(int x) {{ return x * {k + 3} + {f}; }}\n")
        names = ", ".join(f"f{f}_{k}" for k in range(per_file))
        out.write(f"int (*const fns{f}[])(int) = {{ {names} }};\n")
with open("main.c", "w") as out:
    out.write("#include <stdio.h>\n")
    out.write("struct dwarf_eh_bases { void *tbase, *dbase, *func; };\n")
    out.write("const void *_Unwind_Find_FDE(void *pc, struct dwarf_eh_bases *bases);\n")
    for f in range(files):
        out.write(f"extern int (*const fns{f}[])(int);\n")
    out.write("int main(void) {\n  long found = 0, wrong = 0, sum = 0;\n")
    for f in range(files):
        out.write(f"  for (int k = 0; k < {per_file}; k++) {{\n")
        out.write(f"    char *pc = (char *)fns{f}[k];\n")
        out.write("    struct dwarf_eh_bases bases = {0};\n")
        out.write("    if (!_Unwind_Find_FDE(pc + 1, &bases) || bases.func != pc) wrong++; else found++;\n")
        out.write(f"    sum += fns{f}[k](1);\n  }}\n")
    out.write('  printf("found %ld wrong %ld sum %ld\\n", found, wrong, sum);\n  return wrong != 0;\n}\n')
EOF
for f in $(seq 0 $((files - 1))); do
  compile_c -O2 -fasynchronous-unwind-tables -o "fns$f.o" "fns$f.c"
done
compile_c -O2 -o main.o main.c
objs=(main.o $(for f in $(seq 0 $((files - 1))); do echo "fns$f.o"; done))

# The sum every correct link prints: f_k(1) = k + 3 + f.
expected_sum=$(python3 -c "print(sum(k + 3 + f for f in range($files) for k in range($per_file)))")
total=$((files * per_file))
expected="found $total wrong 0 sum $expected_sum"

# Strictly ascending initial locations, and as many entries as .eh_frame has FDEs.
check_table() {
  local exe=$1
  python3 - "$exe" <<'EOF'
import struct, sys
data = open(sys.argv[1], "rb").read()
shoff, = struct.unpack_from("<Q", data, 0x28)
shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3a)
def shdr(i):
    return struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
strtab = shdr(shstrndx)
def name(h):
    start = strtab[4] + h[0]
    return data[start:data.index(b"\0", start)].decode()
hdr = next(h for h in map(shdr, range(shnum)) if name(h) == ".eh_frame_hdr")
off = hdr[4]
version, ptr_enc, count_enc, table_enc = data[off:off + 4]
assert (version, count_enc, table_enc) == (1, 0x03, 0x3B), (version, count_enc, table_enc)
count, = struct.unpack_from("<I", data, off + 8)
pcs = [struct.unpack_from("<i", data, off + 12 + 8 * i)[0] for i in range(count)]
bad = sum(1 for a, b in zip(pcs, pcs[1:]) if a >= b)
print(count, bad)
EOF
}

for kind in pie static; do
  flags=()
  [ "$kind" = static ] && flags=(-static -Wl,--eh-frame-hdr) # gcc asks for it in dynamic links only
  run gcc "${flags[@]}" -B"$RIVET_LIBEXEC/" -o "prog.$kind" "${objs[@]}"
  assert_eq "$(./prog.$kind)" "$expected" "FDEs found through .eh_frame_hdr ($kind)"
  read -r count bad < <(check_table "prog.$kind")
  assert_eq "$bad" 0 "entries of .eh_frame_hdr not above the one before ($kind)"
  fdes=$(readelf --debug-dump=frames "prog.$kind" | grep -c ' FDE ')
  assert_eq "$count" "$fdes" ".eh_frame_hdr entries, against .eh_frame's FDEs ($kind)"
  [ "$count" -gt $((2 * 8192)) ] || fail "expected more than two runs of 8192 entries, got $count"
done

# ld.bfd, same inputs: the same run, and as many table entries.
run gcc -fuse-ld=bfd -o prog.bfd "${objs[@]}"
assert_eq "$(./prog.bfd)" "$expected" "FDEs found through ld.bfd's .eh_frame_hdr"
read -r count_bfd _ < <(check_table prog.bfd)
read -r count_pie _ < <(check_table prog.pie)
assert_eq "$count_pie" "$count_bfd" ".eh_frame_hdr entries, rivet against ld.bfd"

run gcc -B"$RIVET_LIBEXEC/" -Wl,--threads=1 -o prog.t1 "${objs[@]}"
run gcc -B"$RIVET_LIBEXEC/" -Wl,--threads=2 -o prog.t2 "${objs[@]}"
cmp prog.t1 prog.t2 || fail "outputs of --threads=1 and --threads=2 differ"
echo PASS
