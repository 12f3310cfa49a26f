/* Symbol versioning for outputs that define versions (GNU extension, "Symbol
 * Versioning" in the LSB): version scripts and .symver names in objects.
 *
 *   VERS_1.1 { global: foo; bar*; local: *; };
 *   VERS_1.2 { global: baz; } VERS_1.1;
 *
 * A named node becomes a version definition (index 2, 3, ... in script order; index 1
 * is the file itself); an anonymous node only says what is global and what is local.
 * A symbol matches the most specific pattern: an exact name before a wildcard, and the
 * catch-all "*" last; of several wildcards, the last node's. Objects can name versions
 * themselves: "foo@V1" defines a hidden (non-default) version, "foo@@V2" the default
 * one, which plain "foo" also reaches. */
#include "rivet.h"

#include <fnmatch.h>
#include <stdlib.h>

typedef struct Pattern {
  const char *text;
  bool is_glob;
  bool is_local;
  bool cxx;     /* inside extern "C++": matched against the demangled name (not supported) */
  bool matched; /* some symbol matched it (for --no-undefined-version) */
  i32 node;     /* index into ctx->version_nodes */
} Pattern;

typedef VEC(Pattern) PatternList;

static bool has_glob(const char *s) {
  return strpbrk(s, "*?[") != NULL;
}

static bool parse_script(Ctx *ctx, const char *path, PatternList *pats) {
  MappedFile *mf = map_script_file(ctx, path);
  if (!mf)
    return false;
  ScriptTokenVec raw = {0}, toks = {0};
  if (!tokenize_linker_script(ctx, path, (const char *)mf->data, mf->size, &raw)) {
    free(raw.data);
    return false;
  }
  /* "global:" may come as one word: split the colon off. */
  for (i64 k = 0; k < raw.len; k++) {
    const char *t = raw.data[k].str;
    size_t len = strlen(t);
    if (len > 1 && t[len - 1] == ':' && !raw.data[k].quoted) {
      char *w = arena_alloc(&ctx->arena, (i64)len, 1);
      memcpy(w, t, len - 1);
      ScriptToken a = {w, raw.data[k].line, false}, b = {":", raw.data[k].line, false};
      vec_push(&toks, a);
      vec_push(&toks, b);
    } else {
      vec_push(&toks, raw.data[k]);
    }
  }
  free(raw.data);
  i64 i = 0, n = toks.len;
#define TOK(k) ((k) < n ? toks.data[k].str : "")
#define LINE ((long)(i < n ? toks.data[i].line : (n ? toks.data[n - 1].line : 1)))
  /* A script may be wrapped as "VERSION { ... }" inside a linker script; a node may
   * also be named VERSION ("VERSION { global: foo; };", GNU ld and lld): the wrapper
   * holds nodes, whose "{" comes first or after a name. */
  if (!strcmp(TOK(0), "VERSION") && !strcmp(TOK(1), "{") &&
      (!strcmp(TOK(2), "{") || !strcmp(TOK(3), "{")))
    i = 2;
  while (i < n) {
    const char *name = NULL;
    if (!strcmp(TOK(i), "}") && i + 1 >= n)
      break;
    if (strcmp(TOK(i), "{")) {
      name = TOK(i);
      i++;
    }
    if (strcmp(TOK(i), "{")) {
      error(ctx, "%s:%ld: expected '{' in version script", path, LINE);
      goto fail;
    }
    i++;
    VersionNode node = {.name = name};
    i32 node_idx = (i32)ctx->version_nodes.len;
    if (name) {
      for (i64 k = 0; k < ctx->version_nodes.len; k++)
        if (ctx->version_nodes.data[k].name && !strcmp(ctx->version_nodes.data[k].name, name)) {
          error(ctx, "%s:%ld: version node %s defined twice", path, LINE, name);
          goto fail;
        }
    }
    vec_push(&ctx->version_nodes, node);
    bool local = false, cxx = false;
    i64 depth = 1;
    while (i < n && depth > 0) {
      const char *t = TOK(i);
      if (!strcmp(t, "}")) {
        depth--;
        cxx = false;
        i++;
        if (depth > 0 && !strcmp(TOK(i), ";"))
          i++;
        continue;
      }
      if ((!strcmp(t, "global") || !strcmp(t, "local")) && !strcmp(TOK(i + 1), ":")) {
        local = !strcmp(t, "local");
        i += 2;
        continue;
      }
      if (!strcmp(t, "extern")) {
        cxx = !strcmp(TOK(i + 1), "C++");
        if (strcmp(TOK(i + 2), "{")) {
          error(ctx, "%s:%ld: expected '{' after extern", path, LINE);
          goto fail;
        }
        i += 3;
        depth++;
        continue;
      }
      if (!strcmp(t, ";")) {
        i++;
        continue;
      }
      if (!toks.data[i].quoted && strchr("(),=", t[0]) && !t[1]) {
        error(ctx,
              "%s:%ld: syntax error in version script at '%s' (a C++ name with "
              "parameters must be quoted)",
              path, LINE, t);
        goto fail;
      }
      Pattern p = {.text = t,
                   .is_glob = has_glob(t) && !toks.data[i].quoted,
                   .is_local = local,
                   .cxx = cxx,
                   .node = node_idx};
      vec_push(pats, p);
      i++;
    }
    if (depth > 0) {
      error(ctx, "%s: unterminated version node", path);
      goto fail;
    }
    /* Parents: "} V1 V2;" (a node may inherit from several). */
    while (i < n && strcmp(TOK(i), ";") && strcmp(TOK(i), "{") && strcmp(TOK(i), "}")) {
      VersionNode *vn = &ctx->version_nodes.data[node_idx];
      if (vn->nparents < ARRAY_SIZE(vn->parents))
        vn->parents[vn->nparents++] = TOK(i);
      i++;
    }
    if (strcmp(TOK(i), ";")) {
      error(ctx, "%s:%ld: expected ';' after version node", path, LINE);
      goto fail;
    }
    i++;
    if (!strcmp(TOK(i), "}") && i + 1 == n)
      break;
  }
#undef TOK
#undef LINE
  free(toks.data);
  return true;
fail:
  free(toks.data);
  return false;
}

static u16 node_version_index(Ctx *ctx, i32 node) {
  const VersionNode *v = &ctx->version_nodes.data[node];
  return v->name ? v->index : VER_NDX_GLOBAL;
}

i32 find_version_node(Ctx *ctx, const char *name) {
  for (i64 i = 0; i < ctx->version_nodes.len; i++)
    if (ctx->version_nodes.data[i].name && !strcmp(ctx->version_nodes.data[i].name, name))
      return (i32)i;
  return -1;
}

static Pattern *match(PatternList *pats, const char *name, const char *demangled);

static bool hidden_by_own_node(Ctx *ctx, PatternList *pats, i32 node, const char *name,
                               const char *at) {
  char *base = arena_strndup(&ctx->arena, name, at - name);
  PatternList own = {0};
  for (i64 i = 0; i < pats->len; i++)
    if (pats->data[i].node == node)
      vec_push(&own, pats->data[i]);
  Pattern *p = own.len ? match(&own, base, NULL) : NULL;
  bool hidden = p && p->is_local;
  free(own.data);
  return hidden;
}

/* Of two matching wildcards, the one in the later node wins, and in one node a global
 * one before a local one: GNU ld and lld both give "foo_bar" VER2 under
 * "VER1 { foo*; }; VER2 { foo*bar*; };" (lld ranks all of a node's global patterns
 * before its local ones; GNU ld refuses a node that lists local: first). */
static bool outranks(const Pattern *p, const Pattern *current) {
  return !current || p->node > current->node ||
         (p->node == current->node && current->is_local && !p->is_local);
}

/* The most specific matching pattern: exact, then wildcard, then "*". Patterns in an
 * extern "C++" block are matched against the demangled name. */
static Pattern *match(PatternList *pats, const char *name, const char *demangled) {
  Pattern *glob = NULL, *star = NULL;
  for (i64 i = 0; i < pats->len; i++) {
    Pattern *p = &pats->data[i];
    if (p->cxx) {
      if (!demangled)
        continue;
      if (!p->is_glob ? !strcmp(p->text, demangled) : !fnmatch(p->text, demangled, 0)) {
        if (!p->is_glob)
          return p;
        if (outranks(p, glob))
          glob = p;
      }
      continue;
    }
    if (!p->is_glob) {
      if (!strcmp(p->text, name))
        return p;
    } else if (!strcmp(p->text, "*")) {
      if (!star)
        star = p;
    } else if (outranks(p, glob) && !fnmatch(p->text, name, 0)) {
      glob = p;
    }
  }
  return glob ? glob : star;
}

typedef VEC(Symbol *) SymbolList;

typedef struct ScriptPass {
  PatternList *pats;
  bool has_cxx;
  SymbolList *versioned; /* per file: its definitions named "foo@V" or "foo@@V" */
} ScriptPass;

/* A file's definitions against the script's patterns; the versioned names are listed
 * for the serial pass. */
static void match_version_patterns_task(Ctx *ctx, i64 fi, void *arg) {
  ScriptPass *pass = arg;
  InputFile *f = ctx->objs.data[fi];
  if (!f->has_versioned_names && pass->pats->len == 0)
    return; /* nothing to version: no "sym@VER" name, no script */
  for (i64 i = f->first_global; f->syms && i < f->nsyms; i++) {
    Symbol *sym = f->syms[i];
    if (sym->file != f || sym->sym_idx != i)
      continue;
    if (strchr(sym->name, '@')) {
      vec_push(&pass->versioned[fi], sym);
      continue;
    }
    if (pass->pats->len == 0)
      continue;
    const char *demangled = pass->has_cxx ? demangle(local_arena(ctx), sym->name) : NULL;
    Pattern *p = match(pass->pats, sym->name, demangled);
    if (!p)
      continue;
    __atomic_store_n(&p->matched, true, __ATOMIC_RELAXED);
    if (p->is_local) {
      sym->is_exported = false;
      sym->forced_local = true;
    } else if (!sym->ver_idx) {
      sym->ver_idx = node_version_index(ctx, p->node);
    }
  }
}

/* `.symver foo, foo@V` in an object defining foo leaves both foo and foo@V there, at
 * one address. GNU ld (and lld, when versions are defined) makes foo@V the symbol and
 * drops foo, unless a script binds foo to another version: foo is not exported beside
 * foo@V, so a library's references to plain foo do not bind to it. */
static void hide_names_merged_into_hidden_versions(Ctx *ctx) {
  for (i64 fi = 0; fi < ctx->objs.len; fi++) {
    InputFile *f = ctx->objs.data[fi];
    for (i64 i = f->first_global; f->has_versioned_names && f->syms && i < f->nsyms; i++) {
      Symbol *sym = f->syms[i];
      const char *at = sym->file == f && sym->sym_idx == i ? strchr(sym->name, '@') : NULL;
      if (!at || at[1] == '@' || !sym->isec)
        continue;
      Symbol *plain = find_symbol(ctx, arena_strndup(&ctx->arena, sym->name, at - sym->name));
      if (!plain || plain->file != f || plain->isec != sym->isec || plain->value != sym->value)
        continue;
      i32 node = find_version_node(ctx, at + 1);
      bool bound_elsewhere = (plain->ver_idx & 0x7fff) > 1 &&
                             (node < 0 || (plain->ver_idx & 0x7fff) != node_version_index(ctx, node));
      if (!bound_elsewhere)
        plain->forced_local = true;
    }
  }
}

/* --version-exports-section=V (GNU ld): the NUL-separated names in the inputs'
 * .exports sections are global in version V and every other name is local, as if a
 * script said "V { global: NAMES; local: *; };". The sections are not output. */
static void add_exports_section_patterns(Ctx *ctx, PatternList *pats) {
  const char *version = ctx->opt.version_exports_section;
  if (!version)
    return;
  vec_push(&ctx->version_nodes, ((VersionNode){.name = *version ? version : NULL}));
  i32 node = (i32)ctx->version_nodes.len - 1;
  for (i64 fi = 0; fi < ctx->objs.len; fi++) {
    InputFile *f = ctx->objs.data[fi];
    for (i64 k = 0; f->sections && k < f->nshdrs; k++) {
      InputSection *isec = f->sections[k];
      if (!isec || strcmp(isec->name, ".exports") || !isec->contents)
        continue;
      isec->is_alive = false;
      for (u64 at = 0; at < isec->size;) {
        const char *name = (const char *)isec->contents + at;
        u64 len = strnlen(name, isec->size - at);
        if (len && at + len < isec->size)
          vec_push(pats,
                   ((Pattern){.text = arena_strndup(&ctx->arena, name, (i64)len), .node = node}));
        at += len + 1;
      }
    }
  }
  vec_push(pats, ((Pattern){.text = "*", .is_glob = true, .is_local = true, .node = node}));
}

/* Applies --version-script files and .symver names to the symbols this output
 * defines: sets ver_idx, and clears is_exported for symbols made local. False when
 * there was nothing to apply: no script pattern and no "sym@VER" name, so no symbol
 * was made local and none is a version alias. */
bool apply_version_scripts(Ctx *ctx) {
  PatternList pats = {0};
  for (i64 i = 0; i < ctx->opt.version_scripts.len; i++)
    if (!parse_script(ctx, ctx->opt.version_scripts.data[i], &pats)) {
      free(pats.data);
      return true;
    }
  /* --default-symver (GNU ld): every exported name that no script versions gets a
   * version named by the soname, as if a last script said "SONAME { global: *; };". */
  if (ctx->opt.default_symver && ctx->opt.kind == OUT_SHARED) {
    const char *base = ctx->opt.soname ? ctx->opt.soname : ctx->opt.output;
    const char *slash = ctx->opt.soname ? NULL : strrchr(base, '/');
    vec_push(&ctx->version_nodes, ((VersionNode){.name = slash ? slash + 1 : base}));
    Pattern all = {.text = "*", .is_glob = true, .node = (i32)ctx->version_nodes.len - 1};
    vec_push(&pats, all);
  }
  add_exports_section_patterns(ctx, &pats);
  bool has_cxx = false;
  for (i64 i = 0; i < pats.len; i++)
    has_cxx |= pats.data[i].cxx;
  u16 next = 2;
  for (i64 i = 0; i < ctx->version_nodes.len; i++)
    if (ctx->version_nodes.data[i].name)
      ctx->version_nodes.data[i].index = next++;
  for (i64 i = 0; i < ctx->version_nodes.len; i++) {
    const VersionNode *vn = &ctx->version_nodes.data[i];
    for (i64 k = 0; k < vn->nparents; k++)
      if (find_version_node(ctx, vn->parents[k]) < 0)
        error(ctx, "version node %s depends on undefined version %s", vn->name ? vn->name : "{}",
              vn->parents[k]);
  }
  /* Script patterns on all threads, file by file (a definition belongs to one file);
   * .symver names after, serially in input order, as they may create version nodes. */
  ScriptPass pass = {&pats, has_cxx, calloc((size_t)MAX(ctx->objs.len, 1), sizeof(SymbolList))};
  if (!pass.versioned)
    fatal(ctx, "out of memory");
  parallel_for(ctx, ctx->objs.len, match_version_patterns_task, &pass);
  for (i64 fi = 0; fi < ctx->objs.len; fi++) {
    InputFile *f = ctx->objs.data[fi];
    for (i64 k = 0; k < pass.versioned[fi].len; k++) {
      Symbol *sym = pass.versioned[fi].data[k];
      const char *at = strchr(sym->name, '@');
      /* foo@V1 / foo@@V2 from .symver: the version must be defined by a script. */
      bool is_default = at[1] == '@';
      const char *vname = at + (is_default ? 2 : 1);
      i32 node = find_version_node(ctx, vname);
      /* A shared object must define the version in a script; for an executable
       * GNU ld creates it when the name is exported, and ignores it otherwise. */
      if (node < 0 && ctx->opt.kind == OUT_SHARED) {
        error(ctx, "%s: symbol %s has undefined version %s", f->name, sym->name, vname);
        continue;
      }
      Symbol *carrier = sym->is_version_alias ? AUX(sym)->base_sym : sym;
      if (node < 0 && !carrier->is_exported)
        continue;
      if (node < 0) {
        vec_push(&ctx->version_nodes, ((VersionNode){.name = vname, .index = next++}));
        node = (i32)ctx->version_nodes.len - 1;
      }
      sym->ver_idx = (u16)(node_version_index(ctx, node) | (is_default ? 0 : 0x8000));
      /* Set after the patterns: the plain name carries foo@@V's version. */
      if (sym->is_version_alias && AUX(sym)->base_sym->file == f)
        AUX(sym)->base_sym->ver_idx = node_version_index(ctx, node);
      /* The node's own "local:" patterns, matched against the plain name, hide it
       * unless one of the node's "global:" patterns names it (GNU ld). */
      if (hidden_by_own_node(ctx, &pats, node, sym->name, at) && !ctx->opt.export_dynamic) {
        Symbol *exported = sym->is_version_alias ? AUX(sym)->base_sym : sym;
        if (exported->file == f)
          exported->forced_local = sym->forced_local = true;
      }
    }
    free(pass.versioned[fi].data);
  }
  free(pass.versioned);
  for (i64 i = 0; i < pats.len; i++) {
    Pattern *p = &pats.data[i];
    if (p->is_glob || p->is_local || p->matched || p->cxx)
      continue;
    Symbol *sym = find_symbol(ctx, p->text);
    if (sym && symbol_is_defined(sym))
      continue;
    if (ctx->opt.no_undefined_version)
      error(ctx, "version script assignment of '%s' to symbol '%s' failed: symbol not defined",
            p->node >= 0 && ctx->version_nodes.data[p->node].name
                ? ctx->version_nodes.data[p->node].name
                : "global",
            p->text);
    else
      warn(ctx, "version script assignment of '%s' to symbol '%s' failed: symbol not defined",
           p->node >= 0 && ctx->version_nodes.data[p->node].name
               ? ctx->version_nodes.data[p->node].name
               : "global",
           p->text);
  }
  bool applied = pats.len > 0;
  for (i64 fi = 0; fi < ctx->objs.len && !applied; fi++)
    applied = ctx->objs.data[fi]->has_versioned_names;
  free(pats.data);
  hide_names_merged_into_hidden_versions(ctx);
  return applied;
}
