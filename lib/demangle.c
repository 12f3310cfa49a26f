/* The names version-script and dynamic-list extern "C++" patterns are matched against,
 * as c++filt prints them ("ns::f(std::string const&)"): libiberty's demangler, the one
 * GNU ld uses, with the same options (parameters, ANSI qualifiers). */
#include "rivet.h"

#include <libiberty/demangle.h>
#include <stdlib.h>

char *demangle(Arena *arena, const char *mangled) {
  if (mangled[0] != '_' || mangled[1] != 'Z')
    return NULL;
  char *s = cplus_demangle(mangled, DMGL_PARAMS | DMGL_ANSI);
  if (!s)
    return NULL;
  char *copy = arena_strdup(arena, s);
  free(s);
  return copy;
}

/* A symbol's name as messages show it: demangled, as GNU ld and lld print it, unless
 * --no-demangle. */
const char *display_name(Ctx *ctx, const char *name) {
  if (!ctx->opt.demangle)
    return name;
  const char *d = demangle(local_arena(ctx), name);
  return d ? d : name;
}
