/* --just-symbols FILE (GNU ld; also -R FILE when FILE is not a directory): the
 * symbols of an image linked before, say a ROM or a base executable, so that this
 * link can call into it and read its data at their fixed addresses. None of FILE's
 * sections or bytes reach the output. Its global definitions become absolute ones
 * (SHN_ABS, st_value the address: in an executable st_value already is one, in a
 * relocatable object it is an offset from its section's sh_addr); locals, undefined
 * references and TLS symbols (whose offsets mean nothing in another TLS block) are
 * dropped, as GNU ld drops them. A shared object is refused, as by GNU ld: its
 * addresses move with its load address. */
#include "rivet.h"

#include <stddef.h>

bool check_just_symbols_file(Ctx *ctx, MappedFile *mf) {
  if (is_archive(mf->data, mf->size)) {
    error(ctx, "%s: --just-symbols reads an ELF object or executable, not an archive", mf->path);
    return false;
  }
  if (mf->size < (i64)sizeof(Elf64_Ehdr) || !is_elf_object(mf->data, mf->size)) {
    error(ctx, "%s: --just-symbols: not an ELF file", mf->path);
    return false;
  }
  u16 type = rd16(mf->data + offsetof(Elf64_Ehdr, e_type));
  if (type == ET_DYN) {
    error(ctx, "%s: --just-symbols may not be used on a shared object or PIE", mf->path);
    return false;
  }
  if (type != ET_REL && type != ET_EXEC) {
    error(ctx, "%s: --just-symbols: not an object or executable (e_type %u)", mf->path, type);
    return false;
  }
  return true;
}

/* The address a kept definition stands for; false: the symbol is dropped. GNU ld
 * gives a common symbol of a relocatable FILE the value 0. */
static bool absolute_value(InputFile *f, i64 idx, u64 *value) {
  const ESym *es = &f->esyms[idx];
  if (es->st_shndx == SHN_UNDEF || ELF64_ST_TYPE(es->st_info) == STT_TLS)
    return false;
  if (es->st_shndx == SHN_ABS || es->st_shndx == SHN_COMMON) {
    *value = es->st_shndx == SHN_ABS ? es->st_value : 0;
    return true;
  }
  i64 shndx = esym_section(f, idx);
  if (shndx < 0 || shndx >= f->nshdrs)
    return false;
  bool relocatable = f->ehdr->e_type == ET_REL;
  *value = es->st_value + (relocatable ? f->shdrs[shndx].sh_addr : 0);
  return true;
}

/* Replaces f's symbol table (read in place) by one of its own: the null symbol, then
 * the kept definitions as SHN_ABS, so that resolution and .symtab treat them as any
 * object's absolute symbols. Their names stay in FILE's string table. */
void make_symbols_absolute(Ctx *ctx, InputFile *f) {
  if (f->nsyms == 0)
    return; /* stripped: nothing to take */
  i64 kept = 0;
  u64 value;
  for (i64 i = f->first_global; i < f->nsyms; i++)
    kept += absolute_value(f, i, &value);
  ESym *syms = ARENA_ARRAY(local_arena(ctx), ESym, kept + 1);
  i64 n = 1;
  for (i64 i = f->first_global; i < f->nsyms; i++) {
    if (!absolute_value(f, i, &value))
      continue;
    syms[n] = f->esyms[i];
    syms[n].st_shndx = SHN_ABS;
    syms[n].st_value = value;
    n++;
  }
  f->esyms = syms;
  f->nsyms = n;
  f->first_global = 1;
  f->symtab_shndx = NULL;
  f->ngroups = 0; /* its COMDAT groups are nobody's business */
}

/* GNU ld lets a --just-symbols definition meet another strong definition of its name
 * without a word: the first on the command line stays. --disable-multiple-abs-defs
 * makes that a multiple definition like any other. */
bool just_symbols_may_repeat(Ctx *ctx, const Symbol *sym, const InputFile *f) {
  return !ctx->opt.disable_multiple_abs_defs &&
         (f->just_symbols || (sym->file && sym->file->just_symbols));
}
