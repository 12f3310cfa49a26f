/* --out-implib FILE: GNU ld's ELF import library. The output's ELF and program
 * headers, and a symbol table of its global definitions (those of .symtab that are
 * not local nor undefined), each an absolute symbol with its final value; no section
 * holds bytes. A later link against it (as --just-symbols does) reaches the image's
 * addresses: ARM's CMSE veneers are its main user, x86-64 writes it the same way. */
#include "rivet.h"

#include <stdlib.h>

typedef struct ImplibPlan {
  const Elf64_Sym *syms; /* the output's .symtab */
  const char *names;     /* ... and .strtab */
  i64 first, count;      /* the globals: [first, count) */
  i64 nkept;             /* defined ones */
  u64 name_bytes;        /* their names, with the leading NUL */
  u64 headers_end;       /* where the program headers and segments' bytes end */
} ImplibPlan;

static bool is_kept(const Elf64_Sym *s) {
  return s->st_shndx != SHN_UNDEF;
}

static ImplibPlan plan_implib(Ctx *ctx) {
  ImplibPlan p = {0};
  p.syms = (const Elf64_Sym *)(void *)(ctx->buf + ctx->symtab_chunk->shdr.sh_offset);
  p.names = (const char *)ctx->buf + ctx->strtab->shdr.sh_offset;
  p.first = ctx->symtab_nlocal;
  p.count = ctx->symtab_count;
  p.name_bytes = 1;
  for (i64 i = p.first; i < p.count; i++)
    if (is_kept(&p.syms[i])) {
      p.nkept++;
      p.name_bytes += strlen(p.names + p.syms[i].st_name) + 1;
    }
  /* GNU ld places the tables after the segments' file bytes, which stay zero. */
  p.headers_end = sizeof(Elf64_Ehdr) + (u64)ctx->phdrs.len * sizeof(Elf64_Phdr);
  for (i64 i = 0; i < ctx->phdrs.len; i++)
    p.headers_end = MAX(p.headers_end, ctx->phdrs.data[i].p_offset + ctx->phdrs.data[i].p_filesz);
  return p;
}

static const char shstrtab[] = "\0.symtab\0.strtab\0.shstrtab";

void write_import_library(Ctx *ctx) {
  if (!ctx->opt.out_implib)
    return;
  if (!ctx->symtab_chunk || !ctx->symtab_chunk->shndx) {
    error(ctx, "--out-implib: the output has no symbol table to take the symbols from (-s)");
    return;
  }
  ImplibPlan p = plan_implib(ctx);
  u64 symtab_off = align_to(p.headers_end, 8);
  u64 symtab_size = (u64)(p.nkept + 1) * sizeof(Elf64_Sym);
  u64 strtab_off = symtab_off + symtab_size;
  u64 shstrtab_off = strtab_off + p.name_bytes;
  u64 shdr_off = align_to(shstrtab_off + sizeof shstrtab, 8);
  SideOutput out = {ctx->opt.out_implib, NULL, (i64)(shdr_off + 4 * sizeof(Elf64_Shdr))};
  if (!open_side_output(ctx, &out))
    return;
  u8 *b = out.buf;
  memset(b, 0, (size_t)out.size);
  Elf64_Ehdr eh;
  memcpy(&eh, ctx->buf, sizeof eh);
  eh.e_shoff = shdr_off;
  eh.e_shnum = 4;
  eh.e_shstrndx = 3;
  memcpy(b, &eh, sizeof eh);
  memcpy(b + eh.e_phoff, ctx->buf + eh.e_phoff, (size_t)ctx->phdrs.len * sizeof(Elf64_Phdr));
  Elf64_Sym *syms = (Elf64_Sym *)(void *)(b + symtab_off);
  char *names = (char *)b + strtab_off;
  u32 name = 1;
  i64 n = 1;
  for (i64 i = p.first; i < p.count; i++) {
    if (!is_kept(&p.syms[i]))
      continue;
    Elf64_Sym s = p.syms[i];
    const char *text = p.names + s.st_name;
    size_t len = strlen(text);
    memcpy(names + name, text, len + 1);
    s.st_name = name;
    s.st_shndx = SHN_ABS;
    memcpy(&syms[n++], &s, sizeof s);
    name += (u32)len + 1;
  }
  memcpy(b + shstrtab_off, shstrtab, sizeof shstrtab);
  Elf64_Shdr sh[4] = {{0}};
  sh[1] = (Elf64_Shdr){1, SHT_SYMTAB, 0, 0, symtab_off, symtab_size, 2, 1, 8, sizeof(Elf64_Sym)};
  sh[2] = (Elf64_Shdr){9, SHT_STRTAB, 0, 0, strtab_off, p.name_bytes, 0, 0, 1, 0};
  sh[3] = (Elf64_Shdr){17, SHT_STRTAB, 0, 0, shstrtab_off, sizeof shstrtab, 0, 0, 1, 0};
  memcpy(b + shdr_off, sh, sizeof sh);
  commit_side_output(ctx, &out);
}
