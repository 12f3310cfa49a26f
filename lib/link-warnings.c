/* Link-time warnings, a GNU extension: an input section named ".gnu.warning.SYM" holds
 * a message for the references to SYM, and one named ".gnu.warning" a message printed
 * when its object is linked. glibc marks gets, tmpnam, mktemp, ... this way, in
 * libc.so.6 and in libc.a's members. As in GNU ld, a warning is given once, to the
 * first object that references the symbol, at each of that object's references (the
 * enclosing function, and the source line when the object has DWARF, else the
 * section offset); the sections are dropped from executables, and a shared object
 * keeps them so that its own users are warned in turn. */
#include "rivet.h"

#include <stdlib.h>

static const char prefix[] = ".gnu.warning";
enum { PREFIX_LEN = sizeof prefix - 1 };

typedef struct LinkWarning {
  Symbol *sym;
  const char *msg;
} LinkWarning;

typedef VEC(LinkWarning) LinkWarnings;

/* The message: the section's bytes up to the first NUL. */
static const char *message_of(Ctx *ctx, const u8 *data, u64 size) {
  u64 n = 0;
  while (n < size && data[n])
    n++;
  char *msg = arena_alloc(&ctx->arena, (i64)n + 1, 1);
  memcpy(msg, data, n);
  msg[n] = 0;
  return msg;
}

static void note_warning(Ctx *ctx, LinkWarnings *out, const char *name, const char *msg) {
  Symbol *sym = find_symbol(ctx, name);
  if (sym && sym->referenced)
    vec_push(out, ((LinkWarning){sym, msg}));
}

static void collect_object_warnings(Ctx *ctx, InputFile *f, LinkWarnings *out) {
  for (i64 i = 0; i < f->nshdrs; i++) {
    InputSection *isec = f->sections[i];
    if (!isec || strncmp(isec->name, prefix, PREFIX_LEN) ||
        (isec->name[PREFIX_LEN] && isec->name[PREFIX_LEN] != '.'))
      continue;
    const char *msg =
        message_of(ctx, isec->contents, isec->type == SHT_NOBITS ? 0 : isec->size);
    if (!isec->name[PREFIX_LEN])
      warn(ctx, "%s: warning: %s", f->name, msg);
    else
      note_warning(ctx, out, isec->name + PREFIX_LEN + 1, msg);
    if (ctx->opt.kind != OUT_SHARED)
      isec->is_alive = false;
  }
}

static void collect_library_warnings(Ctx *ctx, InputFile *d, LinkWarnings *out) {
  const Elf64_Ehdr *eh = (const Elf64_Ehdr *)d->mf->data;
  if (eh->e_shstrndx == SHN_UNDEF || eh->e_shstrndx >= d->nshdrs)
    return;
  const EShdr *names = &d->shdrs[eh->e_shstrndx];
  if (names->sh_type == SHT_NOBITS)
    return;
  const char *strtab = (const char *)d->mf->data + names->sh_offset;
  static const char dotted[] = ".gnu.warning.";
  u64 len = sizeof dotted - 1;
  for (i64 i = 0; i < d->nshdrs; i++) {
    const EShdr *sh = &d->shdrs[i];
    if (sh->sh_type == SHT_NOBITS || sh->sh_name >= names->sh_size ||
        names->sh_size - sh->sh_name <= len || memcmp(strtab + sh->sh_name, dotted, len))
      continue;
    const char *name = strtab + sh->sh_name + len;
    if (!memchr(name, 0, names->sh_size - sh->sh_name - len))
      continue;
    note_warning(ctx, out, name, message_of(ctx, d->mf->data + sh->sh_offset, sh->sh_size));
  }
}

/* The function whose code holds section shndx at offset, or NULL. */
const char *enclosing_function(InputFile *f, u32 shndx, u64 offset) {
  for (i64 i = 1; i < f->nsyms; i++) {
    const ESym *es = &f->esyms[i];
    if (ELF64_ST_TYPE(es->st_info) == STT_FUNC && esym_shndx(f, i) == shndx &&
        es->st_value <= offset && offset < es->st_value + es->st_size)
      return esym_name(f, es);
  }
  return NULL;
}

/* The source file an assembler named in STT_FILE, else the object itself. */
static const char *source_name(InputFile *f) {
  for (i64 i = 1; i < f->first_global; i++)
    if (ELF64_ST_TYPE(f->esyms[i].st_info) == STT_FILE && f->esyms[i].st_name)
      return esym_name(f, &f->esyms[i]);
  return f->name;
}

/* Every relocation of f against its symbol k, as GNU ld reports them. */
static void report_references(Ctx *ctx, InputFile *f, i64 k, const char *msg) {
  bool reported = false;
  for (i64 i = 0; i < f->nshdrs; i++) {
    InputSection *isec = f->sections[i];
    if (!isec || !isec->is_alive)
      continue;
    for (i64 r = 0; r < isec->nrels; r++) {
      if ((i64)ELF64_R_SYM(isec->rels[r].r_info) != k)
        continue;
      u64 off = isec->rels[r].r_offset;
      const char *func = enclosing_function(f, isec->shndx, off);
      SourcePosition pos;
      bool known = source_position(ctx, f, isec->shndx, off, &pos);
      if (func && known)
        warn(ctx, "%s: in function `%s':\n%s:%lu: warning: %s", f->name, func, pos.file,
             (unsigned long)pos.line, msg);
      else if (func)
        warn(ctx, "%s: in function `%s':\n%s:(%s+0x%lx): warning: %s", f->name, func,
             source_name(f), isec->name, (unsigned long)off, msg);
      else if (known)
        warn(ctx, "%s:%s:%lu: warning: %s", f->name, pos.file, (unsigned long)pos.line, msg);
      else
        warn(ctx, "%s:(%s+0x%lx): warning: %s", f->name, isec->name, (unsigned long)off, msg);
      reported = true;
    }
  }
  if (!reported)
    warn(ctx, "%s: warning: %s", f->name, msg);
}

void report_link_warnings(Ctx *ctx) {
  LinkWarnings found = {0};
  for (i64 i = 0; i < ctx->objs.len; i++)
    if (ctx->objs.data[i]->has_warning_section)
      collect_object_warnings(ctx, ctx->objs.data[i], &found);
  for (i64 i = 0; i < ctx->dsos.len; i++)
    collect_library_warnings(ctx, ctx->dsos.data[i], &found);
  /* GNU ld gives each warning once, to the first object that references the symbol
   * (in command-line order), at each of that object's references. Few symbols carry
   * a warning and fewer are used: walk the objects per such symbol. */
  for (i64 w = 0; w < found.len; w++) {
    Symbol *sym = found.data[w].sym;
    bool given = false;
    for (i64 fi = 0; fi < ctx->objs.len && !given; fi++) {
      InputFile *f = ctx->objs.data[fi];
      for (i64 k = f->first_global; f->syms && k < f->nsyms && !given; k++)
        if (f->syms[k] == sym && esym_shndx(f, k) == SHN_UNDEF) {
          report_references(ctx, f, k, found.data[w].msg);
          given = true;
        }
    }
  }
  free(found.data);
}
