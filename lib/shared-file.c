/* Shared objects as inputs. Only the dynamic symbol table matters: its definitions
 * resolve our references (loaded at run time, so "imported"), its undefined entries
 * tell us what the executable must export. Versions follow the GNU extension
 * (.gnu.version, .gnu.version_d): a hidden version ("foo@V1") is reachable only by
 * that versioned name, the default one ("foo@@V2") also by the plain name. */
#include "arch.h"
#include "rivet.h"

#include <stdlib.h>

bool is_shared_object(const u8 *data, i64 size) {
  return size >= (i64)sizeof(Elf64_Ehdr) && is_elf_object(data, size) && rd16(data + 16) == ET_DYN;
}

static bool in_file(const MappedFile *mf, u64 off, u64 size) {
  return off <= (u64)mf->size && size <= (u64)mf->size - off;
}

static const void *table(Ctx *ctx, const u8 *p, i64 size) {
  if (((uintptr_t)p & 7) == 0)
    return p;
  void *copy = arena_alloc(&ctx->arena, size, 8);
  memcpy(copy, p, (size_t)size);
  return copy;
}

/* .gnu.version_d: a chain of Verdef entries (sh_info of them), each with Verdaux names. */
static bool read_verdefs(Ctx *ctx, InputFile *f, const EShdr *sh, const char *strtab, u64 strsize) {
  const MappedFile *mf = f->mf;
  u64 off = sh->sh_offset, end = sh->sh_offset + sh->sh_size;
  i64 max_idx = 0;
  for (int pass = 0; pass < 2; pass++) {
    u64 p = off;
    for (u64 n = 0; n < sh->sh_info; n++) {
      if (p + sizeof(Elf64_Verdef) > end || !in_file(mf, p, sizeof(Elf64_Verdef)))
        goto bad;
      Elf64_Verdef vd;
      memcpy(&vd, mf->data + p, sizeof vd);
      if (pass == 0) {
        max_idx = MAX(max_idx, (i64)vd.vd_ndx);
        if (vd.vd_cnt == 0 || vd.vd_aux < sizeof(Elf64_Verdef) ||
            p + vd.vd_aux + sizeof(Elf64_Verdaux) > end)
          goto bad;
        Elf64_Verdaux va;
        memcpy(&va, mf->data + p + vd.vd_aux, sizeof va);
        if (va.vda_name >= strsize)
          goto bad;
      } else if (!(vd.vd_flags & VER_FLG_BASE)) {
        Elf64_Verdaux va;
        memcpy(&va, mf->data + p + vd.vd_aux, sizeof va);
        f->verdef_names[vd.vd_ndx] = strtab + va.vda_name;
      }
      /* The chain moves forward and ends exactly at the last entry. */
      bool last = n + 1 == sh->sh_info;
      if (last != (vd.vd_next == 0) || (!last && vd.vd_next < sizeof(Elf64_Verdef)))
        goto bad;
      p += vd.vd_next;
    }
    if (pass == 0) {
      if (max_idx > 0x7fff)
        goto bad;
      f->nverdefs = max_idx + 1;
      f->verdef_names = ARENA_ARRAY(&ctx->arena, const char *, f->nverdefs);
    }
  }
  return true;
bad:
  error(ctx, "%s: malformed .gnu.version_d", f->name);
  return false;
}

/* .gnu.version_r: sh_info Verneed entries, each with vn_cnt Vernaux naming a version
 * (vna_other is the index its undefined symbols carry in .gnu.version). Read only to
 * name those versions; a malformed table is an error, as for .gnu.version_d. */
static bool read_verneeds(Ctx *ctx, InputFile *f, const EShdr *sh, const char *strtab, u64 strsize) {
  const MappedFile *mf = f->mf;
  u64 end = sh->sh_offset + sh->sh_size;
  i64 max_idx = 0;
  for (int pass = 0; pass < 2; pass++) {
    u64 p = sh->sh_offset;
    for (u64 n = 0; n < sh->sh_info; n++) {
      if (p + sizeof(Elf64_Verneed) > end || !in_file(mf, p, sizeof(Elf64_Verneed)))
        goto bad;
      Elf64_Verneed vn;
      memcpy(&vn, mf->data + p, sizeof vn);
      u64 a = p + vn.vn_aux;
      for (u64 k = 0; k < vn.vn_cnt; k++) {
        if (vn.vn_aux < sizeof(Elf64_Verneed) || a < p || a + sizeof(Elf64_Vernaux) > end)
          goto bad;
        Elf64_Vernaux va;
        memcpy(&va, mf->data + a, sizeof va);
        if (va.vna_name >= strsize || (va.vna_other & 0x7fff) < 2)
          goto bad;
        if (pass == 0)
          max_idx = MAX(max_idx, (i64)(va.vna_other & 0x7fff));
        else
          f->verneed_names[va.vna_other & 0x7fff] = strtab + va.vna_name;
        bool last_aux = k + 1 == vn.vn_cnt;
        if (last_aux != (va.vna_next == 0) || (!last_aux && va.vna_next < sizeof(Elf64_Vernaux)))
          goto bad;
        a += va.vna_next;
      }
      bool last = n + 1 == sh->sh_info;
      if (last != (vn.vn_next == 0) || (!last && vn.vn_next < sizeof(Elf64_Verneed)))
        goto bad;
      p += vn.vn_next;
    }
    if (pass == 0) {
      f->nverneeds = max_idx + 1;
      f->verneed_names = ARENA_ARRAY(&ctx->arena, const char *, f->nverneeds);
    }
  }
  return true;
bad:
  error(ctx, "%s: malformed .gnu.version_r", f->name);
  return false;
}

/* Parses a shared object, not yet counted among the link's libraries (see
 * new_shared_file). NULL after an error. */
InputFile *read_shared_file(Ctx *ctx, MappedFile *mf, const char *soname_hint, bool as_needed) {
  InputFile *f = ARENA_NEW(&ctx->arena, InputFile);
  f->kind = FILE_DSO;
  f->mf = mf;
  f->name = mf->path;
  f->priority = ctx->next_priority++;
  f->is_alive = true;
  f->as_needed = as_needed;
  f->soname = soname_hint;
  const u8 *d = mf->data;
  const EEhdr *eh = table(ctx, d, sizeof(Elf64_Ehdr));
  if (d[EI_CLASS] != ELFCLASS64 || d[EI_DATA] != ELFDATA2LSB || d[EI_VERSION] != EV_CURRENT) {
    error(ctx, "%s: incompatible ELF class, byte order or version", f->name);
    return NULL;
  }
  if (eh->e_machine != ctx->arch->e_machine) {
    error(ctx, "%s: incompatible machine type %u (output is %s)", f->name, eh->e_machine,
          ctx->arch->name);
    return NULL;
  }
  if (eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shnum == 0 ||
      !in_file(mf, eh->e_shoff, (u64)eh->e_shnum * sizeof(Elf64_Shdr))) {
    error(ctx, "%s: malformed section header table", f->name);
    return NULL;
  }
  const EShdr *sh = table(ctx, d + eh->e_shoff, eh->e_shnum * (i64)sizeof(Elf64_Shdr));
  i64 nsh = eh->e_shnum;
  if (eh->e_shstrndx != SHN_UNDEF && eh->e_shstrndx >= nsh) {
    error(ctx, "%s: section name table index out of range", f->name);
    return NULL;
  }
  if (eh->e_phnum && (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0xffff ||
                      !in_file(mf, eh->e_phoff, (u64)eh->e_phnum * sizeof(Elf64_Phdr)))) {
    error(ctx, "%s: malformed program header table", f->name);
    return NULL;
  }
  f->shdrs = sh;
  f->nshdrs = nsh;
  const EShdr *dynsym = NULL, *versym = NULL, *verdef = NULL, *verneed = NULL, *dynamic = NULL;
  for (i64 i = 0; i < nsh; i++) {
    if (sh[i].sh_type != SHT_NOBITS && !in_file(mf, sh[i].sh_offset, sh[i].sh_size)) {
      error(ctx, "%s: section %ld extends past the end of the file", f->name, (long)i);
      return NULL;
    }
    switch (sh[i].sh_type) {
    case SHT_DYNSYM:
      dynsym = &sh[i];
      break;
    case SHT_GNU_versym:
      versym = &sh[i];
      break;
    case SHT_GNU_verdef:
      verdef = &sh[i];
      break;
    case SHT_GNU_verneed:
      verneed = &sh[i];
      break;
    case SHT_DYNAMIC:
      dynamic = &sh[i];
      break;
    }
  }
  if (!dynsym || dynsym->sh_entsize != sizeof(Elf64_Sym) || dynsym->sh_size % sizeof(Elf64_Sym) ||
      dynsym->sh_link >= (u64)nsh || dynsym->sh_info == 0 ||
      dynsym->sh_info > dynsym->sh_size / sizeof(Elf64_Sym)) {
    error(ctx, "%s: shared object has no valid .dynsym", f->name);
    return NULL;
  }
  const EShdr *str = &sh[dynsym->sh_link];
  if (str->sh_size == 0 || d[str->sh_offset + str->sh_size - 1] != 0) {
    error(ctx, "%s: malformed .dynstr", f->name);
    return NULL;
  }
  f->strtab = (const char *)d + str->sh_offset;
  f->strtab_size = (i64)str->sh_size;
  f->nsyms = (i64)(dynsym->sh_size / sizeof(Elf64_Sym));
  f->esyms = table(ctx, d + dynsym->sh_offset, f->nsyms * (i64)sizeof(Elf64_Sym));
  f->first_global = (i64)dynsym->sh_info;
  if (versym) {
    if (versym->sh_size / 2 < (u64)f->nsyms) {
      error(ctx, "%s: .gnu.version is shorter than .dynsym", f->name);
      return NULL;
    }
    f->versym = table(ctx, d + versym->sh_offset, (i64)versym->sh_size);
  }
  if (verdef) {
    if (verdef->sh_link >= (u64)nsh || sh[verdef->sh_link].sh_type != SHT_STRTAB) {
      error(ctx, "%s: .gnu.version_d does not link to a string table", f->name);
      return NULL;
    }
    const EShdr *vs = &sh[verdef->sh_link];
    if (!read_verdefs(ctx, f, verdef, (const char *)d + vs->sh_offset, vs->sh_size))
      return NULL;
  }
  if (verneed) {
    if (verneed->sh_link >= (u64)nsh || sh[verneed->sh_link].sh_type != SHT_STRTAB) {
      error(ctx, "%s: .gnu.version_r does not link to a string table", f->name);
      return NULL;
    }
    const EShdr *vs = &sh[verneed->sh_link];
    if (vs->sh_size == 0 || d[vs->sh_offset + vs->sh_size - 1] != 0 ||
        !read_verneeds(ctx, f, verneed, (const char *)d + vs->sh_offset, vs->sh_size))
      return NULL;
  }
  if (eh->e_phnum) {
    f->phdrs = table(ctx, d + eh->e_phoff, eh->e_phnum * (i64)sizeof(Elf64_Phdr));
    f->nphdrs = eh->e_phnum;
  }
  if (dynamic && (dynamic->sh_link >= (u64)nsh || sh[dynamic->sh_link].sh_type != SHT_STRTAB)) {
    error(ctx, "%s: .dynamic does not link to a string table", f->name);
    return NULL;
  }
  if (dynamic) {
    const EShdr *ds = &sh[dynamic->sh_link];
    for (u64 off = 0; off + sizeof(Elf64_Dyn) <= dynamic->sh_size; off += sizeof(Elf64_Dyn)) {
      Elf64_Dyn dyn;
      memcpy(&dyn, d + dynamic->sh_offset + off, sizeof dyn);
      if (dyn.d_tag == DT_NULL)
        break;
      bool names_string = dyn.d_tag == DT_SONAME || dyn.d_tag == DT_NEEDED ||
                          dyn.d_tag == DT_RUNPATH || dyn.d_tag == DT_RPATH;
      if (names_string &&
          (dyn.d_un.d_val >= ds->sh_size || d[ds->sh_offset + ds->sh_size - 1] != 0)) {
        error(ctx, "%s: .dynamic: string offset out of range", f->name);
        return NULL;
      }
      if (dyn.d_tag == DT_SONAME)
        f->soname = (const char *)d + ds->sh_offset + dyn.d_un.d_val;
      if (dyn.d_tag == DT_NEEDED)
        vec_push(&f->dt_needed, (const char *)d + ds->sh_offset + dyn.d_un.d_val);
      if (dyn.d_tag == DT_RUNPATH || (dyn.d_tag == DT_RPATH && !f->runpath))
        f->runpath = (const char *)d + ds->sh_offset + dyn.d_un.d_val;
    }
  }
  for (i64 i = 0; i < f->nsyms; i++) {
    if (f->esyms[i].st_name >= (u64)f->strtab_size) {
      error(ctx, "%s: dynamic symbol %ld: name offset out of range", f->name, (long)i);
      return NULL;
    }
    /* A copy relocation reserves st_size bytes of the output's address space. */
    if (f->esyms[i].st_size >= MAX_INPUT_SIZE) {
      error(ctx, "%s: dynamic symbol %s: size 0x%lx is too large", f->name,
            f->strtab + f->esyms[i].st_name, (unsigned long)f->esyms[i].st_size);
      return NULL;
    }
    /* A definition's version must be one the file defines (0 local, 1 global, or a
     * Verdef index); undefined entries use the file's own version needs. */
    u16 ver = f->versym ? f->versym[i] & 0x7fff : 1;
    if (f->esyms[i].st_shndx != SHN_UNDEF && ver > 1 &&
        (ver >= f->nverdefs || !f->verdef_names[ver])) {
      error(ctx, "%s: dynamic symbol %s: version index %u is not defined", f->name,
            f->strtab + f->esyms[i].st_name, ver);
      return NULL;
    }
  }
  return f;
}

InputFile *new_shared_file(Ctx *ctx, MappedFile *mf, const char *soname_hint, bool as_needed) {
  InputFile *f = read_shared_file(ctx, mf, soname_hint, as_needed);
  if (!f)
    return NULL;
  /* A library named twice (clang passes -lgcc_s twice) is loaded once, as GNU ld does:
   * one DT_NEEDED, needed unconditionally if either mention is not --as-needed. */
  for (i64 i = 0; i < ctx->dsos.len; i++) {
    InputFile *seen = ctx->dsos.data[i];
    if (!strcmp(seen->soname, f->soname)) {
      seen->as_needed &= f->as_needed;
      return NULL;
    }
  }
  f->syms = ARENA_ARRAY(&ctx->arena, Symbol *, f->nsyms);
  f->default_version_syms = ARENA_ARRAY(&ctx->arena, Symbol *, f->nsyms);
  vec_push(&ctx->dsos, f);
  return f;
}

/* How many names intern_dso_symbols may add: each global, and a "name@VER" alias for
 * each default-version definition. */
i64 dso_name_count(const InputFile *f) {
  i64 n = f->nsyms - f->first_global;
  for (i64 i = f->first_global; f->versym && i < f->nsyms; i++)
    n += f->esyms[i].st_shndx != SHN_UNDEF && !(f->versym[i] & 0x8000) &&
         f->versym[i] < f->nverdefs && f->verdef_names[f->versym[i]];
  return n;
}

/* Names of a shared object's symbols waiting to be interned together (intern_symbols),
 * with where each one's Symbol goes. */
typedef struct DsoNameBatch {
  i64 n;
  const char *names[INTERN_BATCH];
  u64 hashes[INTERN_BATCH];
  Symbol **dest[INTERN_BATCH];
} DsoNameBatch;

static void flush_dso_names(Ctx *ctx, DsoNameBatch *b) {
  Symbol *out[INTERN_BATCH];
  intern_symbols(ctx, b->n, b->names, b->hashes, out);
  for (i64 k = 0; k < b->n; k++)
    *b->dest[k] = out[k];
  b->n = 0;
}

static void add_dso_name(Ctx *ctx, DsoNameBatch *b, const char *name, Symbol **dest) {
  b->names[b->n] = name;
  b->hashes[b->n] = hash_string(name, (i64)strlen(name));
  b->dest[b->n++] = dest;
  if (b->n == INTERN_BATCH)
    flush_dso_names(ctx, b);
}

/* Interns the names of dynamic symbols [begin, end). Thread-safe once the table has
 * room for dso_name_count names (reserve_symbols). */
void intern_dso_symbols(Ctx *ctx, InputFile *f, i64 begin, i64 end) {
  Arena *arena = local_arena(ctx);
  DsoNameBatch batch;
  batch.n = 0;
  for (i64 i = MAX(begin, f->first_global); i < end; i++) {
    const ESym *es = &f->esyms[i];
    const char *name = f->strtab + es->st_name;
    u16 ver = f->versym ? f->versym[i] : 1;
    bool hidden = (ver & 0x8000) != 0;
    const char *vname = (ver & 0x7fff) < f->nverdefs ? f->verdef_names[ver & 0x7fff] : NULL;
    if (es->st_shndx != SHN_UNDEF && hidden && vname)
      name = arena_versioned_name(arena, name, "@", vname);
    add_dso_name(ctx, &batch, name, &f->syms[i]);
    /* A reference may name the default version explicitly (".symver pow,pow@GLIBC_2.29"). */
    if (es->st_shndx != SHN_UNDEF && !hidden && vname)
      add_dso_name(ctx, &batch, arena_versioned_name(arena, name, "@", vname),
                   &f->default_version_syms[i]);
  }
  if (batch.n > 0)
    flush_dso_names(ctx, &batch);
}

const char *dso_version_name(InputFile *f, i64 sym_idx) {
  if (!f->versym)
    return NULL;
  u16 ver = f->versym[sym_idx] & 0x7fff;
  return ver < f->nverdefs ? f->verdef_names[ver] : NULL;
}

/* Data in the library's .bss, not a function: GNU ld treats it as a common of the
 * library's ("dynamic common"), which merges with an object's common. */
bool dso_definition_is_common_like(const InputFile *f, i64 sym_idx) {
  const ESym *es = &f->esyms[sym_idx];
  u8 type = ELF64_ST_TYPE(es->st_info);
  return type != STT_FUNC && type != STT_GNU_IFUNC && es->st_size > 0 &&
         es->st_shndx < f->nshdrs && f->shdrs[es->st_shndx].sh_type == SHT_NOBITS &&
         (f->shdrs[es->st_shndx].sh_flags & SHF_ALLOC);
}

/* GNU ld (_bfd_elf_merge_symbol): an object's common symbol yields to a shared
 * object's data definition and becomes a reference to it (a COPY keeps the library's
 * initial value). Against a function or a dynamic common the object's common wins;
 * against a weak definition it wins only when it came first on the command line. */
bool dso_definition_beats_common(const InputFile *f, i64 sym_idx, bool common_came_first) {
  const ESym *es = &f->esyms[sym_idx];
  u8 type = ELF64_ST_TYPE(es->st_info);
  if (common_came_first && ELF64_ST_BIND(es->st_info) == STB_WEAK)
    return false;
  return type != STT_FUNC && type != STT_GNU_IFUNC && !dso_definition_is_common_like(f, sym_idx);
}

static void define_from_dso(Ctx *ctx, InputFile *f, i64 i, Symbol *sym) {
  const ESym *es = &f->esyms[i];
  u8 bind = ELF64_ST_BIND(es->st_info);
  /* When we define a name a shared object also defines, our definition must be
   * exported so the library binds to it too (one object, e.g. a C++ inline
   * function's static, STB_GNU_UNIQUE). */
  sym->defined_by_dso = true;
  if (sym->rank == RANK_COMMON && sym->visibility == STV_DEFAULT &&
      dso_definition_beats_common(f, i, true)) {
    sym->referenced = true;
    sym->has_strong_ref = true;
  } else if (sym->rank == RANK_COMMON) {
    if (dso_definition_is_common_like(f, i))
      vec_push(&ctx->dso_common_merges,
               ((DsoCommonMerge){sym, f, es->st_size, dso_symbol_p2align(f, i)}));
    return;
  } else if (sym->rank <= RANK_DSO) {
    return; /* an object's definition, or an earlier shared object's, wins */
  }
  /* A hidden or protected reference from our objects cannot bind to another module
   * (gABI "Symbol Visibility"): GNU ld ignores the library's definition and goes on
   * searching, so a later archive member may still define it. */
  if (sym->visibility != STV_DEFAULT)
    return;
  sym->file = f;
  sym->sym_idx = i;
  sym->rank = RANK_DSO;
  sym->type = ELF64_ST_TYPE(es->st_info);
  sym->binding = bind == STB_WEAK ? STB_WEAK : STB_GLOBAL;
  sym->value = es->st_value;
  sym->size = es->st_size;
  sym->isec = NULL;
  sym->is_abs = false;
  global_symbol(sym)->lazy_file = NULL;
  sym->dso_protected = ELF64_ST_VISIBILITY(es->st_other) == STV_PROTECTED;
}

static bool types_compatible(u8 a, u8 b) {
  return (a == STT_GNU_IFUNC) == (b == STT_GNU_IFUNC) && (a == b || a == STT_NOTYPE || b == STT_NOTYPE);
}

/* Does the loader bind some library's use of the name to our definition, so that it
 * must be exported? A library's unversioned definition or reference does. Versioned
 * ones (foo@@V defined, foo@V referenced) do only through a default-version
 * definition whose type agrees with ours: GNU ld does not join foo@@V to our foo when
 * one is a function and the other data (PR ld/2404: a program's variable named like a
 * libc function must not capture the libraries' calls). */
bool dso_binds_to_definition(Symbol *sym) {
  GlobalSymbol *g = global_symbol(sym);
  if (g->dso_unversioned_use)
    return true;
  for (u8 t = 0; t < 16; t++)
    if ((g->dso_default_def_types >> t & 1) && types_compatible(sym->type, t))
      return true;
  return false;
}

bool dso_symbol_has_version(const InputFile *f, i64 i) {
  return f->versym && (f->versym[i] & 0x7fff) >= 2;
}

void resolve_dso_symbols(Ctx *ctx, InputFile *f) {
  for (i64 i = f->first_global; i < f->nsyms; i++) {
    const ESym *es = &f->esyms[i];
    Symbol *sym = f->syms[i];
    trace_symbol_event(ctx, sym, f, es);
    if (es->st_shndx == SHN_UNDEF) {
      sym->referenced_by_dso = true;
      if (!dso_symbol_has_version(f, i))
        global_symbol(sym)->dso_unversioned_use = true;
      if (ELF64_ST_BIND(es->st_info) != STB_WEAK) {
        sym->referenced_strongly_by_dso = true;
        /* The library's strong undefined symbols extract archive members, as an
         * object's do (GNU ld and lld); the member's definition is then exported. */
        GlobalSymbol *g = global_symbol(sym);
        if (!g->first_ref)
          g->first_ref = f;
        if (sym->rank == RANK_LAZY)
          extract_member(ctx, g->lazy_file, sym, f);
      }
      continue;
    }
    if (f->versym && (f->versym[i] & 0x7fff) == 0)
      continue; /* VER_NDX_LOCAL: not exported */
    define_from_dso(ctx, f, i, sym);
    if (dso_symbol_has_version(f, i))
      global_symbol(sym)->dso_default_def_types |= (u16)(1u << ELF64_ST_TYPE(es->st_info));
    else
      global_symbol(sym)->dso_unversioned_use = true;
    if (f->default_version_syms[i]) {
      define_from_dso(ctx, f, i, f->default_version_syms[i]);
      global_symbol(f->default_version_syms[i])->dso_unversioned_use = true;
    }
  }
}

/* The merged common takes the library's alignment too: code compiled against a
 * 32-byte-aligned common may use aligned vector stores on it (GNU ld's pr13250). */
u8 dso_symbol_p2align(const InputFile *f, i64 sym_idx) {
  return (u8)__builtin_ctzll(dso_symbol_alignment(f, sym_idx));
}

/* The alignment a copy of a shared object's variable needs: what its address
 * proves, bounded by its section's alignment (lld's getAlignment; GNU ld's
 * _bfd_elf_adjust_dynamic_copy also takes the section's), at most MAX_INPUT_ALIGN. */
u64 dso_symbol_alignment(const InputFile *f, i64 sym_idx) {
  const ESym *es = &f->esyms[sym_idx];
  u64 align = es->st_value ? (u64)1 << __builtin_ctzll(es->st_value) : MAX_INPUT_ALIGN;
  if (es->st_shndx != SHN_UNDEF && es->st_shndx < f->nshdrs) {
    u64 section_align = f->shdrs[es->st_shndx].sh_addralign;
    if (is_pow2(section_align))
      align = MIN(align, section_align);
  }
  return MIN(align, MAX_INPUT_ALIGN);
}

/* Is the address inside a read-only part of the shared object (a PT_LOAD without
 * PF_W, or PT_GNU_RELRO)? Then our copy goes to .copyrel.rel.ro. */
bool dso_address_is_readonly(InputFile *f, u64 addr) {
  for (i64 i = 0; i < f->nphdrs; i++) {
    const Elf64_Phdr *p = &f->phdrs[i];
    bool inside = addr >= p->p_vaddr && addr - p->p_vaddr < p->p_memsz;
    if (inside && p->p_type == PT_GNU_RELRO)
      return true;
    if (inside && p->p_type == PT_LOAD && !(p->p_flags & PF_W))
      return true;
  }
  return false;
}

/* The library on the command line, or found through DT_NEEDED, whose SONAME (or
 * file name) is NAME; NULL if none. */
InputFile *find_loaded_dso(Ctx *ctx, const char *name) {
  for (int list = 0; list < 2; list++) {
    InputFile **files = list ? ctx->indirect_dsos.data : ctx->dsos.data;
    i64 n = list ? ctx->indirect_dsos.len : ctx->dsos.len;
    for (i64 i = 0; i < n; i++) {
      const char *s = files[i]->soname;
      const char *base = strrchr(s, '/');
      if (!strcmp(s, name) || (base && !strcmp(base + 1, name)))
        return files[i];
    }
  }
  return NULL;
}

typedef VEC(Symbol *) SymbolList;

static bool already_reported(const SymbolList *reported, const Symbol *sym) {
  for (i64 i = 0; i < reported->len; i++)
    if (reported->data[i] == sym)
      return true;
  return false;
}

/* The version a library's undefined symbol names (its Vernaux), or NULL. */
static const char *needed_version(const InputFile *f, i64 i) {
  u16 ver = f->versym ? f->versym[i] & 0x7fff : 0;
  return ver >= 2 && ver < f->nverneeds ? f->verneed_names[ver] : NULL;
}

/* Is the reference satisfied: defined by our objects or a library (an indirect one
 * too), and, when it names a version, by a library defining that version? */
static bool shlib_reference_satisfied(Ctx *ctx, InputFile *f, i64 i, Symbol *sym) {
  const char *name = f->strtab + f->esyms[i].st_name;
  bool ours = sym && symbol_is_defined(sym) && sym->file && sym->file->kind != FILE_DSO;
  if (!(sym && symbol_is_defined(sym)) && !indirect_library_defines(ctx, name))
    return false;
  const char *version = needed_version(f, i);
  if (!version || ours)
    return true; /* our own definition: the version is ours to give */
  const char *versioned = arena_versioned_name(&ctx->arena, name, "@", version);
  Symbol *v = find_symbol(ctx, versioned);
  return (v && v->rank == RANK_DSO) || indirect_library_defines(ctx, versioned);
}

/* Two checks of the undefined symbols of the libraries the output needs, and of all
 * that those need in turn (the needed closure, indirect libraries included).
 *  - Always (GNU ld): a name defined hidden or internal by our objects cannot satisfy
 *    a library's reference (gABI "Symbol Visibility": it is not exported).
 *  - --no-allow-shlib-undefined, GNU ld's default for executables: a library's strong
 *    undefined symbol must be defined by the output or another library, at the
 *    version it names. Only for libraries whose own DT_NEEDED were all found; the
 *    others may get the symbol from a dependency we could not read.
 * Each name is reported once. */
void check_shlib_undefined(Ctx *ctx) {
  bool allow = ctx->opt.allow_shlib_undefined_set ? ctx->opt.allow_shlib_undefined
                                                  : ctx->opt.kind == OUT_SHARED;
  SymbolList reported = {0};
  for (i64 d = 0; d < ctx->needed_closure.len; d++) {
    InputFile *f = ctx->needed_closure.data[d];
    bool all_deps = true;
    for (i64 k = 0; k < f->dt_needed.len; k++) {
      InputFile *dep = find_loaded_dso(ctx, f->dt_needed.data[k]);
      all_deps &= dep && dep->mf;
    }
    for (i64 i = f->first_global; i < f->nsyms; i++) {
      const ESym *es = &f->esyms[i];
      if (es->st_shndx != SHN_UNDEF)
        continue;
      Symbol *sym = f->syms ? f->syms[i] : find_symbol(ctx, f->strtab + es->st_name);
      if (sym && already_reported(&reported, sym))
        continue;
      if (sym && symbol_is_defined(sym) && sym->file && sym->file->kind != FILE_DSO &&
          !sym->is_defined_by_linker &&
          (sym->visibility == STV_HIDDEN || sym->visibility == STV_INTERNAL)) {
        error(ctx, "%s symbol '%s' in %s is referenced by DSO %s",
              sym->visibility == STV_HIDDEN ? "hidden" : "internal", sym->name, sym->file->name,
              f->name);
        vec_push(&reported, sym);
        continue;
      }
      if (allow || !all_deps || ELF64_ST_BIND(es->st_info) == STB_WEAK ||
          shlib_reference_satisfied(ctx, f, i, sym) ||
          is_ignored_undefined(ctx, f->strtab + es->st_name))
        continue;
      const char *version = needed_version(f, i);
      (ctx->opt.warn_unresolved_symbols ? warn : error)(
          ctx,
          "undefined reference due to --no-allow-shlib-undefined: %s%s%s\n>>> referenced by %s",
          f->strtab + es->st_name, version ? "@" : "", version ? version : "", f->name);
      if (sym)
        vec_push(&reported, sym);
    }
  }
  free(reported.data);
}

/* Does a needed library name this SONAME in its DT_NEEDED? */
static bool on_needed_list(Ctx *ctx, const char *soname) {
  for (i64 i = 0; i < ctx->dsos.len; i++) {
    InputFile *d = ctx->dsos.data[i];
    for (i64 k = 0; d->is_needed && k < d->dt_needed.len; k++)
      if (!strcmp(d->dt_needed.data[k], soname))
        return true;
  }
  return false;
}

typedef struct EarlyDefinition {
  Symbol *sym;
  InputFile *dso;
} EarlyDefinition;

static int compare_early_definitions(const void *a, const void *b) {
  const EarlyDefinition *x = a, *y = b;
  if (x->sym != y->sym)
    return (uintptr_t)x->sym < (uintptr_t)y->sym ? -1 : 1;
  return (x->dso->priority > y->dso->priority) - (x->dso->priority < y->dso->priority);
}

/* GNU ld decides --as-needed when it reads the library: it is needed if it defines a
 * name that an object before it references strongly and nothing has defined yet, even
 * when an object after it defines the name as well (which then wins and is exported,
 * since the library defines it too). Of several such libraries, the first one. */
static void mark_libraries_that_defined_first(Ctx *ctx) {
  bool any_unneeded = false;
  for (i64 i = 0; i < ctx->dsos.len; i++)
    any_unneeded |= !ctx->dsos.data[i]->is_needed;
  if (!any_unneeded)
    return;
  VEC(EarlyDefinition) early = {0};
  for (i64 i = 0; i < ctx->dsos.len; i++) {
    InputFile *d = ctx->dsos.data[i];
    for (i64 k = d->first_global; k < d->nsyms; k++) {
      Symbol *sym = d->syms[k];
      if (d->esyms[k].st_shndx == SHN_UNDEF || !sym || !sym->file ||
          sym->file->kind == FILE_DSO || sym->file->priority < d->priority ||
          !sym->has_strong_ref || sym->visibility != STV_DEFAULT)
        continue; /* GNU ld ignores a library's definition of a hidden or protected name */
      InputFile *ref = global_symbol(sym)->first_ref;
      if (ref && ref->kind != FILE_DSO && ref->priority < d->priority)
        vec_push(&early, ((EarlyDefinition){sym, d}));
    }
  }
  if (early.len > 1)
    qsort(early.data, (size_t)early.len, sizeof(EarlyDefinition), compare_early_definitions);
  for (i64 i = 0; i < early.len; i++)
    if (i == 0 || early.data[i].sym != early.data[i - 1].sym)
      early.data[i].dso->is_needed = true;
  free(early.data);
}

/* A shared object read under --as-needed is needed only if some object file's strong
 * reference resolved to it, or it was the first definition of a referenced name. */
/* Only a strong reference makes a library needed (GNU ld --as-needed). Files on all
 * threads: each only ever sets the flag. */
static void mark_libraries_referenced_task(Ctx *ctx, i64 fi, void *arg) {
  (void)arg;
  InputFile *f = ctx->objs.data[fi];
  for (i64 i = f->first_global; f->syms && i < f->nsyms; i++) {
    Symbol *sym = f->syms[i];
    if (esym_shndx(f, i) == SHN_UNDEF && sym->file && sym->file->kind == FILE_DSO &&
        ELF64_ST_BIND(f->esyms[i].st_info) != STB_WEAK)
      __atomic_store_n(&sym->file->is_needed, true, __ATOMIC_RELAXED);
  }
}

/* Which libraries get a DT_NEEDED entry, from what resolution found so far. */
void decide_needed_dsos(Ctx *ctx) {
  for (i64 i = 0; i < ctx->dsos.len; i++)
    ctx->dsos.data[i]->is_needed = !ctx->dsos.data[i]->as_needed;
  parallel_for(ctx, ctx->objs.len, mark_libraries_referenced_task, NULL);
  mark_libraries_that_defined_first(ctx);
  /* So does one that defines a needed library's strong undefined symbol, unless a
   * needed library lists it in its own DT_NEEDED, where the loader finds it anyway
   * (GNU ld's ref_dynamic_nonweak and on_needed_list): repeated until no more become
   * needed. */
  for (bool grew = true; grew;) {
    grew = false;
    for (i64 i = 0; i < ctx->dsos.len; i++) {
      InputFile *d = ctx->dsos.data[i];
      for (i64 k = d->first_global; d->is_needed && k < d->nsyms; k++) {
        Symbol *sym = d->syms[k];
        const ESym *es = &d->esyms[k];
        if (es->st_shndx != SHN_UNDEF || ELF64_ST_BIND(es->st_info) == STB_WEAK || !sym->file ||
            sym->file->kind != FILE_DSO || sym->file->is_needed ||
            on_needed_list(ctx, sym->file->soname))
          continue;
        sym->file->is_needed = true;
        grew = true;
      }
    }
  }
}

void mark_needed_dsos(Ctx *ctx) {
  decide_needed_dsos(ctx);
  /* A library --as-needed leaves out defines nothing for the output (GNU ld): the weak
   * references of our objects only it satisfied stay undefined (and untyped, as
   * references are). Walks the left-out libraries' symbols, not every object's. */
  bool dropped = false;
  for (i64 i = 0; i < ctx->dsos.len; i++) {
    InputFile *d = ctx->dsos.data[i];
    dropped |= !d->is_needed;
    for (i64 k = d->first_global; !d->is_needed && k < d->nsyms; k++) {
      Symbol *syms[2] = {d->syms[k], d->default_version_syms[k]};
      for (int j = 0; j < 2; j++) {
        if (!syms[j])
          continue;
        syms[j]->defined_by_dso = false;
        if (syms[j]->file == d && syms[j]->sym_idx == k && syms[j]->referenced)
          make_undefined(syms[j], STT_NOTYPE);
      }
    }
  }
  /* Nor does it make our definitions of the names it defines exported: only the
   * libraries that stay are searched by the loader. */
  for (i64 i = 0; dropped && i < ctx->dsos.len; i++) {
    InputFile *d = ctx->dsos.data[i];
    for (i64 k = d->first_global; d->is_needed && k < d->nsyms; k++)
      if (d->esyms[k].st_shndx != SHN_UNDEF)
        d->syms[k]->defined_by_dso = true;
  }
}
