# SHF_GNU_MBIND sections (GNU extension): each output section starts on a common page
# (-z common-page-size, which raises the default maximum page size when larger), keeps
# its sh_info policy number and gets a PT_GNU_MBIND_LO + sh_info segment; the program
# checks the alignment of both (GNU ld's mbind2a/b tests aborted). -z common-page-size
# larger than an explicit -z max-page-size is refused.
cat >mbind.s <<'EOF2'
	.globl bss_in_mbind0
	.section .mbind.bss,"adw",%nobits,0
	.type bss_in_mbind0, %object
	.size bss_in_mbind0, 1
bss_in_mbind0:
	.zero 1
	.globl data_in_mbind3
	.section .mbind.data,"adw",%progbits,0x3
	.type data_in_mbind3, %object
	.size data_in_mbind3, 1
data_in_mbind3:
	.byte 0
	.section .note.GNU-stack,"",%progbits
EOF2
cat >main.c <<'EOF2'
#include <stdint.h>
#include <stdio.h>
extern char bss_in_mbind0, data_in_mbind3;
int main(void) {
  printf("%d %d\n", (int)((intptr_t)&bss_in_mbind0 & 0x3fff), (int)((intptr_t)&data_in_mbind3 & 0x3fff));
  return 0;
}
EOF2
cc mbind.o mbind.s
cc main.o -O2 -fno-pie main.c
exe prog-nopie -no-pie mbind.o main.o -Wl,-z,common-page-size=0x4000
run prog-nopie
exe prog-static -static mbind.o main.o -Wl,-z,common-page-size=0x4000
run prog-static
try exe prog-error -no-pie mbind.o main.o -Wl,-z,common-page-size=0x4000,-z,max-page-size=0x1000
# The policy segments, by type and alignment, join what the two links must agree on.
for p in prog-nopie prog-static; do
  readelf -lW "$p" | awk -v p="$p" '$1 ~ /^GNU_MBIND/ {print p " segment: " $1, $NF}' >>record
done
