/* Indirect libraries: those named by the DT_NEEDED entries of the libraries we link
 * but not on the command line themselves. GNU ld reads them (--no-copy-dt-needed-
 * entries, its default) for two purposes, and so does rivet:
 *  - their undefined symbols that our objects define must be exported, since the
 *    loader will look those names up in the executable;
 *  - --no-allow-shlib-undefined holds for their undefined symbols too, and their
 *    definitions count for the other libraries' references.
 * They never satisfy a reference of our objects (GNU ld: "DSO missing from command
 * line"), get no DT_NEEDED and extract no archive member. They are searched for as
 * GNU ld does (ldelf_after_open): -rpath-link, -rpath (LD_RUN_PATH without either),
 * LD_LIBRARY_PATH, the needing library's DT_RUNPATH/DT_RPATH with $ORIGIN, the
 * directories of /etc/ld.so.conf, then the default library directories.
 *
 * --copy-dt-needed-entries makes the DT_NEEDED libraries of the libraries after it
 * inputs of their own instead, found the same way and read after the whole command
 * line (load_copied_dependencies). */
#include "arch.h"
#include "rivet.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

typedef VEC(const char *) DirList;

static void add_path_list(Ctx *ctx, DirList *dirs, const char *list, const char *origin) {
  if (!list)
    return;
  const char *p = list;
  while (*p) {
    const char *colon = strchr(p, ':');
    i64 len = colon ? colon - p : (i64)strlen(p);
    char *dir = arena_alloc(&ctx->arena, len + 1, 1);
    memcpy(dir, p, (size_t)len);
    dir[len] = 0;
    if (origin && (!strncmp(dir, "$ORIGIN", 7) || !strncmp(dir, "${ORIGIN}", 9)))
      dir = arena_sprintf(&ctx->arena, "%s%s", origin, dir + (dir[1] == '{' ? 9 : 7));
    if (*dir && !strchr(dir, '$'))
      vec_push(dirs, dir);
    if (!colon)
      break;
    p = colon + 1;
  }
}

static const char *with_sysroot(Ctx *ctx, const char *dir) {
  const char *root = ctx->opt.sysroot;
  return root && *root && dir[0] == '/' ? arena_sprintf(&ctx->arena, "%s%s", root, dir) : dir;
}

/* /etc/ld.so.conf: one directory per line, "include GLOB" lines, '#' comments. */
static void read_ld_so_conf(Ctx *ctx, DirList *dirs, const char *path, int depth) {
  FILE *f = depth < 8 ? fopen(path, "r") : NULL;
  if (!f)
    return;
  char line[4096];
  while (fgets(line, sizeof line, f)) {
    char *hash = strchr(line, '#');
    if (hash)
      *hash = 0;
    char *word = line + strspn(line, " \t\r\n");
    word[strcspn(word, "\r\n")] = 0;
    for (i64 n = (i64)strlen(word); n > 0 && (word[n - 1] == ' ' || word[n - 1] == '\t'); n--)
      word[n - 1] = 0;
    if (!*word)
      continue;
    if (!strncmp(word, "include", 7) && (word[7] == ' ' || word[7] == '\t')) {
      char *pattern = word + 8 + strspn(word + 8, " \t");
      const char *full = pattern[0] == '/' ? pattern : arena_sprintf(&ctx->arena, "/etc/%s", pattern);
      glob_t g;
      if (glob(with_sysroot(ctx, full), 0, NULL, &g) == 0)
        for (size_t i = 0; i < g.gl_pathc; i++)
          read_ld_so_conf(ctx, dirs, g.gl_pathv[i], depth + 1);
      globfree(&g);
      continue;
    }
    if (word[0] == '/')
      vec_push(dirs, with_sysroot(ctx, arena_strdup(&ctx->arena, word)));
  }
  fclose(f);
}

static const char *directory_of(Ctx *ctx, const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash)
    return ".";
  char *dir = arena_alloc(&ctx->arena, slash - path + 1, 1);
  memcpy(dir, path, (size_t)(slash - path));
  dir[slash - path] = 0;
  return dir;
}

/* The file is a shared object this link could use (GNU ld's ldelf_try_needed skips
 * one of another class or machine and goes on searching). */
static MappedFile *map_usable_library(Ctx *ctx, const char *path) {
  struct stat st;
  if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
    return NULL;
  MappedFile *mf = map_file(ctx, path);
  if (!mf)
    return NULL;
  if (!is_shared_object(mf->data, mf->size) || mf->data[EI_CLASS] != ELFCLASS64 ||
      rd16(mf->data + 18) != ctx->arch->e_machine)
    return NULL;
  return mf;
}

static MappedFile *find_needed_library(Ctx *ctx, const char *name, const InputFile *by,
                                       const DirList *fixed_before, const DirList *fixed_after) {
  if (strchr(name, '/'))
    return map_usable_library(ctx, name);
  DirList runpath = {0};
  add_path_list(ctx, &runpath, by->runpath, directory_of(ctx, by->name));
  const DirList *lists[] = {fixed_before, &runpath, fixed_after};
  MappedFile *found = NULL;
  for (int l = 0; l < 3 && !found; l++)
    for (i64 i = 0; i < lists[l]->len && !found; i++)
      found = map_usable_library(ctx, arena_sprintf(&ctx->arena, "%s/%s", lists[l]->data[i], name));
  free(runpath.data);
  return found;
}

/* Names the indirect libraries define ("name" and "name@VERSION"), with the first
 * library defining each, in an open-addressing table. hash is hash_string of name. */
static void remember_definition(Ctx *ctx, const char *name, u64 hash, InputFile *lib, i64 sym_idx);

/* Room for n more names at a load of at most one half. */
static void reserve_definitions(Ctx *ctx, i64 n) {
  if ((ctx->indirect_defs_len + n) * 2 <= ctx->indirect_defs_cap)
    return;
  i64 old_cap = ctx->indirect_defs_cap;
  IndirectDefinition *old = ctx->indirect_defs;
  ctx->indirect_defs_cap = MAX(old_cap, 1024);
  while ((ctx->indirect_defs_len + n) * 2 > ctx->indirect_defs_cap)
    ctx->indirect_defs_cap *= 2;
  ctx->indirect_defs = calloc((size_t)ctx->indirect_defs_cap, sizeof(IndirectDefinition));
  if (!ctx->indirect_defs)
    fatal(ctx, "out of memory");
  ctx->indirect_defs_len = 0;
  for (i64 i = 0; i < old_cap; i++)
    if (old[i].name)
      remember_definition(ctx, old[i].name, hash_string(old[i].name, (i64)strlen(old[i].name)),
                          old[i].lib, old[i].sym_idx);
  free(old);
}

static void remember_definition(Ctx *ctx, const char *name, u64 hash, InputFile *lib, i64 sym_idx) {
  reserve_definitions(ctx, 1);
  u64 mask = (u64)ctx->indirect_defs_cap - 1;
  for (u64 h = hash & mask;; h = (h + 1) & mask) {
    IndirectDefinition *d = &ctx->indirect_defs[h];
    if (!d->name) {
      *d = (IndirectDefinition){name, lib, sym_idx};
      ctx->indirect_defs_len++;
      return;
    }
    if (!strcmp(d->name, name))
      return;
  }
}

static void build_indirect_definitions(Ctx *ctx);

/* Serial callers only: the first builds the table. */
static const IndirectDefinition *find_indirect_definition(Ctx *ctx, const char *name) {
  if (!ctx->indirect_defs_built)
    build_indirect_definitions(ctx);
  if (!ctx->indirect_defs_cap)
    return NULL;
  u64 mask = (u64)ctx->indirect_defs_cap - 1;
  for (u64 h = hash_string(name, (i64)strlen(name)) & mask; ctx->indirect_defs[h].name;
       h = (h + 1) & mask)
    if (!strcmp(ctx->indirect_defs[h].name, name))
      return &ctx->indirect_defs[h];
  return NULL;
}

bool indirect_library_defines(Ctx *ctx, const char *name) {
  return find_indirect_definition(ctx, name) != NULL;
}

/* GNU ld adds an indirect library's symbols to its table (unless
 * --allow-shlib-undefined spares it reading them), and stops when one defines a name
 * an object references: "DSO missing from command line". The library, or NULL; *shown
 * is the name as GNU ld prints it, with the default version ("sym@@V1"). */
InputFile *missing_library_defining(Ctx *ctx, const char *name, const char **shown) {
  bool allow = ctx->opt.allow_shlib_undefined_set ? ctx->opt.allow_shlib_undefined
                                                  : ctx->opt.kind == OUT_SHARED;
  const IndirectDefinition *d = allow ? NULL : find_indirect_definition(ctx, name);
  if (!d)
    return NULL;
  const char *version = strchr(name, '@') ? NULL : dso_version_name(d->lib, d->sym_idx);
  *shown = version ? arena_versioned_name(&ctx->arena, name, "@@", version) : name;
  return d->lib;
}

static bool is_version_local(const InputFile *f, i64 i) {
  u16 ver = f->versym ? f->versym[i] : 1;
  return f->esyms[i].st_shndx != SHN_UNDEF && (ver & 0x7fff) == 0; /* VER_NDX_LOCAL */
}

/* The names the indirect libraries define, "name" (unless hidden) and "name@VERSION",
 * each with the first library, in the order the libraries were found. Made when
 * first asked for: only an undefined symbol that nothing else defines, or an
 * executable's check of its libraries' references, asks. */
static void build_indirect_definitions(Ctx *ctx) {
  ctx->indirect_defs_built = true;
  i64 names = 0; /* at most two per symbol */
  for (i64 l = 0; l < ctx->indirect_dsos.len; l++) {
    InputFile *f = ctx->indirect_dsos.data[l];
    names += f->mf ? 2 * (f->nsyms - f->first_global) : 0;
  }
  reserve_definitions(ctx, names);
  for (i64 l = 0; l < ctx->indirect_dsos.len; l++) {
    InputFile *f = ctx->indirect_dsos.data[l];
    for (i64 i = f->first_global; f->mf && i < f->nsyms; i++) {
      if (f->esyms[i].st_shndx == SHN_UNDEF || is_version_local(f, i))
        continue;
      const char *name = f->strtab + f->esyms[i].st_name;
      if (!(f->versym && (f->versym[i] & 0x8000)))
        remember_definition(ctx, name, hash_string(name, (i64)strlen(name)), f, i);
      const char *vname = dso_version_name(f, i);
      if (vname) {
        const char *versioned = arena_versioned_name(&ctx->arena, name, "@", vname);
        remember_definition(ctx, versioned, hash_string(versioned, (i64)strlen(versioned)), f, i);
      }
    }
  }
}

typedef struct IndirectBlock {
  InputFile *lib;
  Symbol **ours;  /* per global of lib, from first_global: our symbol of that name */
  i64 begin, end; /* symbol indexes */
} IndirectBlock;

enum { INDIRECT_BLOCK = 2048 };

static void look_up_indirect_symbols_task(Ctx *ctx, i64 b, void *arg) {
  IndirectBlock *blk = &((IndirectBlock *)arg)[b];
  InputFile *f = blk->lib;
  for (i64 i = blk->begin; i < blk->end; i++)
    if (!is_version_local(f, i))
      blk->ours[i - f->first_global] = find_symbol(ctx, f->strtab + f->esyms[i].st_name);
}

/* What an indirect library's symbols do to ours: its references and definitions of a
 * name we define export it, as a library's on the command line do (GNU ld reads
 * them into the same table). */
static void note_indirect_symbols(Ctx *ctx, InputFile *f, Symbol **ours) {
  for (i64 i = f->first_global; i < f->nsyms; i++) {
    Symbol *sym = ours[i - f->first_global];
    if (!sym || is_version_local(f, i) || !symbol_is_defined(sym) || !sym->file ||
        sym->file->kind == FILE_DSO)
      continue;
    const ESym *es = &f->esyms[i];
    u16 ver = f->versym ? f->versym[i] : 1;
    GlobalSymbol *g = global_symbol(sym);
    if (es->st_shndx == SHN_UNDEF)
      sym->referenced_by_dso = true;
    else
      sym->defined_by_dso = true;
    if (!dso_symbol_has_version(f, i))
      g->dso_unversioned_use = true;
    else if (es->st_shndx != SHN_UNDEF && !(ver & 0x8000))
      g->dso_default_def_types |= (u16)(1u << ELF64_ST_TYPE(es->st_info));
  }
}

/* The indirect libraries' symbols, looked up in our table in blocks on all threads;
 * the few that name ours are noted after, in library order. */
static void note_all_indirect_symbols(Ctx *ctx, InputFile **libs, i64 nlibs) {
  VEC(IndirectBlock) blocks = {0};
  Symbol ***ours = calloc((size_t)MAX(nlibs, 1), sizeof(Symbol **));
  if (!ours)
    fatal(ctx, "out of memory");
  for (i64 l = 0; l < nlibs; l++) {
    InputFile *f = libs[l];
    ours[l] = calloc((size_t)MAX(f->nsyms - f->first_global, 1), sizeof(Symbol *));
    if (!ours[l])
      fatal(ctx, "out of memory");
    for (i64 i = f->first_global; i < f->nsyms; i += INDIRECT_BLOCK)
      vec_push(&blocks, ((IndirectBlock){f, ours[l], i, MIN(i + INDIRECT_BLOCK, f->nsyms)}));
  }
  parallel_for(ctx, blocks.len, look_up_indirect_symbols_task, blocks.data);
  for (i64 l = 0; l < nlibs; l++) {
    note_indirect_symbols(ctx, libs[l], ours[l]);
    free(ours[l]);
  }
  free(ours);
  free(blocks.data);
}

/* Where DT_NEEDED names are looked for, listed at the first one not already loaded. */
typedef struct SearchDirs {
  DirList before, after; /* around the needing library's own run path */
  bool listed;
} SearchDirs;

/* GNU ld's order, around the needing library's own run path: -rpath-link, -rpath (or
 * LD_RUN_PATH, which options.c already put there), LD_LIBRARY_PATH; then
 * /etc/ld.so.conf and the default directories. */
static void list_search_dirs(Ctx *ctx, SearchDirs *dirs) {
  if (dirs->listed)
    return;
  dirs->listed = true;
  for (i64 i = 0; i < ctx->opt.rpath_links.len; i++)
    add_path_list(ctx, &dirs->before, ctx->opt.rpath_links.data[i], NULL);
  add_path_list(ctx, &dirs->before, ctx->opt.rpath, NULL);
  add_path_list(ctx, &dirs->before, getenv("LD_LIBRARY_PATH"), NULL);
  read_ld_so_conf(ctx, &dirs->after, with_sysroot(ctx, "/etc/ld.so.conf"), 0);
  static const char *const defaults[] = {"/lib64", "/usr/lib64", "/lib", "/usr/lib"};
  for (size_t i = 0; i < sizeof defaults / sizeof *defaults; i++)
    vec_push(&dirs->after, with_sysroot(ctx, defaults[i]));
}

static MappedFile *search_needed_library(Ctx *ctx, SearchDirs *dirs, const char *name,
                                         const InputFile *by) {
  list_search_dirs(ctx, dirs);
  return find_needed_library(ctx, name, by, &dirs->before, &dirs->after);
}

static void free_search_dirs(SearchDirs *dirs) {
  free(dirs->before.data);
  free(dirs->after.data);
}

void load_indirect_libraries(Ctx *ctx) {
  if (!ctx->dsos.len)
    return;
  SearchDirs dirs = {0};
  VEC(InputFile *) found = {0}; /* the indirect libraries read, in the order found */

  /* Breadth-first from the libraries the output needs: what they name in DT_NEEDED
   * is a library on the command line (even an --as-needed one no object uses, as in
   * GNU ld), an indirect library found now, or missing. */
  for (i64 i = 0; i < ctx->dsos.len; i++)
    if (ctx->dsos.data[i]->is_needed)
      vec_push(&ctx->needed_closure, ctx->dsos.data[i]);
  for (i64 q = 0; q < ctx->needed_closure.len; q++) {
    InputFile *by = ctx->needed_closure.data[q];
    for (i64 k = 0; k < by->dt_needed.len; k++) {
      const char *name = by->dt_needed.data[k];
      InputFile *dep = find_loaded_dso(ctx, name);
      if (dep) {
        bool queued = false;
        for (i64 j = 0; j < ctx->needed_closure.len && !queued; j++)
          queued = ctx->needed_closure.data[j] == dep;
        if (!queued && dep->mf)
          vec_push(&ctx->needed_closure, dep);
        continue;
      }
      MappedFile *mf = search_needed_library(ctx, &dirs, name, by);
      InputFile *f = mf ? read_shared_file(ctx, mf, name, false) : NULL;
      if (!f) {
        if (!mf)
          warn(ctx, "%s, needed by %s, not found (try using -rpath or -rpath-link)", name,
               by->name);
        /* Remembered as missing, so that it is looked for (and warned about) once. */
        f = ARENA_NEW(&ctx->arena, InputFile);
        f->kind = FILE_DSO;
        f->name = name;
      }
      f->soname = name;
      f->is_indirect = true;
      vec_push(&ctx->indirect_dsos, f);
      if (f->mf) {
        vec_push(&ctx->needed_closure, f);
        vec_push(&found, f);
      }
    }
  }
  free_search_dirs(&dirs);
  note_all_indirect_symbols(ctx, found.data, found.len);
  free(found.data);
  ctx->indirect_defs_built = false; /* if asked before, asked again with these */
}

/* GNU ld (ldelf_after_open) reads them once the command line is read, breadth-first:
 * the DT_NEEDED libraries of each library read under --copy-dt-needed-entries that
 * is needed by then (an --as-needed one no object used brings none), and, whatever
 * the option says by then, of each library read this way. Each becomes an input as if
 * named last under --as-needed: a DT_NEEDED entry only if our objects use it. One not
 * found is left to load_indirect_libraries, which warns. */
i64 load_copied_dependencies(Ctx *ctx) {
  i64 first_copied = ctx->dsos.len;
  SearchDirs dirs = {0};
  for (i64 i = 0; i < ctx->dsos.len; i++) {
    InputFile *by = ctx->dsos.data[i];
    if (!by->copy_dt_needed || (i < first_copied && !by->is_needed))
      continue;
    for (i64 k = 0; k < by->dt_needed.len; k++) {
      const char *name = by->dt_needed.data[k];
      if (find_loaded_dso(ctx, name))
        continue;
      MappedFile *mf = search_needed_library(ctx, &dirs, name, by);
      InputFile *f = mf ? new_shared_file(ctx, mf, name, true) : NULL;
      if (f)
        f->copy_dt_needed = f->is_copied_needed = true;
    }
  }
  free_search_dirs(&dirs);
  return first_copied;
}
