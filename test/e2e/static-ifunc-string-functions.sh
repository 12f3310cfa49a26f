#!/usr/bin/env bash
# glibc picks its string functions (strlen, memcpy, strchr, memset...) at startup through
# IFUNC resolvers. In a static executable the linker must turn every reference to an
# STT_GNU_IFUNC symbol into an R_X86_64_IRELATIVE relocation, and bracket those with
# __rela_iplt_start/__rela_iplt_end so that libc's startup code can apply them.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >strings.c <<'EOF'
#include <stdio.h>
#include <string.h>

static char src[512], dst[512];

int main(int argc, char **argv) {
  (void)argv;
  unsigned long sum = 0;
  for (int i = 0; i < 511; i++) src[i] = (char)('a' + (i * 7 + argc) % 26);
  src[511] = 0;
  for (int off = 0; off < 16; off++)
    for (int n = 0; n < 300; n += 7) {
      memset(dst, 0, sizeof dst);
      memcpy(dst + off, src + (15 - off), (size_t)n);
      sum += strlen(dst + off) + (unsigned char)dst[off + n / 2];
    }
  printf("strlen=%zu strnlen=%zu\n", strlen(src), strnlen(src, 100));
  printf("strchr=%td strrchr=%td memchr=%td\n", strchr(src, 'z') - src, strrchr(src, 'z') - src,
         (char *)memchr(src, 'q', sizeof src) - src);
  strcpy(dst, "hello");
  strcat(dst, ", ifunc");
  char *end = stpcpy(dst + strlen(dst), "!");
  printf("%s len=%td\n", dst, end - dst);
  memmove(dst + 2, dst, 6);
  printf("memmove=%.10s\n", dst);
  printf("strcmp=%d strncmp=%d memcmp=%d\n", strcmp("abc", "abd") < 0, strncmp("abcX", "abcY", 3),
         memcmp(src, src, 200));
  printf("strstr=%td strspn=%zu strcspn=%zu\n", strstr(src, "hov") ? strstr(src, "hov") - src : -1,
         strspn("aaab", "a"), strcspn("xyz!", "!"));
  memset(dst, 'm', 100);
  dst[100] = 0;
  printf("memset len=%zu sum=%lu\n", strlen(dst), sum);
  return 0;
}
EOF
# -fno-builtin keeps gcc from inlining the calls: they must go through libc's IFUNCs.
compile_c -O1 -fno-builtin -o strings.o strings.c
link_both strings strings.o

run_both_and_compare strings
expect_status strings 0
[ "$(head -n 1 strings.rivet.stdout)" = 'strlen=511 strnlen=100' ] ||
  fail "expected first line 'strlen=511 strnlen=100', got: $(head -n 1 strings.rivet.stdout)"
grep -qx 'hello, ifunc! len=13' strings.rivet.stdout ||
  fail "expected a line 'hello, ifunc! len=13', got:"$'\n'"$(cat strings.rivet.stdout)"
elflint_compare strings

# STT_GNU_IFUNC is in the OS-specific range, so an output that keeps such symbols says
# EI_OSABI = ELFOSABI_GNU (as ld.bfd's does); with System V tools call them "unknown".
assert_eq "$(readelf -hW strings.rivet | sed -n 's/^ *OS\/ABI: *//p')" "UNIX - GNU" "EI_OSABI of an output with STT_GNU_IFUNC symbols"
assert_eq "$(symbol_field strings.rivet strlen type)" IFUNC "type of strlen in .symtab"

n=$(readelf -rW strings.rivet | grep -c 'R_X86_64_IRELATIV' || true)
[ "$n" -gt 0 ] || fail "expected R_X86_64_IRELATIVE relocations for glibc's IFUNC'd string functions, readelf -r found none"
s=$(symbol_field strings.rivet __rela_iplt_start value)
e=$(symbol_field strings.rivet __rela_iplt_end value)
if [ -z "$s" ] || [ -z "$e" ]; then
  fail "expected __rela_iplt_start and __rela_iplt_end in .symtab, got start='$s' end='$e'"
fi
span=$(($(hex_to_dec "$e") - $(hex_to_dec "$s")))
assert_eq "$span" $((n * 24)) "__rela_iplt_end - __rela_iplt_start (bytes) for $n IRELATIVE relocations of 24 bytes"
