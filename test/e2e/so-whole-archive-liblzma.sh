#!/usr/bin/env bash
# A real Debian static archive built with -fPIC -- liblzma.a, about 80 members -- turned
# whole into a shared object with --whole-archive: every member is included (the same
# exported symbols as ld.bfd's library), and a program compresses and decompresses a
# buffer through the library (lzma_easy_buffer_encode / lzma_stream_buffer_decode,
# with CRC64 and the LZMA2 filter, so the encoder and decoder tables and their
# relocations are all exercised) and prints lzma_version_string().
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

archive=$(gcc -print-file-name=liblzma.a)
[ -f "$archive" ] || skip "liblzma.a is not installed (gcc -print-file-name gave '$archive'; package liblzma-dev)"
echo "#include <lzma.h>" | gcc -E -x c - >/dev/null 2>&1 || skip "lzma.h is not installed (package liblzma-dev)"

cat >main.c <<'EOF2'
#include <lzma.h>
#include <stdio.h>
#include <string.h>
int main(void) {
  static uint8_t in[100000], out[200000], back[100000];
  for (size_t i = 0; i < sizeof in; i++) in[i] = (uint8_t)((i * 7) ^ (i >> 5));
  size_t out_pos = 0;
  lzma_ret r = lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, NULL, in, sizeof in, out, &out_pos, sizeof out);
  if (r != LZMA_OK) { printf("encode failed %d\n", r); return 1; }
  uint64_t memlimit = UINT64_MAX;
  size_t in_pos = 0, back_pos = 0;
  r = lzma_stream_buffer_decode(&memlimit, 0, NULL, out, &in_pos, out_pos, back, &back_pos, sizeof back);
  if (r != LZMA_OK) { printf("decode failed %d\n", r); return 1; }
  printf("version %s\n", lzma_version_string());
  printf("round trip %s, %zu bytes, crc64 %llx, compressed smaller %d\n", memcmp(in, back, sizeof in) ? "differs" : "equal",
         back_pos, (unsigned long long)lzma_crc64(in, sizeof in, 0), out_pos < sizeof in);
  return 0;
}
EOF2
so_link_both liblzmawhole.so -Wl,--whole-archive "$archive" -Wl,--no-whole-archive -pthread
lib=rivet/liblzmawhole.so
want=$(defined_dynsyms bfd/liblzmawhole.so | grep -c '^lzma_')
got=$(defined_dynsyms $lib | grep -c '^lzma_' || true)
assert_eq "$got" "$want" "$lib: number of exported lzma_* symbols (ld.bfd's library has $want)"
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -llzmawhole
so_run_matrix prog
assert_contains "$(cat prog.rivet-rivet.stdout)" "round trip equal, 100000 bytes" "stdout of prog.rivet-rivet"
so_elflint_compare liblzmawhole.so
