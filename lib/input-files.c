/* Relocatable objects (ET_REL). Headers, the symbol table and relocation arrays are
 * used in place in the mapping after bounds checks, through the unaligned ELF types
 * of rivet.h (archive members are only 2-byte aligned); nothing is copied. COMDAT groups are
 * claimed here, in load order: the first file to load a group keeps it, the later copies are
 * dropped. */
#include "arch.h"
#include "rivet.h"

#include <stdlib.h>

#define SHT_LLVM_ADDRSIG 0x6fff4c03
#define GNU_PROPERTY_X86_FEATURE_1_AND 0xc0000002
#define GNU_PROPERTY_X86_ISA_1_NEEDED 0xc0008002

bool is_elf_object(const u8 *data, i64 size) {
  return size >= 4 && memcmp(data, ELFMAG, SELFMAG) == 0;
}

/* Safe on any thread; the caller registers the file (register_file) in input order. */
InputFile *new_unregistered_object_file(Ctx *ctx, MappedFile *mf, const char *archive_name) {
  Arena *arena = local_arena(ctx);
  InputFile *f = ARENA_NEW(arena, InputFile);
  f->kind = FILE_OBJ;
  f->mf = mf;
  f->archive_name = archive_name;
  f->name = archive_name ? arena_sprintf(arena, "%s(%s)", archive_name, mf->path) : mf->path;
  f->gnu_property_and = ~0u;
  return f;
}

/* Priorities follow command-line order: they break every tie between files. */
void register_file(Ctx *ctx, InputFile *f) {
  f->priority = ctx->next_priority++;
  vec_push(&ctx->all_files, f);
}

InputFile *new_object_file(Ctx *ctx, MappedFile *mf, const char *archive_name) {
  InputFile *f = new_unregistered_object_file(ctx, mf, archive_name);
  register_file(ctx, f);
  return f;
}

u32 esym_shndx(InputFile *f, i64 idx) {
  const ESym *s = &f->esyms[idx];
  if (s->st_shndx == SHN_XINDEX && f->symtab_shndx)
    return f->symtab_shndx[idx];
  return s->st_shndx;
}

/* The section index of a symbol defined in a section, else -1 (undefined, absolute,
 * common). Reserved values only count when st_shndx itself holds them: an index read
 * through SHN_XINDEX is a real section's, even one equal to SHN_ABS or SHN_COMMON. */
i64 esym_section(InputFile *f, i64 idx) {
  u16 raw = f->esyms[idx].st_shndx;
  if (raw == SHN_XINDEX)
    return f->symtab_shndx ? (i64)f->symtab_shndx[idx] : -1;
  return raw == SHN_UNDEF || raw >= SHN_LORESERVE ? -1 : raw;
}

const char *esym_name(InputFile *f, const ESym *esym) {
  return f->strtab + esym->st_name;
}

static const char *section_name(InputFile *f, const EShdr *sh) {
  return f->shstrtab + sh->sh_name;
}

/* A string table must lie inside the file and end in NUL, so every name read from
 * it through an in-range offset is terminated. */
static bool check_strtab(Ctx *ctx, InputFile *f, const EShdr *sh, const char *what) {
  if (sh->sh_type != SHT_STRTAB || sh->sh_size == 0 || sh->sh_offset > (u64)f->mf->size ||
      sh->sh_size > (u64)f->mf->size - sh->sh_offset ||
      f->mf->data[sh->sh_offset + sh->sh_size - 1] != 0) {
    error(ctx, "%s: malformed %s", f->name, what);
    return false;
  }
  return true;
}

static bool section_in_file(InputFile *f, const EShdr *sh) {
  if (sh->sh_type == SHT_NOBITS)
    return true;
  return sh->sh_offset <= (u64)f->mf->size && sh->sh_size <= (u64)f->mf->size - sh->sh_offset;
}

static bool read_headers(Ctx *ctx, InputFile *f) {
  const u8 *d = f->mf->data;
  i64 size = f->mf->size;
  if (size < (i64)sizeof(Elf64_Ehdr) || !is_elf_object(d, size)) {
    error(ctx, "%s: file is too short to be an ELF object", f->name);
    return false;
  }
  if (d[EI_VERSION] != EV_CURRENT) {
    error(ctx, "%s: unknown ELF version %u", f->name, d[EI_VERSION]);
    return false;
  }
  if (d[EI_CLASS] != ELFCLASS64 || d[EI_DATA] != ELFDATA2LSB) {
    error(ctx, "%s: incompatible ELF class or byte order (rivet links ELF64 little-endian)",
          f->name);
    return false;
  }
  f->ehdr = (const void *)(d);
  const EEhdr *eh = f->ehdr;
  if (eh->e_machine != ctx->arch->e_machine) {
    error(ctx, "%s: incompatible machine type %u (output is %s)", f->name, eh->e_machine,
          ctx->arch->name);
    return false;
  }
  if (eh->e_type != ET_REL && !(f->just_symbols && eh->e_type == ET_EXEC)) {
    error(ctx, "%s: not a relocatable object (e_type %u)", f->name, eh->e_type);
    return false;
  }
  if (eh->e_shoff == 0 || eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shoff > (u64)size ||
      (u64)size - eh->e_shoff < sizeof(Elf64_Shdr)) {
    error(ctx, "%s: malformed section header table", f->name);
    return false;
  }
  const EShdr *sh0 = (const void *)(d + eh->e_shoff);
  u64 nshdrs = eh->e_shnum ? eh->e_shnum : sh0->sh_size;
  if (nshdrs == 0 || nshdrs > ((u64)size - eh->e_shoff) / sizeof(Elf64_Shdr)) {
    error(ctx, "%s: section header table extends past the end of the file", f->name);
    return false;
  }
  f->nshdrs = (i64)nshdrs;
  f->shdrs = (const void *)(d + eh->e_shoff);
  u64 shstrndx = eh->e_shstrndx == SHN_XINDEX ? f->shdrs[0].sh_link : eh->e_shstrndx;
  if (shstrndx == 0 || shstrndx >= nshdrs) {
    error(ctx, "%s: invalid section name table index %lu", f->name, (unsigned long)shstrndx);
    return false;
  }
  if (!check_strtab(ctx, f, &f->shdrs[shstrndx], "section name table"))
    return false;
  f->shstrtab = (const char *)d + f->shdrs[shstrndx].sh_offset;
  f->shstrtab_size = (i64)f->shdrs[shstrndx].sh_size;
  for (i64 i = 0; i < f->nshdrs; i++) {
    const EShdr *sh = &f->shdrs[i];
    f->ngroups += sh->sh_type == SHT_GROUP;
    if (sh->sh_name >= (u64)f->shstrtab_size) {
      error(ctx, "%s: section %ld: name offset out of range", f->name, (long)i);
      return false;
    }
    if (sh->sh_size >= MAX_INPUT_SIZE) {
      error(ctx, "%s: section %s: size 0x%lx is too large", f->name, section_name(f, sh),
            (unsigned long)sh->sh_size);
      return false;
    }
    /* Pieces of a mergeable section are addressed by 32-bit offsets (mold refuses
     * the same). */
    if ((sh->sh_flags & SHF_MERGE) && sh->sh_size > UINT32_MAX) {
      error(ctx, "%s: mergeable section %s: size 0x%lx is too large", f->name, section_name(f, sh),
            (unsigned long)sh->sh_size);
      return false;
    }
    if (!section_in_file(f, sh)) {
      error(ctx, "%s: section %s extends past the end of the file", f->name, section_name(f, sh));
      return false;
    }
    if (sh->sh_addralign > MAX_INPUT_ALIGN ||
        (sh->sh_addralign > 1 && !is_pow2(sh->sh_addralign))) {
      error(ctx, "%s: section %s: invalid alignment %lu", f->name, section_name(f, sh),
            (unsigned long)sh->sh_addralign);
      return false;
    }
  }
  return true;
}

/* A common symbol's st_value is its alignment (gABI "Symbol Values"): a power of
 * two (0 taken as 1), bounded like a section's; its size becomes .bss space. */
static bool check_common_symbol(Ctx *ctx, InputFile *f, const ESym *s) {
  if (s->st_value > MAX_INPUT_ALIGN || (s->st_value > 1 && !is_pow2(s->st_value))) {
    error(ctx, "%s: common symbol '%s' has invalid alignment 0x%lx", f->name, esym_name(f, s),
          (unsigned long)s->st_value);
    return false;
  }
  if (s->st_size >= MAX_INPUT_SIZE) {
    error(ctx, "%s: common symbol '%s': size 0x%lx is too large", f->name, esym_name(f, s),
          (unsigned long)s->st_size);
    return false;
  }
  return true;
}

/* Where the symbol table, its names and its extended section indices are. */
static bool locate_symtab(Ctx *ctx, InputFile *f) {
  const u8 *d = f->mf->data;
  i64 symtab_idx = -1;
  for (i64 i = 0; i < f->nshdrs; i++) {
    const EShdr *sh = &f->shdrs[i];
    if (sh->sh_type != SHT_SYMTAB)
      continue;
    if (symtab_idx >= 0)
      continue; /* a second symbol table is ignored, as other linkers do */
    symtab_idx = i;
    if (sh->sh_entsize != sizeof(Elf64_Sym) || sh->sh_size % sizeof(Elf64_Sym)) {
      error(ctx, "%s: malformed symbol table", f->name);
      return false;
    }
    if (sh->sh_link >= (u64)f->nshdrs) {
      error(ctx, "%s: symbol table: string table index %u out of range", f->name, sh->sh_link);
      return false;
    }
    if (!check_strtab(ctx, f, &f->shdrs[sh->sh_link], "symbol string table"))
      return false;
    f->strtab = (const char *)d + f->shdrs[sh->sh_link].sh_offset;
    f->strtab_size = (i64)f->shdrs[sh->sh_link].sh_size;
    f->nsyms = (i64)(sh->sh_size / sizeof(Elf64_Sym));
    f->esyms = (const void *)(d + sh->sh_offset);
    f->first_global = sh->sh_info;
    if (f->first_global > f->nsyms || (f->nsyms > 0 && f->first_global == 0)) {
      error(ctx, "%s: symbol table: invalid index of the first global symbol", f->name);
      return false;
    }
  }
  f->symtab_index = symtab_idx;
  for (i64 i = 0; i < f->nshdrs; i++) {
    const EShdr *sh = &f->shdrs[i];
    if (sh->sh_type != SHT_SYMTAB_SHNDX)
      continue;
    if (sh->sh_link != (u64)symtab_idx || sh->sh_size / 4 < (u64)f->nsyms) {
      error(ctx, "%s: SHT_SYMTAB_SHNDX does not match the symbol table", f->name);
      return false;
    }
    f->symtab_shndx = (const void *)(d + sh->sh_offset);
  }
  return true;
}

/* Every symbol's name, section index and place in the table checked. */
static bool check_symbols(Ctx *ctx, InputFile *f) {
  for (i64 i = 0; i < f->nsyms; i++) {
    const ESym *s = &f->esyms[i];
    if (s->st_name >= (u64)f->strtab_size) {
      error(ctx, "%s: symbol %ld: name offset out of range", f->name, (long)i);
      return false;
    }
    if (s->st_shndx == SHN_XINDEX && !f->symtab_shndx) {
      error(ctx, "%s: symbol %s: SHN_XINDEX without a SHT_SYMTAB_SHNDX section", f->name,
            esym_name(f, s));
      return false;
    }
    if ((i < f->first_global) != (ELF64_ST_BIND(s->st_info) == STB_LOCAL) && i > 0) {
      error(ctx,
            "%s: symbol %s: %s symbol on the wrong side of the symbol table's first "
            "global index",
            f->name, esym_name(f, s), i < f->first_global ? "global" : "local");
      return false;
    }
    u32 shndx = esym_shndx(f, i);
    bool extended = s->st_shndx == SHN_XINDEX;
    if (shndx != SHN_UNDEF && (extended || shndx < SHN_LORESERVE) && shndx >= (u64)f->nshdrs) {
      error(ctx, "%s: symbol %s: section index %u out of range", f->name, esym_name(f, s), shndx);
      return false;
    }
    if (shndx == SHN_COMMON && !extended && !check_common_symbol(ctx, f, s))
      return false;
  }
  return true;
}

/* Grows the group table so that n more signatures fit at a load of at most one
 * half. Outside parallel passes only, like reserve_symbols. */
void reserve_comdats(Ctx *ctx, i64 n) {
  if ((ctx->ncomdats + n) * 2 <= ctx->comdats_cap)
    return;
  ComdatGroup *_Atomic *old = ctx->comdats;
  i64 old_cap = ctx->comdats_cap;
  ctx->comdats_cap = 4096;
  while (ctx->comdats_cap < (ctx->ncomdats + n) * 2)
    ctx->comdats_cap *= 2;
  ctx->comdats = alloc_zeroed(ctx->comdats_cap * (i64)sizeof(ComdatGroup *));
  if (!ctx->comdats)
    fatal(ctx, "out of memory");
  u64 mask = (u64)ctx->comdats_cap - 1;
  for (i64 i = 0; i < old_cap; i++) {
    if (!old[i])
      continue;
    u64 h = old[i]->hash & mask;
    while (ctx->comdats[h])
      h = (h + 1) & mask;
    ctx->comdats[h] = old[i];
  }
  free_zeroed(old, old_cap * (i64)sizeof(ComdatGroup *));
}

/* The one ComdatGroup of a signature, created without an owner. Thread-safe like
 * symbol interning: a new signature takes its slot with a compare-and-swap. */
static ComdatGroup *intern_comdat(Ctx *ctx, const char *signature) {
  u64 hash = hash_string(signature, (i64)strlen(signature));
  u64 mask = (u64)ctx->comdats_cap - 1;
  for (u64 h = hash & mask;; h = (h + 1) & mask) {
    ComdatGroup *g = ctx->comdats[h];
    if (!g) {
      ComdatGroup *fresh = ARENA_NEW(local_arena(ctx), ComdatGroup);
      fresh->signature = signature;
      fresh->hash = hash;
      if (atomic_compare_exchange_strong(&ctx->comdats[h], &g, fresh)) {
        ctx->ncomdats++;
        return fresh;
      }
    }
    if (g->hash == hash && !strcmp(g->signature, signature))
      return g;
  }
}

/* The COMDAT groups of f with their interned signatures, for claim_comdat_groups. */
static void intern_comdat_groups(Ctx *ctx, InputFile *f) {
  f->comdat_refs = ARENA_ARRAY(local_arena(ctx), ComdatRef, f->ngroups);
  f->ncomdat_refs = 0;
  for (i64 i = 0; i < f->nshdrs; i++) {
    const EShdr *sh = &f->shdrs[i];
    if (sh->sh_type != SHT_GROUP || !(rd32(f->mf->data + sh->sh_offset) & GRP_COMDAT))
      continue;
    const char *sig = esym_name(f, &f->esyms[sh->sh_info]);
    if (ELF64_ST_TYPE(f->esyms[sh->sh_info].st_info) == STT_SECTION) {
      u32 idx = esym_shndx(f, sh->sh_info);
      sig = idx < (u64)f->nshdrs ? section_name(f, &f->shdrs[idx]) : sig;
    }
    f->comdat_refs[f->ncomdat_refs++] = (ComdatRef){intern_comdat(ctx, sig), (u32)i};
  }
}

static void read_gnu_property(Ctx *ctx, InputFile *f, const u8 *p, u64 size) {
  /* Elf64_Nhdr; name "GNU\0"; descriptor: array of {u32 type, u32 datasz, data, pad to 8} */
  u64 off = 0;
  while (off + 12 <= size) {
    u32 namesz = rd32(p + off), descsz = rd32(p + off + 4), type = rd32(p + off + 8);
    u64 name_off = off + 12, desc_off = name_off + align_to(namesz, 4);
    if (desc_off > size || descsz > size - desc_off)
      break;
    if (type == NT_GNU_PROPERTY_TYPE_0 && namesz == 4 && !memcmp(p + name_off, "GNU", 4)) {
      const u8 *desc = p + desc_off;
      u64 q = 0;
      while (q + 8 <= descsz) {
        u32 ptype = rd32(desc + q), datasz = rd32(desc + q + 4);
        if (q + 8 + datasz > descsz)
          break;
        if (ptype == GNU_PROPERTY_X86_FEATURE_1_AND && datasz == 4) {
          f->gnu_property_and &= rd32(desc + q + 8);
          f->has_feature_note = true;
        }
        if (ptype == GNU_PROPERTY_X86_ISA_1_NEEDED && datasz == 4)
          f->isa_needed |= rd32(desc + q + 8);
        if (ptype == GNU_PROPERTY_1_NEEDED && datasz == 4)
          f->property_1_needed |= rd32(desc + q + 8);
        q += 8 + align_to(datasz, 8);
      }
    }
    off = desc_off + align_to(descsz, 4);
  }
  (void)ctx;
}

/* Init/fini priority from a section name: ".init_array.N", and ".ctors.N" which run
 * last to first, so GNU ld sorts them as priority 65535 - N among .init_array.N. */
static i32 init_priority_of(const char *name) {
  /* Every section passes here: the prefixes first, the long C++ names end far away. */
  if (!starts_with(name, ".init_array.") && !starts_with(name, ".fini_array.") &&
      !starts_with(name, ".ctors.") && !starts_with(name, ".dtors."))
    return 65536;
  const char *dot = strrchr(name, '.');
  char *end;
  long v = strtol(dot + 1, &end, 10);
  if (*end || v < 0 || v > 65535)
    return 65536;
  bool reversed = starts_with(name, ".ctors.") || starts_with(name, ".dtors.");
  return (i32)(reversed ? 65535 - v : v);
}

/* Of a --just-symbols file, its x86 feature bits (GNU ld merges them as any input's)
 * and its symbols, nothing else: without sections no pass looks further into it. */
static void read_just_symbols_contents(Ctx *ctx, InputFile *f) {
  for (i64 i = 1; i < f->nshdrs; i++)
    if (str_equal(section_name(f, &f->shdrs[i]), ".note.gnu.property"))
      read_gnu_property(ctx, f, f->mf->data + f->shdrs[i].sh_offset, f->shdrs[i].sh_size);
  f->nshdrs = 0;
  f->shdrs = NULL;
  f->syms = ARENA_ARRAY(local_arena(ctx), Symbol *, f->nsyms);
}

/* The headers and where the symbol table is: enough to count the global names.
 * Returns false after an error. */
bool read_object_headers(Ctx *ctx, InputFile *f) {
  if (!f->headers_read) {
    f->headers_read = true;
    f->headers_ok = read_headers(ctx, f) && locate_symtab(ctx, f);
  }
  return f->headers_ok;
}

/* Headers and the symbol table only: enough to list an archive member's definitions
 * without claiming its COMDAT groups. Returns false after an error. */
bool read_object_symbols(Ctx *ctx, InputFile *f) {
  if (!f->symbols_read) {
    f->symbols_read = true;
    f->symbols_ok = read_object_headers(ctx, f) && check_symbols(ctx, f);
    if (f->symbols_ok && f->just_symbols)
      make_symbols_absolute(ctx, f);
  }
  return f->symbols_ok;
}

static bool has_lto_sections(InputFile *f) {
  for (i64 i = 1; i < f->nshdrs; i++) {
    const char *name = section_name(f, &f->shdrs[i]);
    if (starts_with(name, ".gnu.lto_") || str_equal(name, ".llvm.lto"))
      return true;
  }
  return false;
}

/* Stands in f->sections for a member of a group another file holds, until the loop
 * that makes the sections passes it. */
static InputSection lost_member;

/* Marks the members of f's COMDAT groups that another file already holds. A group's
 * owner, once set, stays: claim_comdat_groups will drop these sections whenever this
 * file's turn comes, so they need no InputSection (in a C++ link a quarter of all
 * sections: llvm-pie, 49k of 181k). A group claimed after this read is dropped by the
 * claim, as before; either way the result is the same. Not in a file with LTO
 * sections, whose check for machine code looks at every section. */
static void mark_lost_group_members(InputFile *f) {
  bool any = false;
  for (i64 i = 0; i < f->ncomdat_refs && !any; i++) {
    InputFile *owner = atomic_load_explicit(&f->comdat_refs[i].group->owner, memory_order_relaxed);
    any = owner && owner != f;
  }
  if (!any || has_lto_sections(f))
    return;
  for (i64 i = 0; i < f->ncomdat_refs; i++) {
    InputFile *owner = atomic_load_explicit(&f->comdat_refs[i].group->owner, memory_order_relaxed);
    if (!owner || owner == f)
      continue;
    const EShdr *sh = &f->shdrs[f->comdat_refs[i].shndx];
    const u8 *g = f->mf->data + sh->sh_offset;
    for (u64 k = 1; k < sh->sh_size / 4; k++)
      f->sections[rd32(g + 4 * k)] = &lost_member;
  }
}

/* Everything of an object that depends on no other file: sections, relocations and
 * local symbols. Safe to run for many files at once (it allocates from the thread's
 * arena). Sections of every COMDAT group are read, but for those of groups already
 * held elsewhere (mark_lost_group_members); claim_comdat_groups drops the losing
 * copies later, in load order. On error f->syms stays NULL. */
void read_object_contents(Ctx *ctx, InputFile *f) {
  if (!read_object_symbols(ctx, f) || !f->shdrs)
    return;
  if (f->just_symbols) {
    read_just_symbols_contents(ctx, f);
    return;
  }
  Arena *arena = local_arena(ctx);
  const u8 *d = f->mf->data;
  f->sections = ARENA_ARRAY(arena, InputSection *, f->nshdrs);

  bool has_code = false, has_lto = false;
  for (i64 i = 0; i < f->nshdrs; i++) {
    const EShdr *sh = &f->shdrs[i];
    if (sh->sh_type != SHT_GROUP)
      continue;
    if (sh->sh_size < 4 || sh->sh_size % 4 || sh->sh_info >= (u64)f->nsyms) {
      error(ctx, "%s: malformed section group %s", f->name, section_name(f, sh));
      return;
    }
    const u8 *g = d + sh->sh_offset;
    if (sh->sh_link != (u64)f->symtab_index) {
      error(ctx, "%s: section group %s: sh_link does not name the symbol table", f->name,
            section_name(f, sh));
      return;
    }
    for (u64 k = 1; k < sh->sh_size / 4; k++) {
      u32 member = rd32(g + 4 * k);
      if (member == 0 || member >= (u64)f->nshdrs || member == (u64)i) {
        error(ctx, "%s: section group %s: member index %u is invalid", f->name, section_name(f, sh),
              member);
        return;
      }
    }
  }
  intern_comdat_groups(ctx, f);
  mark_lost_group_members(f);

  for (i64 i = 1; i < f->nshdrs; i++) {
    const EShdr *sh = &f->shdrs[i];
    const char *name = section_name(f, sh);
    bool lost = f->sections[i] == &lost_member;
    f->sections[i] = NULL;
    if (starts_with(name, ".gnu.lto_") || str_equal(name, ".llvm.lto")) {
      has_lto = true;
      continue;
    }
    switch (sh->sh_type) {
    case SHT_NULL:
    case SHT_SYMTAB:
    case SHT_STRTAB:
    case SHT_RELA:
    case SHT_GROUP:
    case SHT_SYMTAB_SHNDX:
    case SHT_LLVM_ADDRSIG:
      continue;
    case SHT_REL:
      error(ctx, "%s: section %s: SHT_REL relocations are not valid for %s", f->name, name,
            ctx->arch->name);
      return;
    }
    if (str_equal(name, ".note.GNU-stack")) {
      f->has_gnu_stack = true;
      f->gnu_stack_exec = (sh->sh_flags & SHF_EXECINSTR) != 0;
      continue;
    }
    if (str_equal(name, ".note.gnu.property")) {
      read_gnu_property(ctx, f, d + sh->sh_offset, sh->sh_size);
      continue;
    }
    if (sh->sh_flags & SHF_EXCLUDE)
      continue;
    if ((sh->sh_flags & SHF_EXECINSTR) && sh->sh_size > 0)
      has_code = true;
    /* Unless reading it could raise an error, which must not depend on timing. */
    if (lost && !(sh->sh_flags & SHF_COMPRESSED) && !starts_with(name, ".zdebug"))
      continue;
    InputSection *isec = ARENA_NEW(arena, InputSection);
    isec->file = f;
    isec->shdr = sh;
    isec->name = name;
    isec->shndx = (u32)i;
    isec->type = sh->sh_type;
    isec->flags = sh->sh_flags & ~(u64)SHF_GROUP;
    isec->size = sh->sh_size;
    isec->contents = sh->sh_type == SHT_NOBITS ? NULL : d + sh->sh_offset;
    u64 align = sh->sh_addralign ? sh->sh_addralign : 1;
    isec->p2align = (u8)__builtin_ctzll(align);
    isec->is_alive = true;
    isec->init_priority = init_priority_of(name);
    f->has_warning_section |= starts_with(name, ".gnu.warning");
    if (isec->flags & SHF_COMPRESSED) {
      if (sh->sh_type == SHT_NOBITS) {
        error(ctx, "%s: section %s: SHF_COMPRESSED on a section without contents", f->name, name);
        return;
      }
      if (!decompress_section(ctx, isec))
        return;
    } else if (starts_with(name, ".zdebug") && sh->sh_type == SHT_PROGBITS &&
               !(isec->flags & SHF_ALLOC)) {
      if (!decompress_zdebug_section(ctx, isec))
        return;
    }
    f->sections[i] = isec;
    if ((isec->flags & SHF_ALLOC) && is_c_identifier(name))
      f->has_c_named_section = true; /* __start_/__stop_ symbols may be wanted */
  }
  if (has_lto && !has_code && f->nsyms > 0) {
    bool has_real_definitions = false;
    for (i64 i = f->first_global; i < f->nsyms; i++) {
      i64 shndx = esym_section(f, i);
      if (shndx >= 0 && f->sections[shndx] && !starts_with(f->sections[shndx]->name, "__gnu_lto"))
        has_real_definitions = true;
    }
    if (!has_real_definitions) {
      f->has_lto_only = true;
      error(ctx,
            "%s: object contains only LTO bytecode (no machine code); rivet does not "
            "run the LTO plugin yet: compile with -ffat-lto-objects or without -flto",
            f->name);
      return;
    }
  }

  f->syms = ARENA_ARRAY(arena, Symbol *, f->nsyms);
  /* GNU extensions in the symbol table make the output ELFOSABI_GNU, as GNU ld marks it. */
  for (i64 i = 0; i < f->nsyms; i++)
    if (ELF64_ST_TYPE(f->esyms[i].st_info) == STT_GNU_IFUNC ||
        ELF64_ST_BIND(f->esyms[i].st_info) == STB_GNU_UNIQUE)
      f->has_gnu_extensions = true;
}

/* The rest of an object, once resolution has settled which of its COMDAT groups it
 * keeps: relocations attached and checked, local symbols made. Runs for all live
 * objects at once, in parallel (resolution reads none of it). */
void finish_object(Ctx *ctx, InputFile *f) {
  Arena *arena = local_arena(ctx);
  const u8 *d = f->mf->data;
  /* Relocations attach to the section they patch. */
  for (i64 i = 1; i < f->nshdrs; i++) {
    const EShdr *sh = &f->shdrs[i];
    if (sh->sh_type != SHT_RELA)
      continue;
    if (sh->sh_info >= (u64)f->nshdrs) {
      error(ctx, "%s: relocation section %s: target index out of range", f->name,
            section_name(f, sh));
      return;
    }
    if (sh->sh_link != (u64)f->symtab_index) {
      error(ctx, "%s: relocation section %s: sh_link does not name the symbol table", f->name,
            section_name(f, sh));
      return;
    }
    u32 ttype = f->shdrs[sh->sh_info].sh_type;
    if (sh->sh_info == 0 || ttype == SHT_NOBITS || ttype == SHT_RELA || ttype == SHT_REL ||
        ttype == SHT_SYMTAB || ttype == SHT_STRTAB || ttype == SHT_GROUP ||
        ttype == SHT_SYMTAB_SHNDX) {
      error(ctx, "%s: relocation section %s: target section %u cannot be relocated", f->name,
            section_name(f, sh), sh->sh_info);
      return;
    }
    InputSection *target = f->sections[sh->sh_info];
    if (!target)
      continue;
    if (target->rels) {
      error(ctx, "%s: section %s has two relocation sections", f->name, target->name);
      return;
    }
    if (sh->sh_entsize != sizeof(Elf64_Rela) || sh->sh_size % sizeof(Elf64_Rela)) {
      error(ctx, "%s: relocation section %s: bad entry size", f->name, section_name(f, sh));
      return;
    }
    target->rels = (const void *)(d + sh->sh_offset);
    target->nrels = (i64)(sh->sh_size / sizeof(Elf64_Rela));
    for (i64 k = 0; k < target->nrels; k++) {
      const ERela *r = &target->rels[k];
      if (ELF64_R_SYM(r->r_info) >= (u64)f->nsyms) {
        error(ctx, "%s: relocation %ld in %s: symbol index %lu out of range", f->name, (long)k,
              section_name(f, sh), (unsigned long)ELF64_R_SYM(r->r_info));
        return;
      }
      if (target->type != SHT_NOBITS &&
          !reloc_field_fits(ctx->arch, target->size, r->r_offset, ELF64_R_TYPE(r->r_info))) {
        error(ctx, "%s: relocation %ld in %s: offset 0x%lx is outside section %s", f->name, (long)k,
              section_name(f, sh), (unsigned long)r->r_offset, target->name);
        return;
      }
    }
  }

  /* Symbols: locals belong to the file; globals are interned and resolved later. */
  Symbol *locals = ARENA_ARRAY(arena, Symbol, f->first_global);
  for (i64 i = 0; i < f->first_global; i++) {
    const ESym *es = &f->esyms[i];
    Symbol *s = &locals[i];
    s->name = esym_name(f, es);
    s->file = f;
    s->sym_idx = i;
    s->is_local = true;
    s->binding = STB_LOCAL;
    s->type = ELF64_ST_TYPE(es->st_info);
    s->visibility = ELF64_ST_VISIBILITY(es->st_other);
    s->value = es->st_value;
    s->size = es->st_size;
    clear_symbol_slots(s);
    i64 shndx = esym_section(f, i);
    if (es->st_shndx == SHN_ABS)
      s->is_abs = true;
    else if (shndx >= 0 && shndx < f->nshdrs)
      s->isec = f->sections[shndx];
    f->syms[i] = s;
  }
}

static bool is_wrapped(const Ctx *ctx, const char *name) {
  for (i64 i = 0; i < ctx->opt.wraps.len; i++)
    if (!strcmp(ctx->opt.wraps.data[i], name))
      return true;
  return false;
}

/* --wrap=SYM (GNU ld): an object's undefined reference to SYM means __wrap_SYM, and
 * one to __real_SYM means SYM. Definitions keep their names. */
static const char *wrapped_reference(Ctx *ctx, const char *name) {
  if (is_wrapped(ctx, name))
    return arena_sprintf(local_arena(ctx), "__wrap_%s", name);
  if (!strncmp(name, "__real_", 7) && is_wrapped(ctx, name + 7))
    return name + 7;
  return name;
}

/* Global names into the symbol table; the table must have room for them
 * (reserve_symbols), so files can be interned in parallel. */
void intern_object_symbols(Ctx *ctx, InputFile *f) {
  if (!f->syms)
    return;
  bool wrap = ctx->opt.wraps.len > 0;
  for (i64 i = f->first_global; i < f->nsyms; i += INTERN_BATCH) {
    i64 n = MIN(INTERN_BATCH, f->nsyms - i);
    const char *names[INTERN_BATCH];
    u64 hashes[INTERN_BATCH];
    for (i64 k = 0; k < n; k++) {
      names[k] = esym_name(f, &f->esyms[i + k]);
      if (wrap && f->esyms[i + k].st_shndx == SHN_UNDEF)
        names[k] = wrapped_reference(ctx, names[k]);
      size_t len = strlen(names[k]);
      f->has_versioned_names |= memchr(names[k], '@', len) != NULL;
      hashes[k] = hash_string(names[k], (i64)len);
    }
    intern_symbols(ctx, n, names, hashes, &f->syms[i]);
  }
}

/* Serial, in load order: the first file to load a COMDAT group keeps it (gABI
 * "Section Groups": one copy is kept); in later files the group's sections and the
 * local symbols in them are dropped. */
void claim_comdat_group(InputFile *f, i64 i) {
  ComdatGroup *group = f->comdat_refs[i].group;
  /* Relaxed: readers on other threads only ask whether it is set (a set owner stays). */
  InputFile *owner = atomic_load_explicit(&group->owner, memory_order_relaxed);
  if (!owner)
    atomic_store_explicit(&group->owner, owner = f, memory_order_relaxed);
  if (owner == f)
    return;
  const EShdr *sh = &f->shdrs[f->comdat_refs[i].shndx];
  const u8 *g = f->mf->data + sh->sh_offset;
  for (u64 k = 1; k < sh->sh_size / 4; k++)
    f->sections[rd32(g + 4 * k)] = NULL;
}

void claim_comdat_groups(Ctx *ctx, InputFile *f) {
  if (!f->syms)
    return;
  ctx->has_gnu_extensions |= f->has_gnu_extensions;
  for (i64 i = 0; i < f->ncomdat_refs; i++) {
    /* The walk is serial: the groups and member lists ahead are fetched meanwhile. */
    if (i + 8 < f->ncomdat_refs) {
      __builtin_prefetch(f->comdat_refs[i + 8].group, 1);
      __builtin_prefetch(f->mf->data + f->shdrs[f->comdat_refs[i + 8].shndx].sh_offset);
    }
    claim_comdat_group(f, i);
  }
}
