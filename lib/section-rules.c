/* The SECTIONS command of a linker script, as far as relocatable output (-r) uses it:
 * output section descriptions that say which input sections go where,
 *   SECTIONS { .text : { *(.text .text.*) KEEP(*(.init)) } /DISCARD/ : { *(.note.foo) } }
 * An input section goes to the first description that names it, in script order (GNU
 * ld); the ones no description names keep their own name. Addresses, assignments and
 * the rest of a final link's layout language are refused by name: without an address
 * space, -r gives them nothing to mean. */
#include "rivet.h"

#include <fnmatch.h>
#include <stdlib.h>

typedef struct RuleParser {
  Ctx *ctx;
  const char *path;
  const ScriptTokenVec *toks;
  i64 pos;
} RuleParser;

static const char *peek_token(RuleParser *p) {
  return p->pos < p->toks->len ? p->toks->data[p->pos].str : NULL;
}

static bool fail_at(RuleParser *p, const char *fmt, const char *what) {
  i64 line = p->toks->len ? p->toks->data[MIN(p->pos, p->toks->len - 1)].line : 1;
  char msg[256];
  snprintf(msg, sizeof msg, fmt, what);
  error(p->ctx, "%s:%ld: %s", p->path, (long)line, msg);
  return false;
}

static bool take(RuleParser *p, const char *what) {
  const char *t = peek_token(p);
  if (!t || strcmp(t, what))
    return fail_at(p, "expected '%s' in SECTIONS", what);
  p->pos++;
  return true;
}

static bool is_sort_keyword(const char *t) {
  return !strcmp(t, "SORT") || !strcmp(t, "SORT_BY_NAME") || !strcmp(t, "SORT_BY_ALIGNMENT") ||
         !strcmp(t, "SORT_BY_INIT_PRIORITY") || !strcmp(t, "SORT_NONE") || !strcmp(t, "REVERSE");
}

static void add_rule(RuleParser *p, const char *output, const char *file, const char *section,
                     bool keep, const char **exclude, i64 nexclude) {
  SectionRule r = {output, file, section, exclude, nexclude, keep};
  vec_push(&p->ctx->section_rules, r);
}

/* The section patterns inside FILE( ... ): globs, EXCLUDE_FILE(...) before one, SORT
 * and its kin around one (order within an output section is input order in -r). */
static bool parse_section_patterns(RuleParser *p, const char *output, const char *file, bool keep) {
  if (!take(p, "("))
    return false;
  const char **exclude = NULL;
  i64 nexclude = 0;
  for (;;) {
    const char *t = peek_token(p);
    if (!t)
      return fail_at(p, "%s", "unexpected end of file in an input section description");
    p->pos++;
    if (!strcmp(t, ")"))
      return true;
    if (!strcmp(t, ","))
      continue;
    if (!strcmp(t, "EXCLUDE_FILE")) {
      if (!take(p, "("))
        return false;
      VEC(const char *) names = {0};
      for (; peek_token(p) && strcmp(peek_token(p), ")"); p->pos++)
        vec_push(&names, peek_token(p));
      if (!take(p, ")")) {
        free(names.data);
        return false;
      }
      nexclude = names.len;
      exclude = ARENA_ARRAY(&p->ctx->arena, const char *, MAX(nexclude, 1));
      for (i64 i = 0; i < nexclude; i++)
        exclude[i] = names.data[i];
      free(names.data);
      continue;
    }
    if (is_sort_keyword(t)) {
      /* SORT(glob) or SORT(SORT_BY_ALIGNMENT(glob)): the globs inside count. */
      i64 depth = 0;
      if (!take(p, "("))
        return false;
      depth = 1;
      while (depth > 0) {
        const char *u = peek_token(p);
        if (!u)
          return fail_at(p, "%s", "unexpected end of file in SORT");
        p->pos++;
        if (!strcmp(u, "("))
          depth++;
        else if (!strcmp(u, ")"))
          depth--;
        else if (!is_sort_keyword(u) && strcmp(u, ","))
          add_rule(p, output, file, u, keep, exclude, nexclude);
      }
      continue;
    }
    if (!strcmp(t, "("))
      return fail_at(p, "%s", "unexpected '(' in an input section description");
    add_rule(p, output, file, t, keep, exclude, nexclude);
  }
}

/* One input section description: FILE(PATTERNS), KEEP(FILE(PATTERNS)), or a bare FILE
 * (all its sections). */
static bool parse_input_description(RuleParser *p, const char *output) {
  const char *t = peek_token(p);
  bool keep = !strcmp(t, "KEEP");
  if (keep) {
    p->pos++;
    if (!take(p, "("))
      return false;
    t = peek_token(p);
    if (!t)
      return fail_at(p, "%s", "unexpected end of file in KEEP");
  }
  p->pos++;
  const char *next = peek_token(p);
  bool ok = true;
  if (next && !strcmp(next, "("))
    ok = parse_section_patterns(p, output, t, keep);
  else
    add_rule(p, output, t, "*", keep, NULL, 0);
  return ok && (!keep || take(p, ")"));
}

static bool is_refused_statement(const char *t) {
  static const char *const words[] = {"=",      "+=",     "-=",   "PROVIDE", "PROVIDE_HIDDEN",
                                      "HIDDEN", "ASSERT", "BYTE", "SHORT",   "LONG",
                                      "QUAD",   "SQUAD",  "FILL", ".",       "INCLUDE",
                                      "INSERT", "OVERLAY"};
  for (size_t i = 0; i < ARRAY_SIZE(words); i++)
    if (!strcmp(t, words[i]))
      return true;
  return false;
}

/* NAME [ADDRESS] [(TYPE)] : [AT(...)] [ALIGN(...)] [ONLY_IF_RO|ONLY_IF_RW] { ... }
 * [>REGION] [AT>REGION] [:PHDR ...] [=FILL] */
static bool parse_output_description(RuleParser *p) {
  const char *name = peek_token(p);
  p->pos++;
  size_t len = strlen(name);
  bool colon_joined = len > 1 && name[len - 1] == ':';
  if (colon_joined)
    name = arena_strndup(&p->ctx->arena, name, (i64)len - 1);
  if (is_refused_statement(name) || (peek_token(p) && !strcmp(peek_token(p), "=")))
    return fail_at(p,
                   "'%s' (an assignment or data statement) is not supported in SECTIONS "
                   "of relocatable output",
                   name);
  /* Everything up to ':' and then to '{' places or constrains the section: an
   * address means nothing in an object, which GNU ld's own -r script shows (0). */
  for (bool before_colon = !colon_joined; peek_token(p) && strcmp(peek_token(p), "{");) {
    if (before_colon && !strcmp(peek_token(p), ":"))
      before_colon = false;
    p->pos++;
  }
  if (!take(p, "{"))
    return false;
  for (;;) {
    const char *t = peek_token(p);
    if (!t)
      return fail_at(p, "%s", "unexpected end of file in an output section description");
    if (!strcmp(t, "}")) {
      p->pos++;
      break;
    }
    if (!strcmp(t, ";") || !strcmp(t, "CONSTRUCTORS") || !strcmp(t, "SORT(CONSTRUCTORS)")) {
      p->pos++;
      continue;
    }
    if (is_refused_statement(t) ||
        (p->pos + 1 < p->toks->len && !strcmp(p->toks->data[p->pos + 1].str, "=")))
      return fail_at(p,
                     "'%s' (an assignment or data statement) is not supported in SECTIONS of "
                     "relocatable output",
                     t);
    if (!parse_input_description(p, name))
      return false;
  }
  /* >REGION, AT>REGION, :PHDR, =FILL: after-the-fact placement, nothing in -r. */
  while (peek_token(p) && (starts_with(peek_token(p), ">") || starts_with(peek_token(p), "AT>") ||
                           starts_with(peek_token(p), ":") || !strcmp(peek_token(p), "=")))
    p->pos += !strcmp(peek_token(p), "=") ? 2 : 1;
  return true;
}

bool parse_sections_command(Ctx *ctx, const char *path, const ScriptTokenVec *toks, i64 *pos) {
  RuleParser p = {ctx, path, toks, *pos};
  if (!ctx->opt.relocatable) {
    p.pos = MAX(p.pos - 1, 0); /* the message names the SECTIONS line */
    fail_at(&p, "%s",
            "SECTIONS is supported for relocatable output (-r) only; rivet lays out a "
            "final link itself");
    return false;
  }
  bool ok = take(&p, "{");
  while (ok) {
    const char *t = peek_token(&p);
    if (!t) {
      ok = fail_at(&p, "%s", "unexpected end of file in SECTIONS");
      break;
    }
    if (!strcmp(t, "}")) {
      p.pos++;
      break;
    }
    if (!strcmp(t, ";")) {
      p.pos++;
      continue;
    }
    ok = parse_output_description(&p);
  }
  *pos = p.pos;
  return ok;
}

static bool file_matches(const SectionRule *r, const InputFile *f) {
  const char *names[] = {f->name, f->mf ? f->mf->path : f->name};
  for (i64 k = 0; k < r->nexclude; k++)
    for (size_t n = 0; n < ARRAY_SIZE(names); n++)
      if (!fnmatch(r->exclude_files[k], names[n], 0))
        return false;
  if (!strcmp(r->file, "*"))
    return true;
  for (size_t n = 0; n < ARRAY_SIZE(names); n++)
    if (!fnmatch(r->file, names[n], 0))
      return true;
  const char *base = strrchr(f->name, '/');
  return base && !fnmatch(r->file, base + 1, 0);
}

/* The first rule naming the section; GNU ld in -r leaves COMDAT members alone (a
 * group must stay droppable as a whole), so no rule takes them. */
static const SectionRule *rule_of(Ctx *ctx, const InputSection *isec) {
  if (isec->shdr->sh_flags & SHF_GROUP)
    return NULL;
  for (i64 i = 0; i < ctx->section_rules.len; i++) {
    const SectionRule *r = &ctx->section_rules.data[i];
    if (!fnmatch(r->section, isec->name, 0) && file_matches(r, isec->file))
      return r;
  }
  return NULL;
}

static void apply_rules_task(Ctx *ctx, i64 fi, void *arg) {
  (void)arg;
  InputFile *f = ctx->objs.data[fi];
  for (i64 i = 0; f->sections && i < f->nshdrs; i++) {
    InputSection *isec = f->sections[i];
    if (!isec || !isec->is_alive)
      continue;
    const SectionRule *r = rule_of(ctx, isec);
    if (!r)
      continue;
    if (!strcmp(r->output, "/DISCARD/")) {
      isec->is_alive = false;
      continue;
    }
    isec->script_output = r->output;
    isec->kept_by_script = r->keep;
  }
}

void apply_section_rules(Ctx *ctx) {
  if (ctx->section_rules.len)
    parallel_for(ctx, ctx->objs.len, apply_rules_task, NULL);
}
