/* A small Itanium C++ ABI demangler for version-script extern "C++" patterns, which
 * GNU ld matches against names as c++filt prints them ("ns::f(int, char const*)").
 * It covers nested names, constructors and destructors, builtin types, pointers,
 * references, const, and class-type parameters; for anything else (templates,
 * substitutions, local names) it returns NULL and the symbol simply matches no C++
 * pattern. */
#include "rivet.h"

#include <ctype.h>
#include <stdlib.h>

typedef struct Demangler {
  const char *p;
  bool const_method; /* N K ... E: a const member function, printed "f() const" */
  char buf[1024];
  i64 len;
  bool failed;
} Demangler;

static void out(Demangler *d, const char *s, i64 n) {
  if (d->len + n >= (i64)sizeof d->buf) {
    d->failed = true;
    return;
  }
  memcpy(d->buf + d->len, s, (size_t)n);
  d->len += n;
  d->buf[d->len] = 0;
}

static void outs(Demangler *d, const char *s) {
  out(d, s, (i64)strlen(s));
}

/* <source-name> ::= <length> <identifier>; also remembers it for ctor/dtor names. */
static bool source_name(Demangler *d, const char **last, i64 *last_len) {
  if (!isdigit((unsigned char)*d->p))
    return false;
  i64 n = 0;
  while (isdigit((unsigned char)*d->p)) {
    n = n * 10 + (*d->p++ - '0');
    if (n > 512)
      return false;
  }
  if ((i64)strnlen(d->p, (size_t)n) < n)
    return false;
  out(d, d->p, n);
  *last = d->p;
  *last_len = n;
  d->p += n;
  return true;
}

/* <nested-name> or <unscoped-name>. */
static bool name(Demangler *d) {
  const char *last = NULL;
  i64 last_len = 0;
  if (d->p[0] == 'S' && d->p[1] == 't') {
    d->p += 2;
    outs(d, "std::");
    return source_name(d, &last, &last_len);
  }
  if (*d->p != 'N')
    return source_name(d, &last, &last_len);
  d->p++;
  while (*d->p == 'r' || *d->p == 'V' || *d->p == 'K') {
    if (*d->p == 'K')
      d->const_method = true;
    else
      return false; /* volatile/restrict methods: not needed here */
    d->p++;
  }
  bool first = true;
  while (*d->p != 'E') {
    if (!first)
      outs(d, "::");
    first = false;
    if (d->p[0] == 'S' && d->p[1] == 't') {
      d->p += 2;
      outs(d, "std");
      continue;
    }
    if ((d->p[0] == 'C' && (d->p[1] >= '1' && d->p[1] <= '3')) ||
        (d->p[0] == 'D' && (d->p[1] >= '0' && d->p[1] <= '2'))) {
      if (!last)
        return false;
      if (d->p[0] == 'D')
        outs(d, "~");
      out(d, last, last_len);
      d->p += 2;
      continue;
    }
    if (!source_name(d, &last, &last_len))
      return false;
  }
  d->p++;
  return true;
}

static const char *builtin(char c) {
  switch (c) {
  case 'v':
    return "void";
  case 'b':
    return "bool";
  case 'c':
    return "char";
  case 'a':
    return "signed char";
  case 'h':
    return "unsigned char";
  case 's':
    return "short";
  case 't':
    return "unsigned short";
  case 'i':
    return "int";
  case 'j':
    return "unsigned int";
  case 'l':
    return "long";
  case 'm':
    return "unsigned long";
  case 'x':
    return "long long";
  case 'y':
    return "unsigned long long";
  case 'f':
    return "float";
  case 'd':
    return "double";
  case 'e':
    return "long double";
  case 'w':
    return "wchar_t";
  case 'z':
    return "...";
  default:
    return NULL;
  }
}

/* <type>, printed as c++filt does: "int const*", "char const&". */
static bool type(Demangler *d) {
  char c = *d->p;
  if (c == 'P' || c == 'R' || c == 'O' || c == 'K') {
    d->p++;
    if (!type(d))
      return false;
    outs(d, c == 'P' ? "*" : c == 'R' ? "&" : c == 'O' ? "&&" : " const");
    return true;
  }
  const char *b = builtin(c);
  if (b) {
    d->p++;
    outs(d, b);
    return true;
  }
  if (isdigit((unsigned char)c) || c == 'N')
    return name(d);
  return false; /* substitutions, templates, function types... */
}

char *demangle(Arena *arena, const char *mangled) {
  if (strncmp(mangled, "_Z", 2))
    return NULL;
  Demangler d = {.p = mangled + 2};
  d.buf[0] = 0;
  if (!name(&d))
    return NULL;
  if (*d.p) {
    outs(&d, "(");
    if (d.p[0] == 'v' && d.p[1] == 0) {
      d.p++;
    } else {
      bool first = true;
      while (*d.p && !d.failed) {
        if (!first)
          outs(&d, ", ");
        first = false;
        if (!type(&d))
          return NULL;
      }
    }
    outs(&d, ")");
    if (d.const_method)
      outs(&d, " const");
  }
  if (d.failed || *d.p)
    return NULL;
  return arena_strdup(arena, d.buf);
}
