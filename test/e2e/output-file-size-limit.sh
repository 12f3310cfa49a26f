#!/usr/bin/env bash
# Under a file-size limit (ulimit -f, as build farms set), an output larger than the
# limit is a one-line error naming the output and the limit, exit status 1, no output
# and no temporary file left behind; rivet is not killed by SIGXFSZ. An output that
# fits the limit links as usual.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools objcopy

make_start_object start.o
cat >main.c <<'EOF2'
int main(void) { return 42; }
EOF2
compile_c -O1 main.c -o main.o
head -c $((8 * 1024 * 1024)) /dev/zero | tr '\0' '\1' >payload.bin
run objcopy --add-section .data.payload=payload.bin \
  --set-section-flags .data.payload=alloc,load,data main.o big.o
rm -f payload.bin

mkdir out
# 4 MiB limit (ulimit -f counts 1024-byte blocks), an output of about 8 MiB.
expect_link_error out/prog "out/prog" "file-size limit of 4194304 bytes" -- \
  bash -c 'ulimit -f 4096; exec "$0" "$@"' "$LD_RIVET" -static -o out/prog start.o big.o
expect_one_error_line
leftovers=$(find out -mindepth 1 ! -name "prog.*")
[ -z "$leftovers" ] || fail "expected nothing left in out/ after the failed link, found: $leftovers"

# A previous output stays as it was.
printf 'previous output\n' >out/prog
expect_link_error out/prog "file-size limit" -- \
  bash -c 'ulimit -f 4096; exec "$0" "$@"' "$LD_RIVET" -static -o out/prog start.o big.o
leftovers=$(find out -mindepth 1 ! -name prog ! -name "prog.*")
[ -z "$leftovers" ] || fail "expected no temporary file after the failed link, found: $leftovers"

# The same link fits a 16 MiB limit, and the program runs.
run bash -c 'ulimit -f 16384; exec "$0" "$@"' "$LD_RIVET" -static -o out/prog start.o big.o
status=0
./out/prog || status=$?
assert_eq "$status" 42 "exit status of the program linked under a 16 MiB limit"
