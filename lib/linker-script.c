/* Linker scripts of the kind distributions ship as libraries (libc.so is one):
 *   GROUP ( /lib/libc.so.6 /usr/lib/libc_nonshared.a AS_NEEDED ( /lib/ld-linux.so.2 ) )
 * plus INPUT, OUTPUT_FORMAT, OUTPUT_ARCH, SEARCH_DIR, ENTRY and comments; SECTIONS for
 * relocatable output (section-rules.c). Scripts that lay out a final link (SECTIONS,
 * MEMORY) are rejected with a clear error. */
#include "rivet.h"

#include <ctype.h>
#include <stdlib.h>

bool looks_like_linker_script(const u8 *data, i64 size) {
  /* Printable text with no NUL: worth trying the parser, which gives the real verdict. */
  i64 n = MIN(size, 4096);
  if (n == 0)
    return false;
  for (i64 i = 0; i < n; i++)
    if (data[i] == 0 || (data[i] < 0x20 && !isspace(data[i])))
      return false;
  return true;
}

static bool is_word_char(char c) {
  return !isspace((unsigned char)c) && c != '(' && c != ')' && c != ',' && c != ';' && c != '"' &&
         c != '{' && c != '}' && c != '=';
}

bool tokenize_linker_script(Ctx *ctx, const char *path, const char *p, i64 size,
                            ScriptTokenVec *out) {
  const char *end = p + size;
  i64 line = 1;
  while (p < end) {
    char c = *p;
    if (c == '\n') {
      line++;
      p++;
    } else if (isspace((unsigned char)c)) {
      p++;
    } else if (c == '/' && p + 1 < end && p[1] == '*') {
      const char *q = p + 2;
      i64 start_line = line;
      while (q + 1 < end && !(q[0] == '*' && q[1] == '/')) {
        if (*q == '\n')
          line++;
        q++;
      }
      if (q + 1 >= end) {
        error(ctx, "%s:%ld: unterminated comment", path, (long)start_line);
        return false;
      }
      p = q + 2;
    } else if (c == '#') {
      while (p < end && *p != '\n')
        p++;
    } else if (c == '"') {
      const char *q = p + 1;
      while (q < end && *q != '"' && *q != '\n')
        q++;
      if (q >= end || *q != '"') {
        error(ctx, "%s:%ld: unterminated string", path, (long)line);
        return false;
      }
      char *s = arena_alloc(&ctx->arena, q - p, 1);
      memcpy(s, p + 1, (size_t)(q - p - 1));
      ScriptToken t = {s, line, true};
      vec_push(out, t);
      p = q + 1;
    } else if (!is_word_char(c)) {
      char *s = arena_alloc(&ctx->arena, 2, 1);
      s[0] = c;
      ScriptToken t = {s, line, false};
      vec_push(out, t);
      p++;
    } else {
      const char *q = p;
      while (q < end && is_word_char(*q) && !(q[0] == '/' && q + 1 < end && q[1] == '*'))
        q++;
      char *s = arena_alloc(&ctx->arena, q - p + 1, 1);
      memcpy(s, p, (size_t)(q - p));
      ScriptToken t = {s, line, false};
      vec_push(out, t);
      p = q;
    }
  }
  return true;
}

typedef struct Parser {
  Ctx *ctx;
  const char *path;
  ScriptTokenVec toks;
  i64 pos;
  InputArgVec *out;
  i64 depth; /* AS_NEEDED nesting */
} Parser;

static const char *peek(Parser *ps) {
  return ps->pos < ps->toks.len ? ps->toks.data[ps->pos].str : NULL;
}

static i64 cur_line(Parser *ps) {
  if (ps->toks.len == 0)
    return 1;
  return ps->toks.data[MIN(ps->pos, ps->toks.len - 1)].line;
}

static bool expect(Parser *ps, const char *what) {
  const char *t = peek(ps);
  if (!t || strcmp(t, what)) {
    error(ps->ctx, "%s:%ld: expected '%s' but found '%s'", ps->path, (long)cur_line(ps), what,
          t ? t : "end of file");
    return false;
  }
  ps->pos++;
  return true;
}

static void emit(Parser *ps, InputArgKind kind, const char *str) {
  InputArg a = {kind, str};
  vec_push(ps->out, a);
}

/* The list inside GROUP(...), INPUT(...) or AS_NEEDED(...). */
static bool parse_file_list(Parser *ps) {
  if (!expect(ps, "("))
    return false;
  for (;;) {
    const char *t = peek(ps);
    if (!t) {
      error(ps->ctx, "%s:%ld: unexpected end of file in file list", ps->path, (long)cur_line(ps));
      return false;
    }
    ps->pos++;
    if (!strcmp(t, ")"))
      return true;
    if (!strcmp(t, ","))
      continue;
    if (!strcmp(t, "AS_NEEDED")) {
      if (++ps->depth > 32) {
        error(ps->ctx, "%s:%ld: AS_NEEDED nested too deeply", ps->path, (long)cur_line(ps));
        return false;
      }
      emit(ps, ARG_PUSH_STATE, NULL);
      emit(ps, ARG_AS_NEEDED, NULL);
      if (!parse_file_list(ps))
        return false;
      ps->depth--;
      emit(ps, ARG_POP_STATE, NULL);
      continue;
    }
    if (!strcmp(t, "(")) {
      error(ps->ctx, "%s:%ld: unexpected '('", ps->path, (long)cur_line(ps));
      return false;
    }
    /* "=/lib/x.so": '=' stands for the sysroot (the tokenizer cut it off). */
    const char *next = peek(ps);
    if (!strcmp(t, "=") && next && strcmp(next, ")") && strcmp(next, ",")) {
      t = arena_sprintf(&ps->ctx->arena, "=%s", next);
      ps->pos++;
    }
    if (starts_with(t, "-l"))
      emit(ps, ARG_LIBRARY, t + 2);
    else
      emit(ps, ARG_SCRIPT_FILE, t);
  }
}

/* OUTPUT_FORMAT(a, b, c) and friends: arguments are checked for shape, then ignored. */
static bool skip_parenthesized(Parser *ps) {
  if (!expect(ps, "("))
    return false;
  while (peek(ps) && strcmp(peek(ps), ")")) {
    if (!strcmp(peek(ps), "(")) {
      error(ps->ctx, "%s:%ld: unexpected '('", ps->path, (long)cur_line(ps));
      return false;
    }
    ps->pos++;
  }
  return expect(ps, ")");
}

/* NAME = EXPRESSION; outside SECTIONS defines NAME as --defsym NAME=EXPRESSION would
 * (GNU ld: an absolute value, or one relative to the symbol the expression names). */
static bool parse_assignment(Parser *ps, const char *name) {
  ps->pos++; /* the '=' */
  char *expr = "";
  while (peek(ps) && strcmp(peek(ps), ";") && strcmp(peek(ps), "}"))
    expr = arena_sprintf(&ps->ctx->arena, "%s %s", expr, ps->toks.data[ps->pos++].str);
  if (!*expr) {
    error(ps->ctx, "%s:%ld: '%s =' needs a value", ps->path, (long)cur_line(ps), name);
    return false;
  }
  vec_push(&ps->ctx->opt.defsyms, arena_sprintf(&ps->ctx->arena, "%s=%s", name, expr + 1));
  return expect(ps, ";");
}

bool parse_linker_script(Ctx *ctx, MappedFile *mf, InputArgVec *out) {
  Parser ps = {.ctx = ctx, .path = mf->path, .out = out};
  if (!tokenize_linker_script(ctx, mf->path, (const char *)mf->data, mf->size, &ps.toks)) {
    free(ps.toks.data);
    return false;
  }
  bool ok = true;
  while (ok && peek(&ps)) {
    const char *t = peek(&ps);
    ps.pos++;
    if (!strcmp(t, ";"))
      continue;
    if (!strcmp(t, "GROUP")) {
      emit(&ps, ARG_GROUP_START, NULL);
      ok = parse_file_list(&ps);
      emit(&ps, ARG_GROUP_END, NULL);
    } else if (!strcmp(t, "INPUT")) {
      ok = parse_file_list(&ps);
    } else if (!strcmp(t, "SECTIONS")) {
      ok = parse_sections_command(ctx, mf->path, &ps.toks, &ps.pos);
    } else if (!strcmp(t, "OUTPUT_FORMAT") || !strcmp(t, "OUTPUT_ARCH") || !strcmp(t, "TARGET")) {
      ok = skip_parenthesized(&ps);
    } else if (!strcmp(t, "SEARCH_DIR") || !strcmp(t, "ENTRY")) {
      ok = expect(&ps, "(");
      const char *arg = ok ? peek(&ps) : NULL;
      if (ok && (!arg || !strcmp(arg, ")"))) {
        error(ctx, "%s:%ld: %s needs an argument", mf->path, (long)cur_line(&ps), t);
        ok = false;
      }
      if (ok) {
        if (!strcmp(t, "SEARCH_DIR"))
          vec_push(&ctx->opt.lib_paths, arg);
        else if (!ctx->opt.entry)
          ctx->opt.entry = arg;
        ps.pos++;
        ok = expect(&ps, ")");
      }
    } else if (peek(&ps) && !strcmp(peek(&ps), "=")) {
      ok = parse_assignment(&ps, t);
    } else {
      error(ctx, "%s:%ld: unsupported linker script command '%s'", mf->path,
            (long)ps.toks.data[ps.pos - 1].line, t);
      ok = false;
    }
  }
  free(ps.toks.data);
  return ok;
}
