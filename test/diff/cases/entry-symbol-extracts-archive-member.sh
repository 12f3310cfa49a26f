# -e SYMBOL is an undefined reference from the start, as -u is: it extracts the archive
# member that defines it (GNU ld), which nothing else on the command line references.
cat >entry.s <<'EOF2'
  .globl my_entry
my_entry:
  mov $60, %eax
  mov $7, %edi
  syscall
  .section .note.GNU-stack,"",@progbits
EOF2
cc entry.o entry.s
ar rcs libentry.a entry.o
ld prog -static -e my_entry libentry.a
run prog
