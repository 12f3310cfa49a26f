#!/usr/bin/env bash
# The program headers must lie inside a PT_LOAD: the kernel passes their address as
# AT_PHDR, and a static program reads its own headers from there (glibc's TLS set-up,
# dl_iterate_phdr). With -z separate-code and nothing read-only before .text (no notes,
# no .interp, no build-id note), the first PT_LOAD once covered the ELF header only, so AT_PHDR pointed
# at unmapped memory (GNU ld's PR ld/23428 test crashed). The program below walks its
# auxiliary vector and checks AT_PHDR/AT_PHNUM against its own PT_LOADs.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >phdr.c <<'EOF2'
#include <elf.h>
#include <stddef.h>
static long sys_write(int fd, const void *p, unsigned long n) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(1), "D"(fd), "S"(p), "d"(n) : "rcx", "r11", "memory");
  return r;
}
static void sys_exit(int code) {
  __asm__ volatile("syscall" : : "a"(60), "D"(code) : "rcx", "r11", "memory");
  __builtin_unreachable();
}
static void say(const char *s) {
  unsigned long n = 0;
  while (s[n]) n++;
  sys_write(1, s, n);
}
__attribute__((used)) void start_c(long *sp) {
  long argc = sp[0];
  char **envp = (char **)(sp + argc + 2);
  while (*envp) envp++;
  const Elf64_Phdr *phdr = NULL;
  unsigned long phnum = 0;
  for (Elf64_auxv_t *av = (Elf64_auxv_t *)(envp + 1); av->a_type != AT_NULL; av++) {
    if (av->a_type == AT_PHDR) phdr = (const Elf64_Phdr *)av->a_un.a_val;
    if (av->a_type == AT_PHNUM) phnum = av->a_un.a_val;
  }
  if (!phdr || !phnum) { say("no AT_PHDR\n"); sys_exit(1); }
  /* Reading the headers faults if they are not mapped. */
  unsigned long loads = 0, covered = 0;
  for (unsigned long i = 0; i < phnum; i++) {
    if (phdr[i].p_type != PT_LOAD) continue;
    loads++;
    unsigned long a = (unsigned long)phdr;
    if (a >= phdr[i].p_vaddr && a + phnum * sizeof *phdr <= phdr[i].p_vaddr + phdr[i].p_filesz)
      covered = 1;
  }
  if (!loads || !covered) { say("program headers not in a PT_LOAD\n"); sys_exit(1); }
  say("phdrs loaded\n");
  sys_exit(0);
}
__asm__(".globl _start\n_start:\n  mov %rsp, %rdi\n  and $-16, %rsp\n  call start_c\n  hlt\n");
EOF2
compile_c -O1 -fno-pie -fno-stack-protector -fno-asynchronous-unwind-tables -o phdr.o phdr.c
for sep in separate-code noseparate-code; do
  link_both "prog-$sep" -nostdlib -no-pie -Wl,-z,$sep -Wl,-z,noexecstack -Wl,--build-id=none phdr.o
  run_both_and_compare "prog-$sep"
  expect_stdout "prog-$sep" "phdrs loaded"
done
f=prog-separate-code.rivet
first=$(phdr_rows $f LOAD | head -n1)
phoff=$(readelf -hW $f | awk '/Start of program headers/ {print $5}')
phnum=$(readelf -hW $f | awk '/Number of program headers/ {print $5}')
filesz=$(awk '{print $4}' <<<"$first")
[ $((filesz)) -ge $((phoff + phnum * 56)) ] ||
  fail "$f: the first PT_LOAD ($first) must cover the program headers (offset $phoff, $phnum entries)"
