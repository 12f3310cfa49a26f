#!/usr/bin/env bash
# Taking the address of an IFUNC'd function (strlen) must give one value everywhere:
# from a -fPIE object (GOTPCRELX through the GOT), from a -fno-pie object (absolute
# R_X86_64_32S), and from data initialised with R_X86_64_64 in both. In a static
# non-PIE executable the linker makes a canonical PLT entry the function's address;
# handing out the resolver's address, or different addresses, breaks pointer equality
# and calls through the pointer.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >pie_tu.c <<'EOF'
#include <string.h>
typedef size_t (*strlen_fn)(const char *);
strlen_fn strlen_from_pie_tu(void) { return &strlen; }
strlen_fn const strlen_in_pie_data = strlen;
EOF
cat >nopie_tu.c <<'EOF'
#include <stdio.h>
#include <string.h>
typedef size_t (*strlen_fn)(const char *);
strlen_fn strlen_from_pie_tu(void);
extern strlen_fn const strlen_in_pie_data;
static strlen_fn volatile strlen_in_nopie_data = strlen;

int main(void) {
  strlen_fn a = strlen_from_pie_tu(), b = &strlen;
  printf("code: pie==nopie %d\n", a == b);
  printf("data: pie==code %d nopie==code %d\n", strlen_in_pie_data == b, strlen_in_nopie_data == b);
  printf("calls: %zu %zu %zu %zu\n", a("abc"), b("abcd"), strlen_in_pie_data("abcde"),
         strlen_in_nopie_data("abcdef"));
  return 0;
}
EOF
compile_c -O1 -fPIE -fno-builtin -o pie_tu.o pie_tu.c
compile_c -O1 -fno-pie -fno-builtin -o nopie_tu.o nopie_tu.c
grep -q 'R_X86_64_REX_GOTPCRELX.*strlen' <(readelf -rW pie_tu.o) ||
  fail "test setup: expected pie_tu.o to take &strlen through R_X86_64_REX_GOTPCRELX"
link_both addr pie_tu.o nopie_tu.o

run_both_and_compare addr
expect_stdout addr "code: pie==nopie 1
data: pie==code 1 nopie==code 1
calls: 3 4 5 6"
expect_status addr 0
elflint_compare addr
