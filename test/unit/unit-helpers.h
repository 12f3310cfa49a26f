/* Shared fixtures for rivet's Criterion unit tests: a fresh context, in-memory
 * MappedFiles, and hand-made InputFiles, InputSections, Symbols and Chunks that look
 * to the core library the way reading an object would have left them. Each Criterion
 * test runs in its own process, so nothing here is freed. */
#ifndef RIVET_UNIT_HELPERS_H
#define RIVET_UNIT_HELPERS_H

#include <criterion/criterion.h>

#include "arch.h"
#include "rivet.h"

static inline Ctx *new_test_ctx(void) {
  Ctx *ctx = rv_context_new();
  init_symbol_table(ctx, 64);
  return ctx;
}

/* A MappedFile over bytes the test owns; path is only used in messages and, for thin
 * archives, to find member files. */
static inline MappedFile *mem_file(Ctx *ctx, const char *path, const void *data, i64 size) {
  MappedFile *mf = ARENA_NEW(&ctx->arena, MappedFile);
  mf->path = path;
  mf->data = data;
  mf->size = size;
  return mf;
}

/* True when some collected error message contains needle. */
static inline bool has_error(Ctx *ctx, const char *needle) {
  for (i64 i = 0; i < ctx->pending_errors.len; i++)
    if (strstr(ctx->pending_errors.data[i].msg, needle))
      return true;
  return false;
}

/* The collected errors joined by " | ", for assertion messages. */
static inline const char *all_errors(Ctx *ctx) {
  char *s = arena_strdup(&ctx->arena, "");
  for (i64 i = 0; i < ctx->pending_errors.len; i++)
    s = arena_sprintf(&ctx->arena, "%s%s%s", s, i ? " | " : "", ctx->pending_errors.data[i].msg);
  return ctx->pending_errors.len ? s : "(no errors)";
}

/* A live relocatable object with nshdrs section slots (all NULL) and nsyms symbol slots
 * (all NULL), appended to ctx->objs. */
static inline InputFile *fake_file(Ctx *ctx, const char *name, i64 nshdrs, i64 nsyms) {
  InputFile *f = ARENA_NEW(&ctx->arena, InputFile);
  f->kind = FILE_OBJ;
  f->name = name;
  f->is_alive = true;
  f->parse_state = PARSE_DONE;
  f->priority = ctx->next_priority++;
  f->nshdrs = nshdrs;
  f->shdrs = ARENA_ARRAY(&ctx->arena, Elf64_Shdr, nshdrs);
  f->sections = ARENA_ARRAY(&ctx->arena, InputSection *, nshdrs);
  f->nsyms = nsyms;
  f->syms = ARENA_ARRAY(&ctx->arena, Symbol *, nsyms ? nsyms : 1);
  vec_push(&ctx->objs, f);
  vec_push(&ctx->all_files, f);
  return f;
}

/* Section shndx of f, with a matching section header. p2align is log2 of sh_addralign. */
static inline InputSection *fake_section(Ctx *ctx, InputFile *f, i64 shndx, const char *name,
                                         u32 type, u64 flags, u64 entsize, u8 p2align,
                                         const void *data, u64 size) {
  Elf64_Shdr *sh = (Elf64_Shdr *)&f->shdrs[shndx];
  sh->sh_type = type;
  sh->sh_flags = flags;
  sh->sh_size = size;
  sh->sh_entsize = entsize;
  sh->sh_addralign = (u64)1 << p2align;
  InputSection *isec = ARENA_NEW(&ctx->arena, InputSection);
  isec->file = f;
  isec->shdr = sh;
  isec->name = name;
  isec->contents = data;
  isec->size = size;
  isec->flags = flags;
  isec->type = type;
  isec->shndx = (u32)shndx;
  isec->p2align = p2align;
  isec->is_alive = true;
  isec->init_priority = 65536;
  f->sections[shndx] = isec;
  return isec;
}

/* A symbol with every slot index at "none", made by the symbol table itself so that
 * fields added later get their proper defaults. Names must be unique per context. */
static inline Symbol *fake_global(Ctx *ctx, const char *name, InputFile *file, InputSection *isec,
                                  u64 value) {
  Symbol *s = intern_symbol(ctx, name);
  s->file = file;
  s->isec = isec;
  s->value = value;
  s->rank = RANK_DEFINED;
  s->type = STT_NOTYPE;
  return s;
}

/* A file-local symbol: a copy of a freshly interned template, so that it has the same
 * defaults without being findable by name. */
static inline Symbol *fake_local(Ctx *ctx, const char *name, u8 type, InputFile *file,
                                 InputSection *isec, u64 value) {
  const char *key = arena_sprintf(&ctx->arena, " local template %lld", (long long)ctx->symtab_len);
  Symbol *s = ARENA_NEW(&ctx->arena, Symbol);
  memcpy(s, intern_symbol(ctx, key), sizeof(Symbol));
  s->name = name;
  s->file = file;
  s->isec = isec;
  s->value = value;
  s->is_local = true;
  s->binding = STB_LOCAL;
  s->type = type;
  s->rank = RANK_DEFINED;
  return s;
}

/* An output chunk placed at addr (not added to ctx->chunks). */
static inline Chunk *fake_chunk(Ctx *ctx, ChunkKind kind, const char *name, u64 addr) {
  Chunk *c = ARENA_NEW(&ctx->arena, Chunk);
  c->kind = kind;
  c->name = name;
  c->shdr.sh_addr = addr;
  return c;
}

#endif
