#!/usr/bin/env bash
# Options that change the code or the tables written, each against ld.bfd on the same
# inputs: -z call-nop= (how a relaxed `call *f@GOTPCREL` is padded), --no-relax (GOT
# loads stay loads: the GOT slot and the GLOB_DAT relocation remain), -z lam-u48/-u57
# and -z indirect-extern-access (.note.gnu.property bits), --traditional-format (no
# .eh_frame_hdr), --retain-symbols-file (.symtab keeps the listed globals only), and
# the format options: -a archive/shared, -b/--format, --oformat and -A for the one
# format rivet writes (any other is refused by name), -EB a warning (as ld.bfd), -Y
# adds a library directory searched after -L, --default-script/-dT reads a script like -T.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools ar objdump

cat >calls.c <<'EOF2'
int target(void) { return 3; }
int caller(void) { return target() + 1; }
extern int counter;
int counter = 5;
int read_counter(void) { return counter; }
EOF2
compile_c -O1 -fno-plt -fPIC -o calls.o calls.c
call_bytes() { objdump -d "$1" | awk '/<caller>:/ { getline; getline; print; exit }' | cut -f2 | tr -s ' '; }
for v in prefix-addr suffix-nop prefix-0x2e suffix-0x90; do
  run ld.bfd -shared -Bsymbolic -o "bfd-$v.so" calls.o -z "call-nop=$v"
  run "$LD_RIVET" -shared -Bsymbolic -o "rivet-$v.so" calls.o -z "call-nop=$v"
  assert_eq "$(call_bytes "rivet-$v.so")" "$(call_bytes "bfd-$v.so")" "the relaxed call with -z call-nop=$v (as ld.bfd)"
done
assert_contains "$(call_bytes rivet-suffix-nop.so)" "e8" "the relaxed call with -z call-nop=suffix-nop"
status=0
"$LD_RIVET" -shared -o bad.so calls.o -z call-nop=prefix-bogus 2>err.txt || status=$?
assert_eq "$status" 1 "exit status with -z call-nop=prefix-bogus"

# --no-relax: the GOT load of a local symbol stays a load through the GOT (whose slot
# -Bsymbolic fills with a RELATIVE relocation).
got_relocs() { readelf -rW "$1" | grep -c 'R_X86_64_' || true; }
run "$LD_RIVET" -shared -Bsymbolic -o relaxed.so calls.o
run "$LD_RIVET" -shared -Bsymbolic -o norelax.so calls.o --no-relax
run ld.bfd -shared -Bsymbolic -o norelax.bfd.so calls.o --no-relax
assert_eq "$(got_relocs relaxed.so)" 0 "dynamic relocations of the relaxed link"
assert_eq "$(got_relocs norelax.so)" "$(got_relocs norelax.bfd.so)" "dynamic relocations with --no-relax (as ld.bfd)"
[ "$(got_relocs norelax.so)" -gt 0 ] || fail "expected --no-relax to keep GOT slots"

# Program properties.
property_line() { readelf -n "$1" | grep -E 'Properties:|x86 feature|1_needed' | tr -s ' ' | sort | tr '\n' ';'; }
for z in lam-u48 lam-u57 indirect-extern-access; do
  run ld.bfd -shared -o "bfd-$z.so" calls.o -z "$z"
  run "$LD_RIVET" -shared -o "rivet-$z.so" calls.o -z "$z"
  assert_eq "$(property_line "rivet-$z.so")" "$(property_line "bfd-$z.so")" ".note.gnu.property with -z $z (as ld.bfd)"
  [ -n "$(property_line "rivet-$z.so")" ] || fail "expected a property note with -z $z"
done
status=0
"$LD_RIVET" -shared -o rep.so calls.o -z lam-report=error 2>rep.txt || status=$?
assert_eq "$status" 1 "exit status with -z lam-report=error and objects without LAM"
assert_contains "$(cat rep.txt)" "calls.o: missing LAM_U48 and LAM_U57 properties" "the -z lam-report=error message"

# --traditional-format: no .eh_frame_hdr, as ld.bfd.
cat >main.c <<'EOF2'
#include <stdio.h>
int main(void) { puts("hi"); return 0; }
EOF2
compile_c -o main.o main.c
dlink_rivet trad.rivet main.o -Wl,--traditional-format
dlink_bfd trad.bfd main.o -Wl,--traditional-format
run_both_and_compare trad
! has_section trad.rivet .eh_frame_hdr || fail "expected no .eh_frame_hdr with --traditional-format"
! has_section trad.bfd .eh_frame_hdr || fail "ld.bfd's output has .eh_frame_hdr with --traditional-format?"

# --retain-symbols-file: only the listed names, locals and globals, in .symtab.
printf 'main\ncaller\n  target  \n' >keep.txt
dlink_rivet retain.rivet main.o calls.o -Wl,--retain-symbols-file=keep.txt
dlink_bfd retain.bfd main.o calls.o -Wl,--retain-symbols-file=keep.txt
run_both_and_compare retain
names() { readelf -sW "$1" | sed -n '/\.symtab/,$p' | awk '$5 == "GLOBAL" || $5 == "WEAK" { print $8 }' | sort | tr '\n' ' '; }
assert_eq "$(names retain.rivet)" "$(names retain.bfd)" "global symbols of .symtab with --retain-symbols-file (as ld.bfd)"
assert_eq "$(names retain.rivet)" "caller main target " "global symbols of .symtab with --retain-symbols-file"
readelf --dyn-syms -W retain.rivet | grep -q ' puts' || fail "--retain-symbols-file must not touch .dynsym"

# Formats: the one rivet writes is accepted under every spelling, others are refused.
for args in "-b elf64-x86-64" "--format=default" "--oformat elf64-x86-64" "-A i386:x86-64" "-EL"; do
  dlink_rivet fmt.rivet main.o -Wl,${args// /,}
done
for args in "-b binary" "--oformat=srec" "-A arm"; do
  status=0
  gcc -B"$RIVET_LIBEXEC/" -o fmt.bad main.o -Wl,${args// /,} 2>fmt.err || status=$?
  assert_eq "$status" 1 "exit status with $args"
  assert_contains "$(cat fmt.err)" "not supported by rivet" "the error for $args"
done

# -a archive / -a shared pick the library kind; -Y adds a directory after every -L.
cat >lib.c <<'EOF2'
int lib_value(void) { return 9; }
EOF2
cat >uselib.c <<'EOF2'
#include <stdio.h>
int lib_value(void);
int main(void) { printf("%d\n", lib_value()); return 0; }
EOF2
compile_c -fPIC -o lib.o lib.c
compile_c -o uselib.o uselib.c
mkdir -p ydir
run ar rcs ydir/libyv.a lib.o
run gcc -shared -o ydir/libyv.so lib.o
dlink_rivet a-archive uselib.o -Wl,-Y,ydir,-a,archive -lyv -Wl,-a,default
! readelf -dW a-archive | grep -q 'libyv.so' || fail "expected -a archive to link libyv.a, not libyv.so"
dlink_rivet a-shared uselib.o -Wl,-Y,ydir,-a,shared -lyv -Wl,-rpath,"$PWD/ydir"
readelf -dW a-shared | grep -q 'libyv.so' || fail "expected -a shared to link libyv.so"
assert_eq "$(./a-archive) $(./a-shared)" "9 9" "the programs linked with -Y and -a"

# --default-script / -dT: a script read like -T.
printf 'INPUT(%s)\n' "$PWD/lib.o" >extra.ld
dlink_rivet dt.rivet uselib.o -Wl,-dT,extra.ld
assert_eq "$(./dt.rivet)" 9 "the program linked with -dT extra.ld"
