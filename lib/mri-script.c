/* -c FILE / --mri-script=FILE: GNU ld's MRI-compatible scripts, one command a line,
 * keywords in any case, '*' starting a comment line. Read where -c stands, as GNU ld
 * reads them while it parses the command line:
 *   LOAD file[, file...]    inputs, as if named there
 *   NAME file               the output (-o)
 *   PUBLIC sym = expr       a symbol's value (--defsym); "sym, expr" and "sym expr" too
 *   FORMAT fmt              the output format: elf64-x86-64 only
 *   LIST                    the map, on standard output (-M)
 *   CHIP ..., END           nothing (GNU ld: for compatibility)
 * The commands that lay out sections (SECT, BASE, ORDER, ALIGN, ALIGNMOD, ALIAS,
 * ABSOLUTE, TRUNCATE) are refused by name; an unknown keyword is an error, as in GNU
 * ld. */
#include "arch.h"
#include "rivet.h"

#include <ctype.h>
#include <strings.h>

static bool is_separator(char c) {
  return c == ',' || isspace((unsigned char)c);
}

/* The words of a line, split at spaces and commas (arena copies). */
static i64 split_words(Ctx *ctx, const char *p, const char *end, const char **out, i64 max) {
  i64 n = 0;
  while (p < end && n < max) {
    while (p < end && is_separator(*p))
      p++;
    const char *w = p;
    while (p < end && !is_separator(*p))
      p++;
    if (p > w)
      out[n++] = arena_strndup(&ctx->arena, w, (i64)(p - w));
  }
  return n;
}

static bool is_layout_command(const char *kw) {
  static const char *const words[] = {"SECT",     "BASE",  "ORDER",    "ALIGN",
                                      "ALIGNMOD", "ALIAS", "ABSOLUTE", "TRUNCATE"};
  for (size_t i = 0; i < ARRAY_SIZE(words); i++)
    if (!strcasecmp(kw, words[i]))
      return true;
  return false;
}

/* PUBLIC sym = expr (or "sym, expr", "sym expr"): NAME=EXPR for --defsym. */
static const char *public_definition(Ctx *ctx, const char *p, const char *end) {
  while (p < end && isspace((unsigned char)*p))
    p++;
  const char *name = p;
  while (p < end && !is_separator(*p) && *p != '=')
    p++;
  const char *name_end = p;
  while (p < end && (is_separator(*p) || *p == '='))
    p++;
  const char *expr_end = end;
  while (expr_end > p && isspace((unsigned char)expr_end[-1]))
    expr_end--;
  if (name_end == name || expr_end == p)
    return NULL;
  return arena_sprintf(&ctx->arena, "%.*s=%.*s", (int)(name_end - name), name, (int)(expr_end - p),
                       p);
}

static bool run_command(Ctx *ctx, const char *path, i64 line, const char *kw, const char *args,
                        const char *end, MriActions *act) {
  const char *words[256];
  if (!strcasecmp(kw, "LOAD")) {
    i64 n = split_words(ctx, args, end, words, ARRAY_SIZE(words));
    for (i64 i = 0; i < n; i++)
      act->add_input(ctx, words[i]);
    return true;
  }
  if (!strcasecmp(kw, "NAME") || !strcasecmp(kw, "OUTPUT")) {
    if (split_words(ctx, args, end, words, 1) == 1) {
      ctx->opt.output = words[0];
      return true;
    }
  } else if (!strcasecmp(kw, "PUBLIC")) {
    const char *def = public_definition(ctx, args, end);
    if (def) {
      vec_push(&ctx->opt.defsyms, def);
      return true;
    }
  } else if (!strcasecmp(kw, "FORMAT")) {
    if (split_words(ctx, args, end, words, 1) == 1) {
      if (!strcmp(words[0], ctx->arch->output_format))
        return true;
      error(ctx, "%s:%ld: FORMAT %s: rivet writes %s only", path, (long)line, words[0],
            ctx->arch->output_format);
      return false;
    }
  } else if (!strcasecmp(kw, "LIST")) {
    if (!ctx->opt.map_file)
      ctx->opt.map_file = "-";
    return true;
  } else if (!strcasecmp(kw, "CHIP") || !strcasecmp(kw, "END")) {
    return true;
  } else if (is_layout_command(kw)) {
    error(ctx, "%s:%ld: MRI command %s is not supported (rivet lays out sections itself)", path,
          (long)line, kw);
    return false;
  } else {
    error(ctx, "%s:%ld: unrecognised keyword in MRI style script '%s'", path, (long)line, kw);
    return false;
  }
  error(ctx, "%s:%ld: %s: missing or malformed argument", path, (long)line, kw);
  return false;
}

bool read_mri_script(Ctx *ctx, const char *path, MriActions *act) {
  MappedFile *mf = map_file_or_error(ctx, path);
  if (!mf)
    return false;
  const char *p = (const char *)mf->data, *end = p + mf->size;
  bool ok = true;
  for (i64 line = 1; p < end; line++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *e = nl ? nl : end;
    const char *kw = p;
    while (kw < e && isspace((unsigned char)*kw))
      kw++;
    const char *kw_end = kw;
    while (kw_end < e && !is_separator(*kw_end) && *kw_end != '=')
      kw_end++;
    if (kw_end > kw && *kw != '*') {
      const char *word = arena_strndup(&ctx->arena, kw, (i64)(kw_end - kw));
      ok &= run_command(ctx, path, line, word, kw_end, e, act);
    }
    p = nl ? nl + 1 : end;
  }
  return ok;
}
