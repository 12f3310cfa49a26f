#!/usr/bin/env bash
# lld's --ignore-data-address-equality: the user gives up unique addresses of data.
# With --icf=all, identical read-only data is then folded too (without the option it
# never is); and an executable may take a copy relocation of a library's protected
# data (without it, that is an error: the library binds to its own copy). Both are
# compared with ld.lld on the same inputs, and the programs run.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools ld.lld

cat >data.c <<'EOF2'
#include <stdio.h>
const int table_a[4] = {1, 2, 3, 4};
const int table_b[4] = {1, 2, 3, 4};
int main(void) { printf("%d %d\n", table_a[3], table_b[2]); return 0; }
EOF2
compile_c -O1 -fdata-sections -o data.o data.c
same_address() { [ "$(nm "$1" | awk '$3 == "table_a" {print $1}')" = "$(nm "$1" | awk '$3 == "table_b" {print $1}')" ] && echo folded || echo apart; }
dlink_rivet icf.rivet data.o -Wl,--icf=all
dlink_rivet icfdata.rivet data.o -Wl,--icf=all,--ignore-data-address-equality
run gcc -fuse-ld=lld -o icfdata.lld data.o -Wl,--icf=all,--ignore-data-address-equality
assert_eq "$(same_address icf.rivet)" apart "table_a and table_b under --icf=all"
assert_eq "$(same_address icfdata.rivet)" "$(same_address icfdata.lld)" "table_a and table_b with --ignore-data-address-equality (as ld.lld)"
assert_eq "$(same_address icfdata.rivet)" folded "table_a and table_b with --ignore-data-address-equality"
assert_eq "$(./icfdata.rivet)" "4 3" "output of icfdata.rivet"

cat >lib.c <<'EOF2'
__attribute__((visibility("protected"))) int shared_counter = 40;
int library_reads(void) { return shared_counter; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int shared_counter;
int library_reads(void);
int main(void) { printf("%d %d\n", shared_counter + 2, library_reads()); return 0; }
EOF2
run gcc -shared -fPIC -o libprot.so lib.c
compile_c -fno-pic -o main.o main.c
status=0
gcc -no-pie -B"$RIVET_LIBEXEC/" -o prot.rivet main.o ./libprot.so 2>err.txt || status=$?
assert_eq "$status" 1 "exit status of a copy relocation of protected data without the option"
run gcc -no-pie -B"$RIVET_LIBEXEC/" -o prot.rivet main.o ./libprot.so -Wl,--ignore-data-address-equality
run gcc -no-pie -fuse-ld=lld -o prot.lld main.o ./libprot.so -Wl,--ignore-data-address-equality
readelf -rW prot.rivet | grep -q 'R_X86_64_COPY.*shared_counter' || fail "expected a COPY relocation for shared_counter"
assert_eq "$(./prot.rivet)" "$(./prot.lld)" "output of prot.rivet (as ld.lld's)"
