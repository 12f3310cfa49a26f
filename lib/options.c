/* The GNU ld command line. Options take their argument joined (-oFILE, --opt=ARG)
 * or as the next word; long options may be spelled with one dash or two, as GNU ld
 * accepts. Position-dependent options (-l, --whole-archive, -Bstatic, groups...)
 * are kept in order with the input files. @FILE expands a response file. */
#include "arch.h"
#include "rivet.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#define RIVET_VERSION_STRING "rivet 0.1.0"

const char *rv_version(void) {
  return RIVET_VERSION_STRING;
}

RvContext *rv_context_new(void) {
  Ctx *ctx = calloc(1, sizeof(Ctx));
  if (!ctx)
    abort();
  Options *o = &ctx->opt;
  o->output = "a.out";
  o->kind = OUT_EXEC;
  o->build_id = BUILD_ID_NONE;
  o->hash_gnu = false;
  o->hash_sysv = true;
  o->z_relro = true;
  o->z_separate_code = true;
  o->z_text = true;
  ctx->arch = &arch_x86_64;
  ctx->tlsld_got_idx = -1;
  return ctx;
}

typedef VEC(char *) ArgVec;

/* Splits a response file the way GNU ld (libiberty's buildargv) does: white space
 * separates words; single and double quotes group; backslash escapes one char. */
static bool expand_response_file(Ctx *ctx, const char *path, ArgVec *out, int depth) {
  if (depth > 16) {
    error(ctx, "%s: response files nested too deeply", path);
    return false;
  }
  MappedFile *mf = map_file(ctx, path);
  if (!mf) {
    error(ctx, "cannot open response file %s: %s", path, strerror(errno));
    return false;
  }
  const char *p = (const char *)mf->data, *end = p + mf->size;
  char *word = arena_alloc(&ctx->arena, mf->size + 1, 1);
  while (p < end) {
    while (p < end && isspace((unsigned char)*p))
      p++;
    if (p >= end)
      break;
    i64 n = 0;
    char quote = 0;
    while (p < end && (quote || !isspace((unsigned char)*p))) {
      char c = *p++;
      if (c == '\\' && p < end)
        word[n++] = *p++;
      else if (quote && c == quote)
        quote = 0;
      else if (!quote && (c == '\'' || c == '"'))
        quote = c;
      else
        word[n++] = c;
    }
    word[n] = 0;
    if (word[0] == '@') {
      if (!expand_response_file(ctx, word + 1, out, depth + 1))
        return false;
    } else {
      vec_push(out, arena_strdup(&ctx->arena, word));
    }
  }
  return true;
}

typedef struct ArgReader {
  Ctx *ctx;
  char **argv;
  i64 argc;
  i64 i;           /* index of the current word */
  const char *arg; /* value of the last matched option */
} ArgReader;

/* Matches "-name", "--name" (single-dash spelling allowed for multi-letter names),
 * with the value joined by '=' or in the next word. */
static bool read_arg(ArgReader *r, const char *name) {
  const char *w = r->argv[r->i];
  for (int dashes = 1; dashes <= 2; dashes++) {
    if (dashes == 1 && strlen(name) == 1 && false)
      continue;
    const char *p = w;
    int d = 0;
    while (*p == '-' && d < dashes) {
      p++;
      d++;
    }
    if (d != dashes || !starts_with(p, name))
      continue;
    const char *rest = p + strlen(name);
    if (*rest == '=') {
      r->arg = rest + 1;
      return true;
    }
    if (*rest == 0) {
      if (r->i + 1 >= r->argc) {
        error(r->ctx, "option %s requires an argument", w);
        r->arg = "";
        return true;
      }
      r->arg = r->argv[++r->i];
      return true;
    }
  }
  return false;
}

/* One-letter option whose value may be joined without '=': -oFILE, -lc, -Lpath. */
static bool read_short_arg(ArgReader *r, char letter) {
  const char *w = r->argv[r->i];
  if (w[0] != '-' || w[1] != letter)
    return false;
  if (w[2]) {
    r->arg = w + 2;
    return true;
  }
  if (r->i + 1 >= r->argc) {
    error(r->ctx, "option -%c requires an argument", letter);
    r->arg = "";
    return true;
  }
  r->arg = r->argv[++r->i];
  return true;
}

static bool read_flag(ArgReader *r, const char *name) {
  const char *w = r->argv[r->i];
  if (w[0] != '-')
    return false;
  if (!strcmp(w + 1, name))
    return true;
  return w[1] == '-' && !strcmp(w + 2, name);
}

static u64 parse_number(Ctx *ctx, const char *opt, const char *s) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 0);
  if (errno || *end || !*s)
    error(ctx, "invalid number for %s: %s", opt, s);
  return (u64)v;
}

static void parse_build_id(Ctx *ctx, const char *s) {
  Options *o = &ctx->opt;
  if (!strcmp(s, "fast") || !strcmp(s, "tree") || !strcmp(s, "xxhash"))
    o->build_id = BUILD_ID_FAST;
  else if (!strcmp(s, "sha1"))
    o->build_id = BUILD_ID_SHA1;
  else if (!strcmp(s, "md5"))
    o->build_id = BUILD_ID_MD5;
  else if (!strcmp(s, "uuid"))
    o->build_id = BUILD_ID_UUID;
  else if (!strcmp(s, "none"))
    o->build_id = BUILD_ID_NONE;
  else if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    const char *h = s + 2;
    i64 n = (i64)strlen(h);
    if (n == 0 || n % 2) {
      error(ctx, "--build-id: invalid hex string: %s", s);
      return;
    }
    u8 *bytes = arena_alloc(&ctx->arena, n / 2, 1);
    for (i64 i = 0; i < n / 2; i++) {
      char pair[3] = {h[2 * i], h[2 * i + 1], 0};
      if (!isxdigit((unsigned char)pair[0]) || !isxdigit((unsigned char)pair[1])) {
        error(ctx, "--build-id: invalid hex string: %s", s);
        return;
      }
      bytes[i] = (u8)strtoul(pair, NULL, 16);
    }
    o->build_id = BUILD_ID_HEX;
    o->build_id_hex = bytes;
    o->build_id_hex_len = n / 2;
  } else {
    error(ctx, "unknown --build-id style: %s", s);
  }
}

/* -z KEYWORD. Unknown keywords are warned about, as GNU ld does. */
static void parse_z(Ctx *ctx, const char *z) {
  Options *o = &ctx->opt;
  if (!strcmp(z, "relro"))
    o->z_relro = true;
  else if (!strcmp(z, "norelro"))
    o->z_relro = false;
  else if (!strcmp(z, "now"))
    o->z_now = true;
  else if (!strcmp(z, "lazy"))
    o->z_now = false;
  else if (!strcmp(z, "separate-code"))
    o->z_separate_code = true;
  else if (!strcmp(z, "noseparate-code"))
    o->z_separate_code = false;
  else if (!strcmp(z, "execstack"))
    o->z_execstack = o->z_execstack_set = true;
  else if (!strcmp(z, "noexecstack")) {
    o->z_execstack = false;
    o->z_execstack_set = true;
  } else if (!strcmp(z, "text"))
    o->z_text = true;
  else if (!strcmp(z, "notext") || !strcmp(z, "textoff"))
    o->z_text = false;
  else if (!strcmp(z, "pack-relative-relocs"))
    o->pack_relative_relocs = true;
  else if (!strcmp(z, "nopack-relative-relocs"))
    o->pack_relative_relocs = false;
  else if (!strcmp(z, "nocopyreloc"))
    o->z_nocopyreloc = true;
  else if (!strcmp(z, "copyreloc"))
    o->z_nocopyreloc = false;
  else if (!strcmp(z, "muldefs"))
    o->allow_multiple_definition = true;
  else if (starts_with(z, "max-page-size=")) {
    o->max_page_size = parse_number(ctx, "-z max-page-size", z + 14);
    if (!is_pow2(o->max_page_size))
      error(ctx, "-z max-page-size: value must be a power of two: %s", z + 14);
  } else if (starts_with(z, "common-page-size=")) {
    parse_number(ctx, "-z common-page-size", z + 17);
  } else if (!strcmp(z, "defs")) {
    o->z_defs = true;
  } else if (!strcmp(z, "undefs") || !strcmp(z, "nodefs")) {
    o->z_defs = false;
  } else if (!strcmp(z, "origin")) {
    o->z_origin = true;
  } else if (!strcmp(z, "nodelete")) {
    o->z_nodelete = true;
  } else if (!strcmp(z, "nodlopen")) {
    o->z_nodlopen = true;
  } else if (!strcmp(z, "initfirst")) {
    o->z_initfirst = true;
  } else if (!strcmp(z, "interpose")) {
    o->z_interpose = true;
  } else if (!strcmp(z, "combreloc") || !strcmp(z, "nocombreloc") || !strcmp(z, "noexecheap") ||
             !strcmp(z, "ibt") || !strcmp(z, "shstk") || !strcmp(z, "cet-report=none") ||
             !strcmp(z, "nognustack") || !strcmp(z, "global") || !strcmp(z, "noreloc-overflow") ||
             !strcmp(z, "dynamic-undefined-weak") || !strcmp(z, "nodynamic-undefined-weak") ||
             starts_with(z, "stack-size=") || starts_with(z, "x86-64-")) {
    /* Accepted; meaningful only for dynamic outputs, which later passes honour. */
  } else {
    warn(ctx, "-z %s ignored", z);
  }
}

static void parse_hash_style(Ctx *ctx, const char *s) {
  Options *o = &ctx->opt;
  if (!strcmp(s, "gnu"))
    o->hash_gnu = true, o->hash_sysv = false;
  else if (!strcmp(s, "sysv"))
    o->hash_gnu = false, o->hash_sysv = true;
  else if (!strcmp(s, "both"))
    o->hash_gnu = o->hash_sysv = true;
  else
    error(ctx, "unknown --hash-style: %s", s);
}

static void add_input(Ctx *ctx, InputArgKind kind, const char *str) {
  InputArg a = {.kind = kind, .str = str};
  vec_push(&ctx->opt.inputs, a);
}

/* Options GNU ld accepts that do not change what rivet writes (yet). Each takes no
 * argument; see ignored_with_arg for those that do. */
static const char *ignored_flags[] = {
    "O0",
    "O1",
    "O2",
    "O3",
    "warn-common",
    "no-warn-common",
    "no-warn-mismatch",
    "color-diagnostics",
    "no-color-diagnostics",
    "enable-new-dtags",

    "nostdlib",
    "no-copy-dt-needed-entries",
    "copy-dt-needed-entries",
    "g",
    "x",
    "discard-all",
    "X",
    "discard-locals",
    "no-keep-memory",
    "reduce-memory-overheads",
    "warn-once",
    "no-undefined-version",
    "undefined-version",
    "relax",
    "no-relax",
    "fatal-warnings-off",
    "no-demangle",
    "demangle",
    "warn-shared-textrel",
    "no-print-gc-sections",
    "ignore-unresolved-symbol-dummy",
    "no-error-rwx-segments",
    "no-error-execstack",
    "no-warn-rwx-segments",
    "warn-rwx-segments",
    "no-warn-execstack",
    "warn-execstack",
    "eh-frame-hdr-dummy",
    "nmagic",
    "n",
    "build-id-dummy",
    "export-dynamic-dummy",
    "no-export-dynamic",
    "as-needed-dummy",
    "gdb-index",
    "no-gdb-index",
    "start-lib",
    "end-lib",
    "undefined-glob-dummy",
    "cref",
    "stats",
    "no-map-whole-files",
    "detect-odr-violations",
    "no-ld-generated-unwind-info",
    "ld-generated-unwind-info",
    "no-rosegment",
    "rosegment",
    "check-sections",
    "no-check-sections",
    "eh-frame-hdr-only-dummy",
    "allow-multiple-definition-dummy",
    "no-fatal-warnings",
    "no-as-needed-dummy",
    "icf=none",
    "no-icf",
    "print-map-dummy",
    "compress-debug-sections=none",
    "no-apply-dynamic-relocs",
    "apply-dynamic-relocs",
};

static const char *ignored_with_arg[] = {
    "plugin",
    "plugin-opt",
    "rpath-link",

    "compress-debug-sections",
    "icf",
    "emit-relocs-dummy",
    "dependency-file",
    "Ttext",
    "Tdata",
    "Tbss",
    "wrap-dummy",
    "unresolved-symbols",
    "orphan-handling",
    "audit",
    "auxiliary",
    "f",
    "filter",
    "retain-symbols-file",
    "z-dummy",
    "script-dummy",
    "build-id-dummy",
    "library-path-dummy",
    "thinlto-cache-dir",
    "lto-O",
};

int rv_parse_args(RvContext *ctx, int argc, char **argv) {
  Options *o = &ctx->opt;
  ArgVec words = {0};
  for (int i = 1; i < argc; i++) {
    if (argv[i][0] == '@') {
      if (!expand_response_file(ctx, argv[i] + 1, &words, 0)) {
        checkpoint(ctx);
        return RV_ARGS_ERROR;
      }
    } else {
      vec_push(&words, argv[i]);
    }
  }

  ArgReader r = {.ctx = ctx, .argv = words.data, .argc = words.len};
  bool version_only = false;
  for (r.i = 0; r.i < r.argc; r.i++) {
    const char *w = r.argv[r.i];
    if (w[0] != '-' || w[1] == 0) {
      add_input(ctx, ARG_FILE, w);
      continue;
    }
    if (read_flag(&r, "version") || read_flag(&r, "V") || !strcmp(w, "-v")) {
      printf("%s (compatible with GNU linkers)\n", RIVET_VERSION_STRING);
      if (r.argc == 1 || read_flag(&r, "version"))
        version_only = true;
      continue;
    }
    if (read_flag(&r, "help")) {
      printf("Usage: ld.rivet [options] file...\nrivet accepts GNU ld's options.\n");
      version_only = true;
      continue;
    }
    if (read_flag(&r, "static") || read_flag(&r, "Bstatic") || read_flag(&r, "dn") ||
        read_flag(&r, "non_shared")) {
      if (!strcmp(w, "-static") || !strcmp(w, "--static"))
        o->is_static = true;
      add_input(ctx, ARG_BSTATIC, NULL);
      continue;
    }
    if (read_flag(&r, "Bdynamic") || read_flag(&r, "dy") || read_flag(&r, "call_shared")) {
      add_input(ctx, ARG_BDYNAMIC, NULL);
      continue;
    }
    if (read_flag(&r, "start-group") || !strcmp(w, "-(")) {
      add_input(ctx, ARG_GROUP_START, NULL);
      continue;
    }
    if (read_flag(&r, "end-group") || !strcmp(w, "-)")) {
      add_input(ctx, ARG_GROUP_END, NULL);
      continue;
    }
    if (read_flag(&r, "whole-archive")) {
      add_input(ctx, ARG_WHOLE_ARCHIVE, NULL);
      continue;
    }
    if (read_flag(&r, "no-whole-archive")) {
      add_input(ctx, ARG_NO_WHOLE_ARCHIVE, NULL);
      continue;
    }
    if (read_flag(&r, "as-needed")) {
      add_input(ctx, ARG_AS_NEEDED, NULL);
      continue;
    }
    if (read_flag(&r, "no-as-needed")) {
      add_input(ctx, ARG_NO_AS_NEEDED, NULL);
      continue;
    }
    if (read_flag(&r, "push-state")) {
      add_input(ctx, ARG_PUSH_STATE, NULL);
      continue;
    }
    if (read_flag(&r, "pop-state")) {
      add_input(ctx, ARG_POP_STATE, NULL);
      continue;
    }
    if (read_flag(&r, "shared") || read_flag(&r, "Bshareable")) {
      o->kind = OUT_SHARED;
      continue;
    }
    if (read_flag(&r, "pie") || read_flag(&r, "pic-executable")) {
      o->kind = OUT_PIE;
      continue;
    }
    if (read_flag(&r, "no-pie") || read_flag(&r, "no-pic-executable")) {
      o->kind = OUT_EXEC;
      continue;
    }
    if (read_flag(&r, "eh-frame-hdr")) {
      o->eh_frame_hdr = true;
      continue;
    }
    if (read_flag(&r, "no-eh-frame-hdr")) {
      o->eh_frame_hdr = false;
      continue;
    }
    if (read_flag(&r, "build-id")) {
      o->build_id = BUILD_ID_FAST;
      continue;
    }
    if (starts_with(w, "--build-id=") || starts_with(w, "-build-id=")) {
      parse_build_id(ctx, strchr(w, '=') + 1);
      continue;
    }
    if (read_flag(&r, "gc-sections")) {
      o->gc_sections = true;
      continue;
    }
    if (read_flag(&r, "no-gc-sections")) {
      o->gc_sections = false;
      continue;
    }
    if (read_flag(&r, "print-gc-sections")) {
      o->print_gc_sections = true;
      continue;
    }
    if (read_flag(&r, "s") || read_flag(&r, "strip-all")) {
      o->strip_all = true;
      continue;
    }
    if (read_flag(&r, "S") || read_flag(&r, "strip-debug")) {
      o->strip_debug = true;
      continue;
    }
    if (read_flag(&r, "E") || read_flag(&r, "export-dynamic")) {
      o->export_dynamic = true;
      continue;
    }
    if (read_flag(&r, "fatal-warnings")) {
      o->fatal_warnings = true;
      continue;
    }
    if (read_flag(&r, "verbose")) {
      o->verbose = true;
      continue;
    }
    if (read_flag(&r, "allow-multiple-definition")) {
      o->allow_multiple_definition = true;
      continue;
    }
    if (read_flag(&r, "error-rwx-segments")) {
      o->error_rwx_segments = true;
      continue;
    }
    if (read_flag(&r, "error-execstack")) {
      o->error_execstack = true;
      continue;
    }
    if (read_flag(&r, "disable-new-dtags")) {
      o->disable_new_dtags = true;
      continue;
    }
    if (read_flag(&r, "enable-new-dtags")) {
      o->disable_new_dtags = false;
      continue;
    }
    if (read_flag(&r, "sort-common") || !strcmp(w, "--sort-common=descending")) {
      o->sort_common = true;
      continue;
    }
    if (read_flag(&r, "no-sort-common")) {
      o->sort_common = false;
      continue;
    }
    if (read_flag(&r, "Bsymbolic")) {
      o->bsymbolic = BSYMBOLIC_ALL;
      continue;
    }
    if (read_flag(&r, "Bsymbolic-functions")) {
      o->bsymbolic = BSYMBOLIC_FUNCTIONS;
      continue;
    }
    if (read_flag(&r, "Bsymbolic-non-weak-functions")) {
      o->bsymbolic = BSYMBOLIC_NON_WEAK_FUNCTIONS;
      continue;
    }
    if (read_flag(&r, "Bsymbolic-non-weak")) {
      o->bsymbolic = BSYMBOLIC_NON_WEAK;
      continue;
    }
    if (read_flag(&r, "Bno-symbolic")) {
      o->bsymbolic = BSYMBOLIC_NONE;
      continue;
    }
    if (read_flag(&r, "no-undefined")) {
      o->z_defs = true;
      continue;
    }
    if (read_flag(&r, "no-undefined-version")) {
      o->no_undefined_version = true;
      continue;
    }
    if (read_flag(&r, "undefined-version")) {
      o->no_undefined_version = false;
      continue;
    }
    if (read_flag(&r, "allow-shlib-undefined")) {
      o->allow_shlib_undefined = o->allow_shlib_undefined_set = true;
      continue;
    }
    if (read_flag(&r, "no-allow-shlib-undefined")) {
      o->allow_shlib_undefined = false;
      o->allow_shlib_undefined_set = true;
      continue;
    }
    if (read_flag(&r, "no-dynamic-linker")) {
      o->no_dynamic_linker = true;
      continue;
    }
    if (read_flag(&r, "no-threads")) {
      o->threads = 1;
      continue;
    }
    if (read_flag(&r, "time-report") || read_flag(&r, "perf")) {
      o->time_report = true;
      continue;
    }
    if (read_flag(&r, "why-extract")) {
      o->why_extract = "-";
      continue;
    }
    if (!strcmp(w, "-z")) {
      if (r.i + 1 >= r.argc) {
        error(ctx, "option -z requires an argument");
        break;
      }
      parse_z(ctx, r.argv[++r.i]);
      continue;
    }
    if (w[1] == 'z' && w[2]) {
      parse_z(ctx, w + 2);
      continue;
    }
    bool ignored = false;
    for (i64 k = 0; k < ARRAY_SIZE(ignored_flags) && !ignored; k++)
      ignored = read_flag(&r, ignored_flags[k]);
    if (ignored)
      continue;
    if (starts_with(w, "-O") && isdigit((unsigned char)w[2]))
      continue;
    /* Options with an argument. Longer names first where one is a prefix of another. */
    if (read_arg(&r, "output")) {
      o->output = r.arg;
      continue;
    }
    if (read_arg(&r, "entry")) {
      o->entry = r.arg;
      o->entry_given = true;
      continue;
    }
    if (read_arg(&r, "library-path")) {
      vec_push(&o->lib_paths, r.arg);
      continue;
    }
    if (read_arg(&r, "library")) {
      add_input(ctx, ARG_LIBRARY, r.arg);
      continue;
    }
    if (read_arg(&r, "hash-style")) {
      parse_hash_style(ctx, r.arg);
      continue;
    }
    if (read_arg(&r, "trace-symbol")) {
      vec_push(&o->trace_symbols, r.arg);
      continue;
    }
    if (read_arg(&r, "why-extract")) {
      o->why_extract = r.arg;
      continue;
    }
    if (read_arg(&r, "Map")) {
      o->map_file = r.arg;
      continue;
    }
    if (read_arg(&r, "threads")) {
      o->threads = (i64)parse_number(ctx, "--threads", r.arg);
      if (o->threads < 1)
        error(ctx, "--threads: expected a positive number: %s", r.arg);
      continue;
    }
    if (read_arg(&r, "dynamic-linker") || read_arg(&r, "I")) {
      o->dynamic_linker = r.arg;
      continue;
    }
    if (read_arg(&r, "rpath") || read_arg(&r, "R")) {
      o->rpath = o->rpath ? arena_sprintf(&ctx->arena, "%s:%s", o->rpath, r.arg) : r.arg;
      continue;
    }
    if (read_arg(&r, "pack-dyn-relocs")) {
      if (!strcmp(r.arg, "relr"))
        o->pack_relative_relocs = true;
      else if (!strcmp(r.arg, "none"))
        o->pack_relative_relocs = false;
      else
        error(ctx, "--pack-dyn-relocs: unsupported format %s (rivet packs with relr)", r.arg);
      continue;
    }
    if (read_arg(&r, "soname") || read_arg(&r, "h")) {
      o->soname = r.arg;
      continue;
    }
    if (read_arg(&r, "version-script")) {
      vec_push(&o->version_scripts, r.arg);
      continue;
    }
    if (read_arg(&r, "init")) {
      o->init_symbol = r.arg;
      continue;
    }
    if (read_arg(&r, "fini")) {
      o->fini_symbol = r.arg;
      continue;
    }
    if (read_arg(&r, "exclude-libs")) {
      o->exclude_libs =
          o->exclude_libs ? arena_sprintf(&ctx->arena, "%s,%s", o->exclude_libs, r.arg) : r.arg;
      continue;
    }
    if (read_arg(&r, "explain-symbol")) {
      vec_push(&o->explain_symbols, r.arg);
      continue;
    }
    if (read_arg(&r, "export-dynamic-symbol")) {
      vec_push(&o->export_dynamic_symbols, r.arg);
      continue;
    }
    if (read_arg(&r, "dynamic-list")) {
      vec_push(&o->dynamic_lists, r.arg);
      continue;
    }
    if (read_arg(&r, "package-metadata")) {
      o->package_metadata = r.arg;
      continue;
    }
    if (read_arg(&r, "sysroot")) {
      o->sysroot = r.arg;
      continue;
    }
    if (read_arg(&r, "undefined")) {
      vec_push(&o->undefined, r.arg);
      continue;
    }
    if (read_arg(&r, "defsym")) {
      vec_push(&o->defsyms, r.arg);
      continue;
    }
    if (read_arg(&r, "image-base") || read_arg(&r, "Ttext-segment")) {
      o->image_base = parse_number(ctx, "--image-base", r.arg);
      continue;
    }
    if (read_arg(&r, "max-page-size")) {
      o->max_page_size = parse_number(ctx, "--max-page-size", r.arg);
      continue;
    }
    bool ignored_arg = false;
    for (i64 k = 0; k < ARRAY_SIZE(ignored_with_arg) && !ignored_arg; k++)
      ignored_arg = read_arg(&r, ignored_with_arg[k]);
    if (ignored_arg)
      continue;
    if (w[1] != '-') {
      /* Single-letter options with joined or separate values. */
      char c = w[1];
      if (c == 'o' && read_short_arg(&r, 'o')) {
        o->output = r.arg;
        continue;
      }
      if (c == 'e' && read_short_arg(&r, 'e')) {
        o->entry = r.arg;
        o->entry_given = true;
        continue;
      }
      if (c == 'L' && read_short_arg(&r, 'L')) {
        vec_push(&o->lib_paths, r.arg);
        continue;
      }
      if (c == 'l' && read_short_arg(&r, 'l')) {
        add_input(ctx, ARG_LIBRARY, r.arg);
        continue;
      }
      if (c == 'y' && read_short_arg(&r, 'y')) {
        vec_push(&o->trace_symbols, r.arg);
        continue;
      }
      if (c == 'u' && read_short_arg(&r, 'u')) {
        vec_push(&o->undefined, r.arg);
        continue;
      }
      if (c == 'm' && read_short_arg(&r, 'm')) {
        const Arch *arch = arch_for_emulation(r.arg);
        if (!arch)
          error(ctx, "unrecognised emulation: %s (rivet supports elf_x86_64)", r.arg);
        else
          ctx->arch = arch;
        continue;
      }
      if (c == 'h' && read_short_arg(&r, 'h')) {
        o->soname = r.arg;
        continue;
      }
      if (c == 'T' && read_short_arg(&r, 'T')) {
        add_input(ctx, ARG_FILE, r.arg); /* a linker script given with -T */
        continue;
      }
      if (c == 'R' && read_short_arg(&r, 'R')) {
        o->rpath = o->rpath ? arena_sprintf(&ctx->arena, "%s:%s", o->rpath, r.arg) : r.arg;
        continue;
      }
      if (c == 'F' && read_short_arg(&r, 'F'))
        continue;
    }
    error(ctx, "unknown option: %s", w);
  }
  free(words.data);

  if (checkpoint(ctx))
    return RV_ARGS_ERROR;
  if (version_only && o->inputs.len == 0)
    return RV_ARGS_DONE;
  if (!o->max_page_size)
    o->max_page_size = ctx->arch->max_page_size;
  if (!o->dynamic_linker && !o->no_dynamic_linker)
    o->dynamic_linker = "/lib64/ld-linux-x86-64.so.2";
  if (o->no_dynamic_linker)
    o->dynamic_linker = NULL;
  if (!o->image_base)
    o->image_base = o->kind == OUT_EXEC ? ctx->arch->image_base : 0;
  if (o->inputs.len == 0) {
    fprintf(stderr, "ld.rivet: error: no input files\n");
    return RV_ARGS_ERROR;
  }
  return RV_ARGS_LINK;
}
