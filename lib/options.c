/* The GNU ld command line. Options take their argument joined (-oFILE, --opt=ARG)
 * or as the next word; long options may be spelled with one dash or two, as GNU ld
 * accepts. Position-dependent options (-l, --whole-archive, -Bstatic, groups...)
 * are kept in order with the input files. @FILE expands a response file. */
#include "arch.h"
#include "rivet.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/stat.h>

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
  /* Both tables unless told otherwise, as Debian's GNU ld and lld write them; gcc
   * passes --hash-style=gnu, so this is for ld run by hand or by other drivers. */
  o->hash_gnu = true;
  o->hash_sysv = true;
  o->z_relro = true;
  o->start_stop_visibility = STV_PROTECTED;
  o->z_separate_code = true;
  o->z_text = true;
  o->dynamic_undefined_weak = true;
  o->print_map_discarded = true;
  o->call_nop_byte = 0x67;
  o->demangle = true;
  o->fork = true;
  ctx->arch = &arch_x86_64;
  ctx->tlsld_got_idx = -1;
  init_name_tables_lock(ctx);
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
  else if (!strcmp(s, "sha256"))
    o->build_id = BUILD_ID_SHA256;
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

static void opt_unique(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  if (value && *value)
    vec_push(&ctx->opt.unique_sections, value);
  else
    ctx->opt.unique_orphans = true;
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

/* ---- The option table: what each option does, read by the parser and by --help ---- */

/* What an option does: most set one field of Options; the rest call a function. */
typedef enum OptAction {
  SET_TRUE,   /* bool field = true */
  SET_FALSE,  /* bool field = false */
  SET_ENUM,   /* enum field = value */
  SET_STRING, /* const char * field = the value */
  APPEND,     /* VEC(const char *) field: the value appended */
  INPUT,      /* an item of the input list (InputArgKind value), with the value if any */
  CALL,       /* call(ctx, value, the word as written) */
  IGNORED,    /* accepted with no effect on the output; the help text says why */
  REFUSED,    /* known, not done by rivet: an error naming it, and the help text why */
} OptAction;

typedef struct OptionDef {
  const char *names; /* spellings, space-separated; one letter: -xVALUE or -x VALUE */
  const char *arg;   /* NULL: a flag; "FILE": takes a value; "[=STYLE]": a value only after '=' */
  const char *help;  /* one line for --help */
  OptAction action;
  size_t field; /* offsetof(Options, ...) */
  int value;    /* SET_ENUM, INPUT */
  void (*call)(Ctx *ctx, const char *value, const char *word);
} OptionDef;

#define ON(f) .action = SET_TRUE, .field = offsetof(Options, f)
#define OFF(f) .action = SET_FALSE, .field = offsetof(Options, f)
#define ENUM(f, v) .action = SET_ENUM, .field = offsetof(Options, f), .value = (v)
#define STRING(f) .action = SET_STRING, .field = offsetof(Options, f)
#define LIST(f) .action = APPEND, .field = offsetof(Options, f)
#define ITEM(kind) .action = INPUT, .value = (kind)
#define CALLS(fn) .action = CALL, .call = (fn)
#define NO_EFFECT .action = IGNORED
#define NOT_SUPPORTED .action = REFUSED

static void apply_option(Ctx *ctx, const OptionDef *def, const char *value, const char *word) {
  u8 *field = (u8 *)&ctx->opt + def->field;
  switch (def->action) {
  case SET_TRUE:
  case SET_FALSE:
    *(bool *)field = def->action == SET_TRUE;
    break;
  case SET_ENUM:
    *(int *)field = def->value;
    break;
  case SET_STRING:
    *(const char **)field = value;
    break;
  case APPEND:
    vec_push((VEC(const char *) *)field, value);
    break;
  case INPUT:
    add_input(ctx, (InputArgKind)def->value, value);
    break;
  case CALL:
    def->call(ctx, value, word);
    break;
  case IGNORED:
    break;
  case REFUSED:
    error(ctx, "%s: not supported by rivet: %s", word, def->help);
    break;
  }
}

/* -z keywords: the same table shape; "KEY=VALUE" keywords have arg set. */
static void z_execstack(Ctx *ctx, const char *value, const char *word) {
  (void)value;
  ctx->opt.z_execstack = !strcmp(word, "execstack");
  ctx->opt.z_execstack_set = true;
}

static void z_max_page_size(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  ctx->opt.max_page_size = parse_number(ctx, "-z max-page-size", value);
  if (!is_pow2(ctx->opt.max_page_size))
    error(ctx, "-z max-page-size: value must be a power of two: %s", value);
}

static void z_dynamic_undefined_weak(Ctx *ctx, const char *value, const char *word) {
  (void)value, (void)word;
  ctx->opt.dynamic_undefined_weak = ctx->opt.dynamic_undefined_weak_given = true;
  ctx->opt.nodynamic_undefined_weak = false;
}

static void z_nodynamic_undefined_weak(Ctx *ctx, const char *value, const char *word) {
  (void)value, (void)word;
  ctx->opt.dynamic_undefined_weak = false;
  ctx->opt.nodynamic_undefined_weak = true;
}

static void z_common_page_size(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  ctx->opt.common_page_size = parse_number(ctx, "-z common-page-size", value);
  if (!is_pow2(ctx->opt.common_page_size))
    error(ctx, "-z common-page-size: value must be a power of two: %s", value);
}

static void z_stack_size(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  ctx->opt.z_stack_size = parse_number(ctx, "-z stack-size", value);
}

static void z_start_stop_visibility(Ctx *ctx, const char *value, const char *word) {
  static const char *const names[] = {"default", "internal", "hidden", "protected"};
  for (u8 v = 0; v < ARRAY_SIZE(names); v++)
    if (!strcmp(value, names[v])) {
      ctx->opt.start_stop_visibility = v; /* STV_DEFAULT..STV_PROTECTED, in that order */
      return;
    }
  (void)word;
  error(ctx, "-z start-stop-visibility=%s: expected default, internal, hidden or protected", value);
}

/* -z call-nop=: how a relaxed `call *foo@GOTPCREL(%rip)` (6 bytes) pads the direct
 * call (5): prefix-addr (0x67, the default), suffix-nop, or prefix-/suffix- with a byte
 * 0xNN (GNU ld). */
static void z_call_nop(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  Options *o = &ctx->opt;
  const char *how = NULL;
  if (starts_with(value, "prefix-"))
    o->call_nop_suffix = false, how = value + 7;
  else if (starts_with(value, "suffix-"))
    o->call_nop_suffix = true, how = value + 7;
  char *end = NULL;
  unsigned long byte = how && starts_with(how, "0x") ? strtoul(how, &end, 16) : 0;
  if (how && !strcmp(how, "addr") && !o->call_nop_suffix)
    o->call_nop_byte = 0x67;
  else if (how && !strcmp(how, "nop") && o->call_nop_suffix)
    o->call_nop_byte = 0x90;
  else if (end && !*end && end > how + 2 && byte <= 0xff)
    o->call_nop_byte = (u8)byte;
  else
    error(ctx, "-z call-nop=%s: expected prefix-addr, suffix-nop, prefix-0xNN or suffix-0xNN",
          value);
}

/* -z lam-u48 also marks LAM_U57, as GNU ld does (a 48-bit mask leaves the 57-bit
 * layout valid). */
static void z_lam(Ctx *ctx, const char *value, const char *word) {
  (void)value;
  ctx->opt.feature_and_forced |= !strcmp(word, "lam-u48") ? 0xcu : 0x8u;
}

/* -z cet-report=, -z lam-report=, -z lam-u48-report=, -z lam-u57-report=: none, warning
 * or error for each object without the feature. */
static void z_feature_report(Ctx *ctx, const char *value, const char *word) {
  u32 bits = starts_with(word, "cet")        ? 0x3u
             : starts_with(word, "lam-u48-") ? 0x4u
             : starts_with(word, "lam-u57-") ? 0x8u
                                             : 0xcu;
  u32 *r = ctx->opt.feature_reports;
  r[0] &= ~bits, r[1] &= ~bits;
  if (!strcmp(value, "warning"))
    r[0] |= bits;
  else if (!strcmp(value, "error"))
    r[1] |= bits;
  else if (strcmp(value, "none"))
    error(ctx, "-z %.*s=%s: expected none, warning or error", (int)strcspn(word, "="), word, value);
}

static void z_indirect_extern_access(Ctx *ctx, const char *value, const char *word) {
  (void)value;
  bool on = !strcmp(word, "indirect-extern-access");
  ctx->opt.z_indirect_extern_access = on;
  if (on)
    ctx->opt.z_nocopyreloc = true; /* GNU ld: it implies -z nocopyreloc */
}

static const OptionDef z_keywords[] = {
    {"relro", NULL, "Create a PT_GNU_RELRO segment (default)", ON(z_relro)},
    {"norelro", NULL, "Do not create a PT_GNU_RELRO segment", OFF(z_relro)},
    {"now", NULL, "Mark the object for immediate binding (DF_BIND_NOW)", ON(z_now)},
    {"lazy", NULL, "Mark the object for lazy binding (default)", OFF(z_now)},
    {"separate-code", NULL, "Put code in its own pages (default)", ON(z_separate_code)},
    {"noseparate-code", NULL, "Let code share pages with other data", OFF(z_separate_code)},
    {"execstack", NULL, "Mark the stack executable", CALLS(z_execstack)},
    {"noexecstack", NULL, "Mark the stack not executable", CALLS(z_execstack)},
    {"text", NULL, "Refuse relocations in read-only sections (default)", ON(z_text)},
    {"notext", NULL, "Allow relocations in read-only sections (DT_TEXTREL)", OFF(z_text)},
    {"textoff", NULL, "Same as -z notext", OFF(z_text)},
    {"pack-relative-relocs", NULL, "Pack relative relocations into .relr.dyn",
     ON(pack_relative_relocs)},
    {"nopack-relative-relocs", NULL, "Do not pack relative relocations (default)",
     OFF(pack_relative_relocs)},
    {"nocopyreloc", NULL, "Refuse to create copy relocations", ON(z_nocopyreloc)},
    {"copyreloc", NULL, "Create copy relocations where needed (default)", OFF(z_nocopyreloc)},
    {"muldefs", NULL, "Allow multiple definitions", ON(allow_multiple_definition)},
    {"max-page-size", "SIZE", "Set the maximum page size (segment alignment)",
     CALLS(z_max_page_size)},
    {"common-page-size", "SIZE", "Set the common page size (RELRO end, SHF_GNU_MBIND sections)",
     CALLS(z_common_page_size)},
    {"defs", NULL, "Report undefined symbols even in shared objects", ON(z_defs)},
    {"undefs", NULL, "Allow undefined symbols in shared objects (default)", OFF(z_defs)},
    {"nodefs", NULL, "Same as -z undefs", OFF(z_defs)},
    {"origin", NULL, "Mark the object as using $ORIGIN (DF_ORIGIN)", ON(z_origin)},
    {"nodelete", NULL, "Mark the object as not unloadable (DF_1_NODELETE)", ON(z_nodelete)},
    {"nodlopen", NULL, "Mark the object as not dlopen-able (DF_1_NOOPEN)", ON(z_nodlopen)},
    {"initfirst", NULL, "Run this object's initializers first (DF_1_INITFIRST)", ON(z_initfirst)},
    {"interpose", NULL, "Mark the object as an interposer (DF_1_INTERPOSE)", ON(z_interpose)},
    {"combreloc", NULL, "Accepted; dynamic relocations are always combined", NO_EFFECT},
    {"nocombreloc", NULL, "Accepted; dynamic relocations are always combined", NO_EFFECT},
    {"noexecheap", NULL, "Accepted (no effect on x86-64 ELF, as in GNU ld)", NO_EFFECT},
    {"unique-symbol", NULL, "Append .N to every local symbol name in .symtab (unique names)",
     ON(z_unique_symbol)},
    {"nounique-symbol", NULL, "Keep local symbol names as they are (default)",
     OFF(z_unique_symbol)},
    {"ibtplt", NULL, "Generate IBT-enabled PLT entries (endbr64, .plt.sec)", ON(z_ibtplt)},
    {"ibt", NULL, "Mark the output IBT-compatible (x86 feature property); implies -z ibtplt",
     ON(z_ibt)},
    {"shstk", NULL, "Mark the output SHSTK-compatible (x86 feature property)", ON(z_shstk)},
    {"rewrite-endbr", NULL,
     "Replace endbr64 with a NOP in global functions whose address is never taken (mold)",
     ON(z_rewrite_endbr)},
    {"norewrite-endbr", NULL, "Keep every endbr64 (default)", OFF(z_rewrite_endbr)},
    {"cet-report", "none|warning|error", "Report objects without the IBT and SHSTK properties",
     CALLS(z_feature_report)},
    {"lam-u48", NULL, "Mark the output LAM_U48 (and LAM_U57) compatible", CALLS(z_lam)},
    {"lam-u57", NULL, "Mark the output LAM_U57 compatible", CALLS(z_lam)},
    {"lam-report", "none|warning|error",
     "Report objects without the LAM_U48 and LAM_U57 properties", CALLS(z_feature_report)},
    {"lam-u48-report", "none|warning|error", "Report objects without the LAM_U48 property",
     CALLS(z_feature_report)},
    {"lam-u57-report", "none|warning|error", "Report objects without the LAM_U57 property",
     CALLS(z_feature_report)},
    {"call-nop", "PADDING", "Pad relaxed indirect calls: prefix-addr (default), suffix-nop, ...",
     CALLS(z_call_nop)},
    {"indirect-extern-access", NULL,
     "Mark the output as needing indirect access to other modules' symbols; no copy relocations",
     CALLS(z_indirect_extern_access)},
    {"noindirect-extern-access", NULL, "Do not mark indirect extern access (default)",
     CALLS(z_indirect_extern_access)},
    {"noextern-protected-data", NULL,
     "Accepted: rivet always binds protected data locally (no GOT for it)", NO_EFFECT},
    {"report-relative-reloc", NULL, "List each RELATIVE and IRELATIVE dynamic relocation",
     ON(z_report_relative_reloc)},
    {"nognustack", NULL, "Accepted", NO_EFFECT},
    {"global", NULL, "Accepted (meaningful for Solaris only)", NO_EFFECT},
    {"noreloc-overflow", NULL, "Accepted", NO_EFFECT},
    {"dynamic-undefined-weak", NULL,
     "Leave an executable's undefined weak symbols to the loader (default)",
     CALLS(z_dynamic_undefined_weak)},
    {"nodynamic-undefined-weak", NULL, "Bind undefined weak symbols to 0 at link time",
     CALLS(z_nodynamic_undefined_weak)},
    {"common", NULL,
     "Commons of -r output are STT_COMMON (no effect on a final link, as in GNU ld)", ON(z_common)},
    {"nocommon", NULL, "Commons of -r output are STT_OBJECT (default; no effect on a final link)",
     OFF(z_common)},
    {"stack-size", "SIZE", "Set the size of the PT_GNU_STACK segment", CALLS(z_stack_size)},
    {"globalaudit", NULL, "Mark the executable as needing global auditing (DF_1_GLOBAUDIT)",
     ON(z_globalaudit)},
    {"loadfltr", NULL, "Mark the object's filters for immediate processing (DF_1_LOADFLTR)",
     ON(z_loadfltr)},
    {"nodefaultlib", NULL, "Do not search the default directories for dependencies (DF_1_NODEFLIB)",
     ON(z_nodefaultlib)},
    {"nodump", NULL, "Mark the object as not available to dldump (DF_1_NODUMP)", ON(z_nodump)},
    {"unique", NULL, "Load the object once, in the main namespace (DF_GNU_1_UNIQUE)", ON(z_unique)},
    {"nounique", NULL, "Do not mark the object to be loaded once (default)", OFF(z_unique)},
    {"keep-text-section-prefix", NULL,
     "Keep .text.hot, .text.unlikely, .text.startup, ... as output sections of their own",
     ON(z_keep_text_section_prefix)},
    {"nokeep-text-section-prefix", NULL, "Put them all in .text (default)",
     OFF(z_keep_text_section_prefix)},
    {"separate-loadable-segments", NULL,
     "Every PT_LOAD starts on a page of the file (rivet's layout does so with separate code)",
     ON(z_separate_code)},
    {"start-stop-gc", NULL,
     "Accepted: a live __start_/__stop_ reference keeps its sections (lld's meaning)", NO_EFFECT},
    {"nostart-stop-gc", NULL,
     "Accepted: a live __start_/__stop_ reference keeps its sections (GNU ld's default)",
     NO_EFFECT},
    {"start-stop-visibility", "V",
     "Visibility of __start_SEC/__stop_SEC: default, internal, hidden or protected (default)",
     CALLS(z_start_stop_visibility)},
};

/* "-z KEY" or "-z KEY=VALUE"; an unknown keyword is a warning, as in GNU ld. */
static void parse_z(Ctx *ctx, const char *z, const char *word) {
  (void)word;
  for (i64 i = 0; i < ARRAY_SIZE(z_keywords); i++) {
    const OptionDef *k = &z_keywords[i];
    size_t n = strlen(k->names);
    if (strncmp(z, k->names, n))
      continue;
    if (!k->arg && !z[n]) {
      if (k->action == REFUSED)
        error(ctx, "-z %s: not supported by rivet: %s", z, k->help);
      else
        apply_option(ctx, k, NULL, z);
      return;
    }
    if (k->arg && z[n] == '=') {
      apply_option(ctx, k, z + n + 1, z);
      return;
    }
  }
  /* x86-64 psABI ISA levels: the output's GNU_PROPERTY_X86_ISA_1_NEEDED gets the level's
   * bit beside what the objects need (GNU ld). */
  static const char *const isa_levels[] = {"x86-64-baseline", "x86-64-v2", "x86-64-v3",
                                           "x86-64-v4"};
  for (int level = 0; level < ARRAY_SIZE(isa_levels); level++)
    if (!strcmp(z, isa_levels[level])) {
      ctx->opt.isa_needed_forced |= 1u << level;
      return;
    }
  warn(ctx, "-z %s ignored", z);
}

/* Handlers of options with more to do than setting one field. */
static void opt_static(Ctx *ctx, const char *value, const char *word) {
  (void)value;
  if (!strcmp(word, "-static") || !strcmp(word, "--static"))
    ctx->opt.is_static = true;
  add_input(ctx, ARG_BSTATIC, NULL);
}

static void opt_split_by_file(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  char *end = NULL;
  u64 size = value && *value ? strtoull(value, &end, 0) : 1;
  if (end && *end)
    error(ctx, "--split-by-file: invalid size '%s'", value);
  ctx->opt.split_by_file = size ? size : 1;
}

static void add_file_input(Ctx *ctx, const char *path) {
  add_input(ctx, ARG_FILE, path);
}

static void opt_mri_script(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  MriActions act = {add_file_input};
  read_mri_script(ctx, value, &act);
}

static void opt_task_link(Ctx *ctx, const char *value, const char *word) {
  (void)value, (void)word;
  ctx->opt.relocatable = true;
}

static void opt_relax(Ctx *ctx, const char *value, const char *word) {
  (void)value, (void)word;
  ctx->opt.no_relax = false;
  ctx->opt.relax_given = true;
}

/* -N and -n also make the -l options after them find archives only, as -Bstatic
 * does (GNU ld); --no-omagic gives back the paged layout but not the shared libraries. */
static void opt_omagic(Ctx *ctx, const char *value, const char *word) {
  (void)value, (void)word;
  ctx->opt.magic = MAGIC_OMAGIC;
  add_input(ctx, ARG_BSTATIC, NULL);
}

static void opt_nmagic(Ctx *ctx, const char *value, const char *word) {
  (void)value, (void)word;
  ctx->opt.magic = MAGIC_NMAGIC;
  add_input(ctx, ARG_BSTATIC, NULL);
}

static void opt_entry(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  ctx->opt.entry = value;
  ctx->opt.entry_given = true;
}

static void opt_build_id(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  if (value)
    parse_build_id(ctx, value);
  else
    ctx->opt.build_id = BUILD_ID_FAST;
}

static void opt_separate_debug_file(Ctx *ctx, const char *value, const char *word) {
  bool off = starts_with(word + strspn(word, "-"), "no-");
  ctx->opt.separate_debug_file = off ? NULL : value ? value : "";
}

static void opt_hash_style(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  parse_hash_style(ctx, value);
}

static void opt_sort_common(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  if (value && strcmp(value, "descending"))
    error(ctx, "--sort-common: rivet sorts by descending alignment only, not %s", value);
  ctx->opt.sort_common = true;
}

static void opt_shuffle_sections(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  const char *eq = strrchr(value, '=');
  ShuffleRule rule = {eq ? arena_strndup(&ctx->arena, value, eq - value) : NULL, 0, false};
  const char *seed = eq ? eq + 1 : value;
  if (!strcmp(seed, "-1"))
    rule.reverse = true;
  else
    rule.seed = parse_number(ctx, "--shuffle-sections", seed);
  vec_push(&ctx->opt.shuffles, rule);
}

static void opt_sort_section(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  if (!strcmp(value, "name"))
    ctx->opt.sort_section = SORT_SECTION_NAME;
  else if (!strcmp(value, "alignment"))
    ctx->opt.sort_section = SORT_SECTION_ALIGNMENT;
  else
    error(ctx, "--sort-section=%s: expected name or alignment", value);
}

static void opt_allow_shlib_undefined(Ctx *ctx, const char *value, const char *word) {
  (void)value;
  ctx->opt.allow_shlib_undefined = !strstr(word, "no-allow");
  ctx->opt.allow_shlib_undefined_set = true;
}

static void opt_threads(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  ctx->opt.threads = value ? (i64)parse_number(ctx, "--threads", value) : 0;
  if (value && ctx->opt.threads < 1)
    error(ctx, "--threads: expected a positive number: %s", value);
}

static void opt_time_trace(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  ctx->opt.time_trace = true;
  if (value)
    ctx->opt.time_trace_file = value;
}

static void opt_time_trace_granularity(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  ctx->opt.time_trace_granularity = (i64)parse_number(ctx, "--time-trace-granularity", value);
}

static void opt_spare_program_headers(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  ctx->opt.spare_program_headers = (i64)parse_number(ctx, "--spare-program-headers", value);
  if (ctx->opt.spare_program_headers > 1024)
    error(ctx, "--spare-program-headers: too many: %s", value);
}

static void opt_error_limit(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  ctx->opt.error_limit = (i64)parse_number(ctx, "--error-limit", value);
}

static void opt_no_threads(Ctx *ctx, const char *value, const char *word) {
  (void)value, (void)word;
  ctx->opt.threads = 1;
}

static void opt_why_extract(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  ctx->opt.why_extract = value ? value : "-";
}

static void opt_z(Ctx *ctx, const char *value, const char *word) {
  parse_z(ctx, value, word);
}

/* Whether path, a ':'-separated list, holds value from the start of one of its entries
 * to the end of that entry or of a later one. */
static bool run_path_holds(const char *path, const char *value) {
  size_t len = strlen(value);
  for (const char *entry = path;; entry++) {
    if (!strncmp(entry, value, len) && (entry[len] == '\0' || entry[len] == ':'))
      return true;
    entry = strchr(entry, ':');
    if (!entry)
      return false;
  }
}

/* -rpath DIR and -R DIR add to the run path, unless it has them already (GNU ld: the
 * second of "-rpath /a -rpath /a" adds nothing); GNU ld reads -R FILE, an existing file
 * that is not a directory, as --just-symbols FILE. */
static void opt_rpath(Ctx *ctx, const char *value, const char *word) {
  struct stat st;
  if (word[1] == 'R' && stat(value, &st) == 0 && !S_ISDIR(st.st_mode)) {
    add_input(ctx, ARG_JUST_SYMBOLS, value);
    return;
  }
  Options *o = &ctx->opt;
  if (!o->rpath)
    o->rpath = value;
  else if (!run_path_holds(o->rpath, value))
    o->rpath = arena_sprintf(&ctx->arena, "%s:%s", o->rpath, value);
}

static void opt_exclude_libs(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  Options *o = &ctx->opt;
  o->exclude_libs =
      o->exclude_libs ? arena_sprintf(&ctx->arena, "%s,%s", o->exclude_libs, value) : value;
}

static void opt_pack_dyn_relocs(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  if (!strcmp(value, "relr"))
    ctx->opt.pack_relative_relocs = true;
  else if (!strcmp(value, "none"))
    ctx->opt.pack_relative_relocs = false;
  else
    error(ctx, "--pack-dyn-relocs: unsupported format %s (rivet packs with relr)", value);
}

/* GNU ld 2.40's types; zlib means zlib-gabi. */
static void opt_compress_debug_sections(Ctx *ctx, const char *value, const char *word) {
  static const struct {
    const char *name;
    DebugCompression kind;
  } types[] = {{"none", DEBUG_COMPRESS_NONE},
               {"zlib", DEBUG_COMPRESS_ZLIB},
               {"zlib-gabi", DEBUG_COMPRESS_ZLIB},
               {"zlib-gnu", DEBUG_COMPRESS_ZLIB_GNU},
               {"zstd", DEBUG_COMPRESS_ZSTD}};
  (void)word;
  for (i64 i = 0; i < ARRAY_SIZE(types); i++)
    if (!strcmp(value, types[i].name)) {
      ctx->opt.compress_debug = types[i].kind;
#ifndef RIVET_HAVE_ZSTD
      if (types[i].kind == DEBUG_COMPRESS_ZSTD)
        error(ctx, "--compress-debug-sections=zstd: this rivet was built without zstd");
#endif
      return;
    }
  error(ctx,
        "invalid --compress-debug-sections type: %s (expected none, zlib, zlib-gabi, zlib-gnu "
        "or zstd)",
        value);
}

static u64 parse_address(Ctx *ctx, const char *opt, const char *s);

/* lld's --image-base reads C numbers; GNU ld's -Ttext-segment hexadecimal ones. */
static void opt_image_base(Ctx *ctx, const char *value, const char *word) {
  ctx->opt.image_base_gnu = strstr(word, "Ttext-segment") != NULL;
  ctx->opt.image_base = ctx->opt.image_base_gnu ? parse_address(ctx, "-Ttext-segment", value)
                                                : parse_number(ctx, "--image-base", value);
}

static void opt_max_page_size(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  ctx->opt.max_page_size = parse_number(ctx, "--max-page-size", value);
}

/* GNU ld's addresses (-Ttext, --section-start, -Ttext-segment): hexadecimal, with or
 * without 0x. */
static u64 parse_address(Ctx *ctx, const char *opt, const char *s) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 16);
  if (errno || *end || !*s)
    error(ctx, "invalid address for %s: %s", opt, s);
  return (u64)v;
}

static void opt_section_start(Ctx *ctx, const char *value, const char *word) {
  SectionStart st;
  if (strstr(word, "section-start")) {
    const char *eq = strrchr(value, '=');
    if (!eq || eq == value) {
      error(ctx, "--section-start %s: expected SECTION=ADDRESS", value);
      return;
    }
    st.name = arena_strndup(&ctx->arena, value, eq - value);
    st.addr = parse_address(ctx, "--section-start", eq + 1);
  } else {
    const char *which = strstr(word, "Ttext") ? ".text" : strstr(word, "Tdata") ? ".data" : ".bss";
    st.name = which;
    st.addr = parse_address(ctx, word, value);
  }
  vec_push(&ctx->opt.section_starts, st);
}

static void opt_emulation(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  const Arch *arch = arch_for_emulation(value);
  if (!arch)
    error(ctx, "unrecognised emulation: %s (rivet supports %s)", value, ctx->arch->name);
  else
    ctx->arch = arch;
}

/* --icf=all folds every eligible section; safe keeps those whose address is taken
 * (.llvm_addrsig) apart (lld's levels). */
static void opt_icf(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  if (!strcmp(value, "all"))
    ctx->opt.icf = ICF_ALL;
  else if (!strcmp(value, "safe"))
    ctx->opt.icf = ICF_SAFE;
  else if (!strcmp(value, "none"))
    ctx->opt.icf = ICF_NONE;
  else
    error(ctx, "unknown --icf value: %s (expected all, safe or none)", value);
}

static void print_help(void);

/* --version prints and stops; -v prints and links if there are inputs; -V also lists
 * the emulations, as GNU ld does. */
/* GNU ld finds no big-endian x86-64 target, says so, and links little-endian. */
static void opt_big_endian(Ctx *ctx, const char *value, const char *word) {
  (void)value, (void)word;
  warn(ctx, "could not find any targets that match endianness requirement");
}

static void opt_version(Ctx *ctx, const char *value, const char *word) {
  (void)value;
  printf("%s (compatible with GNU linkers)\n", RIVET_VERSION_STRING);
  if (!strcmp(word, "-V"))
    printf("  Supported emulations:\n   %s\n", ctx->arch->name);
  ctx->opt.info_only = true;
  ctx->opt.exit_after_args |= !strcmp(word, "--version") || !strcmp(word, "-version");
}

static void opt_help(Ctx *ctx, const char *value, const char *word) {
  (void)value, (void)word;
  print_help();
  ctx->opt.info_only = ctx->opt.exit_after_args = true;
}

/* --audit and -P/--depaudit: several are joined with ':' into one tag, as GNU ld does. */
static void opt_audit(Ctx *ctx, const char *value, const char *word) {
  const char **list =
      strstr(word, "audit") && !strstr(word, "depaudit") ? &ctx->opt.audit : &ctx->opt.depaudit;
  *list = *list ? arena_sprintf(&ctx->arena, "%s:%s", *list, value) : value;
}

/* GNU ld: --unresolved-symbols sets how undefined references of the objects and of the
 * shared libraries are treated; -z defs and --[no-]allow-shlib-undefined set one each. */
static void opt_unresolved_symbols(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  Options *o = &ctx->opt;
  bool objects, libraries;
  if (!strcmp(value, "ignore-all"))
    objects = libraries = false;
  else if (!strcmp(value, "report-all"))
    objects = libraries = true;
  else if (!strcmp(value, "ignore-in-object-files"))
    objects = false, libraries = true;
  else if (!strcmp(value, "ignore-in-shared-libs"))
    objects = true, libraries = false;
  else {
    error(ctx,
          "--unresolved-symbols=%s: expected ignore-all, report-all, "
          "ignore-in-object-files or ignore-in-shared-libs",
          value);
    return;
  }
  o->ignore_undefined_in_objects = !objects;
  o->z_defs = objects; /* a shared object's undefined references are reported too */
  o->allow_shlib_undefined = !libraries;
  o->allow_shlib_undefined_set = true;
}

static void opt_require_defined(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  vec_push(&ctx->opt.required_defined, value);
  vec_push(&ctx->opt.undefined, value); /* it extracts archive members, as -u does */
}

/* -a KEYWORD (HP-UX): "archive" is -Bstatic, "shared" and "default" are -Bdynamic. */
static void opt_hpux_a(Ctx *ctx, const char *value, const char *word) {
  if (!strcmp(value, "archive"))
    add_input(ctx, ARG_BSTATIC, NULL);
  else if (!strcmp(value, "shared") || !strcmp(value, "default"))
    add_input(ctx, ARG_BDYNAMIC, NULL);
  else
    error(ctx, "%s %s: expected archive, shared or default", word, value);
}

/* -b/--format, --oformat, -A/--architecture: rivet reads and writes one format. */
static void opt_target(Ctx *ctx, const char *value, const char *word) {
  bool is_arch = word[1] == 'A' || strstr(word, "architecture");
  bool ok = is_arch ? !strcmp(value, "i386:x86-64") || !strcmp(value, "x86-64")
                    : !strcmp(value, ctx->arch->output_format) || !strcmp(value, "default");
  if (!ok)
    error(ctx, "%s %s: not supported by rivet: it %s %s only", word, value,
          is_arch ? "links" : "reads and writes",
          is_arch ? "i386:x86-64" : ctx->arch->output_format);
}

static void opt_print_map(Ctx *ctx, const char *value, const char *word) {
  (void)value, (void)word;
  ctx->opt.map_file = "-";
}

static void opt_print_output_format(Ctx *ctx, const char *value, const char *word) {
  (void)value, (void)word;
  printf("%s\n", ctx->arch->output_format);
  ctx->opt.info_only = ctx->opt.exit_after_args = true;
}

static void print_target_help(void);

static void opt_target_help(Ctx *ctx, const char *value, const char *word) {
  (void)value, (void)word;
  print_target_help();
  ctx->opt.info_only = ctx->opt.exit_after_args = true;
}

static void opt_spare_dynamic_tags(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  ctx->opt.spare_dynamic_tags = (i64)parse_number(ctx, "--spare-dynamic-tags", value);
  if (ctx->opt.spare_dynamic_tags > 1 << 20)
    error(ctx, "--spare-dynamic-tags: too many: %s", value);
}

/* GNU ld: what to do with sections a SECTIONS script does not name. rivet reads no
 * SECTIONS, so every section is placed by its name: "place" is what it does. */
/* --orphan-handling=place|warn|error|discard (GNU ld; orphans.c). */
static void opt_orphan_handling(Ctx *ctx, const char *value, const char *word) {
  (void)word;
  if (!strcmp(value, "place"))
    ctx->opt.orphan_handling = ORPHAN_PLACE;
  else if (!strcmp(value, "warn"))
    ctx->opt.orphan_handling = ORPHAN_WARN;
  else if (!strcmp(value, "error"))
    ctx->opt.orphan_handling = ORPHAN_ERROR;
  else if (!strcmp(value, "discard"))
    ctx->opt.orphan_handling = ORPHAN_DISCARD;
  else
    error(ctx, "--orphan-handling=%s: expected place, warn, error or discard", value);
}

static const OptionDef options[] = {
    /* Output */
    {"o output", "FILE", "Set the output file name", STRING(output)},
    {"shared Bshareable", NULL, "Create a shared library", ENUM(kind, OUT_SHARED)},
    {"pie pic-executable", NULL, "Create a position-independent executable", ENUM(kind, OUT_PIE)},
    {"no-pie no-pic-executable", NULL, "Create a position-dependent executable (default)",
     ENUM(kind, OUT_EXEC)},
    {"e entry", "ADDRESS", "Set the start address (a symbol name)", CALLS(opt_entry)},
    {"m", "EMULATION", "Set the emulation (elf_x86_64)", CALLS(opt_emulation)},
    {"soname h", "FILENAME", "Set the DT_SONAME of a shared library", STRING(soname)},
    {"dynamic-linker I", "PROGRAM", "Set the dynamic linker (PT_INTERP)", STRING(dynamic_linker)},
    {"no-dynamic-linker", NULL, "Produce an executable with no program interpreter",
     ON(no_dynamic_linker)},
    {"image-base Ttext-segment", "ADDRESS", "Set the address of the first segment",
     CALLS(opt_image_base)},
    {"max-page-size", "SIZE", "Set the maximum page size", CALLS(opt_max_page_size)},
    {"section-start", "SECTION=ADDRESS", "Set the address of the output section SECTION",
     CALLS(opt_section_start)},
    {"Ttext", "ADDRESS", "Set the address of .text", CALLS(opt_section_start)},
    {"Tdata", "ADDRESS", "Set the address of .data", CALLS(opt_section_start)},
    {"Tbss", "ADDRESS", "Set the address of .bss", CALLS(opt_section_start)},
    {"z", "KEYWORD", "Set a -z keyword (listed below)", CALLS(opt_z)},
    /* Inputs and how they are searched */
    {"l library", "LIBNAME", "Search for library LIBNAME", ITEM(ARG_LIBRARY)},
    {"L library-path", "DIRECTORY", "Add DIRECTORY to the library search path", LIST(lib_paths)},
    {"T script", "FILE", "Read a linker script (searched in the -L directories too)",
     ITEM(ARG_SCRIPT_FILE)},
    {"sysroot", "DIRECTORY", "Override the default sysroot location", STRING(sysroot)},
    {"chroot", "DIR", "Read input files named by absolute paths under DIR", STRING(chroot)},
    {"Y", "PATH", "Add PATH to the default library search path (after every -L)",
     LIST(default_lib_paths)},
    {"default-script dT", "FILE", "Read a linker script (as -T: rivet has no built-in one)",
     ITEM(ARG_SCRIPT_FILE)},
    {"a", "KEYWORD", "HP-UX: archive is -Bstatic; shared and default are -Bdynamic",
     CALLS(opt_hpux_a)},
    {"b format", "TARGET", "The format of the following inputs: elf64-x86-64", CALLS(opt_target)},
    {"oformat", "TARGET", "The output format: elf64-x86-64", CALLS(opt_target)},
    {"A architecture", "ARCH", "The architecture: i386:x86-64", CALLS(opt_target)},
    {"static Bstatic dn non_shared", NULL, "Do not link against shared libraries",
     CALLS(opt_static)},
    {"Bdynamic dy call_shared", NULL, "Link against shared libraries (default)",
     ITEM(ARG_BDYNAMIC)},
    {"( start-group", NULL, "Start a group of archives searched repeatedly", ITEM(ARG_GROUP_START)},
    {") end-group", NULL, "End a group", ITEM(ARG_GROUP_END)},
    {"whole-archive", NULL, "Include every member of the following archives",
     ITEM(ARG_WHOLE_ARCHIVE)},
    {"no-whole-archive", NULL, "Turn off --whole-archive", ITEM(ARG_NO_WHOLE_ARCHIVE)},
    {"as-needed", NULL, "Only set DT_NEEDED for the following libraries if they are used",
     ITEM(ARG_AS_NEEDED)},
    {"no-as-needed", NULL, "Always set DT_NEEDED for the following libraries (default)",
     ITEM(ARG_NO_AS_NEEDED)},
    {"copy-dt-needed-entries add-needed", NULL,
     "The libraries the following ones name in DT_NEEDED join the link", ITEM(ARG_COPY_DT_NEEDED)},
    {"no-copy-dt-needed-entries no-add-needed", NULL,
     "Their DT_NEEDED libraries do not satisfy references (default)", ITEM(ARG_NO_COPY_DT_NEEDED)},
    {"push-state", NULL, "Save the state of -Bstatic, --as-needed, --whole-archive",
     ITEM(ARG_PUSH_STATE)},
    {"pop-state", NULL, "Restore the state saved by --push-state", ITEM(ARG_POP_STATE)},
    {"start-lib", NULL, "Read the following objects as members of an archive (lld)",
     ITEM(ARG_START_LIB)},
    {"end-lib", NULL, "End --start-lib", ITEM(ARG_END_LIB)},
    {"u undefined", "SYMBOL", "Start with SYMBOL undefined (extracts archive members)",
     LIST(undefined)},
    {"undefined-glob", "PATTERN", "As -u for every archive symbol matching PATTERN",
     LIST(undefined_globs)},
    {"defsym", "SYMBOL=EXPRESSION", "Define a symbol", LIST(defsyms)},
    {"just-symbols", "FILE", "Take FILE's symbols as absolute addresses, none of its sections",
     ITEM(ARG_JUST_SYMBOLS)},
    /* Symbols and dynamic linking */
    {"E export-dynamic", NULL, "Export all dynamic symbols", ON(export_dynamic)},
    {"no-export-dynamic", NULL, "Undo --export-dynamic (default)", OFF(export_dynamic)},
    {"export-dynamic-symbol", "SYMBOL", "Export SYMBOL (a glob) to the dynamic symbol table",
     LIST(export_dynamic_symbols)},
    {"dynamic-list", "FILE", "Read a dynamic list", LIST(dynamic_lists)},
    {"wrap", "SYMBOL", "Use wrapper functions for SYMBOL", LIST(wraps)},
    {"dynamic-list-data", NULL, "Add all global data symbols to the dynamic list",
     ON(dynamic_list_data)},
    {"dynamic-list-cpp-new", NULL, "Use C++ operator new/delete dynamic list",
     ON(dynamic_list_cpp_new)},
    {"dynamic-list-cpp-typeinfo", NULL, "Use C++ typeinfo dynamic list",
     ON(dynamic_list_cpp_typeinfo)},
    {"export-dynamic-symbol-list", "FILE", "Read a list of symbols (dynamic list format) to export",
     LIST(export_dynamic_symbol_lists)},
    {"version-script", "FILE", "Read a version script", LIST(version_scripts)},
    {"version-exports-section", "SYMBOL",
     "Export only the names in .exports sections, in version SYMBOL; all others are local",
     STRING(version_exports_section)},
    {"default-imported-symver", NULL,
     "Give unversioned imported symbols their library's soname as version",
     ON(default_imported_symver)},
    {"default-symver", NULL, "Give unversioned exported symbols a version named by the soname",
     ON(default_symver)},
    {"exclude-libs", "LIBS", "Make the symbols of these archives (ALL: every one) local",
     CALLS(opt_exclude_libs)},
    {"Bsymbolic", NULL, "Bind global references locally", ENUM(bsymbolic, BSYMBOLIC_ALL)},
    {"Bsymbolic-functions", NULL, "Bind global function references locally",
     ENUM(bsymbolic, BSYMBOLIC_FUNCTIONS)},
    {"Bsymbolic-non-weak-functions", NULL, "Bind non-weak global function references locally",
     ENUM(bsymbolic, BSYMBOLIC_NON_WEAK_FUNCTIONS)},
    {"Bsymbolic-non-weak", NULL, "Bind non-weak global references locally",
     ENUM(bsymbolic, BSYMBOLIC_NON_WEAK)},
    {"Bno-symbolic", NULL, "Turn off -Bsymbolic and its variants (default)",
     ENUM(bsymbolic, BSYMBOLIC_NONE)},
    {"rpath R", "PATH", "Add PATH to the runtime library search path (-R FILE: --just-symbols)",
     CALLS(opt_rpath)},
    {"enable-new-dtags", NULL, "Write the run path as DT_RUNPATH (default)",
     OFF(disable_new_dtags)},
    {"disable-new-dtags", NULL, "Write the run path as DT_RPATH", ON(disable_new_dtags)},
    {"audit", "AUDITLIB", "Name a library that audits this object (DT_AUDIT)", CALLS(opt_audit)},
    {"P depaudit", "AUDITLIB", "Name a library that audits its dependencies (DT_DEPAUDIT)",
     CALLS(opt_audit)},
    {"f auxiliary", "SHLIB", "Auxiliary filter for the shared object's symbols (DT_AUXILIARY)",
     LIST(auxiliaries)},
    {"F filter", "SHLIB", "Filter for the shared object's symbols (DT_FILTER)", STRING(filter)},
    {"Bgroup", NULL, "Resolve this object's names within its group (DF_1_GROUP)", ON(bgroup)},
    {"init", "SYMBOL", "Call SYMBOL at load time (DT_INIT)", STRING(init_symbol)},
    {"fini", "SYMBOL", "Call SYMBOL at unload time (DT_FINI)", STRING(fini_symbol)},
    {"hash-style", "STYLE", "Set the hash table style: sysv, gnu or both (default)",
     CALLS(opt_hash_style)},
    {"eh-frame-hdr", NULL, "Create .eh_frame_hdr and PT_GNU_EH_FRAME", ON(eh_frame_hdr)},
    {"traditional-format", NULL, "No .eh_frame_hdr lookup table, as GNU ld (no stabs merging)",
     ON(traditional_format)},
    {"spare-dynamic-tags", "COUNT", "Reserve COUNT more DT_NULL entries in .dynamic",
     CALLS(opt_spare_dynamic_tags)},
    {"warn-textrel", NULL, "Warn when the output has DT_TEXTREL (rivet always does)", NO_EFFECT},
    {"no-eh-frame-hdr", NULL, "Do not create .eh_frame_hdr", OFF(eh_frame_hdr)},
    {"build-id", "[=STYLE]", "Write a build ID note: fast, md5, sha1, sha256, uuid, 0xHEX or none",
     CALLS(opt_build_id)},
    {"pack-dyn-relocs", "FORMAT", "Pack relative relocations: relr or none",
     CALLS(opt_pack_dyn_relocs)},
    {"package-metadata", "JSON", "Write a .note.package note", STRING(package_metadata)},
    {"no-undefined", NULL, "Report undefined symbols even in shared objects", ON(z_defs)},
    {"unresolved-symbols", "METHOD",
     "ignore-all, report-all, ignore-in-object-files or ignore-in-shared-libs",
     CALLS(opt_unresolved_symbols)},
    {"warn-unresolved-symbols", NULL, "Report unresolved symbols as warnings",
     ON(warn_unresolved_symbols)},
    {"error-unresolved-symbols", NULL, "Report unresolved symbols as errors (default)",
     OFF(warn_unresolved_symbols)},
    {"ignore-unresolved-symbol", "SYMBOL", "Unresolved SYMBOL is neither an error nor a warning",
     LIST(ignored_undefined)},
    {"require-defined", "SYMBOL", "Require SYMBOL to be defined in the output",
     CALLS(opt_require_defined)},
    {"allow-shlib-undefined", NULL, "Allow undefined symbols in the shared libraries linked",
     CALLS(opt_allow_shlib_undefined)},
    {"no-allow-shlib-undefined", NULL, "Report undefined symbols of the shared libraries linked",
     CALLS(opt_allow_shlib_undefined)},
    {"no-undefined-version", NULL, "Report version script symbols that are not defined",
     ON(no_undefined_version)},
    {"undefined-version", NULL, "Allow version script symbols that are not defined (default)",
     OFF(no_undefined_version)},
    {"allow-multiple-definition", NULL, "Allow multiple definitions",
     ON(allow_multiple_definition)},
    {"disable-multiple-abs-defs", NULL,
     "A --just-symbols definition meeting another of its name is a multiple definition",
     ON(disable_multiple_abs_defs)},
    {"sort-common", "[=descending]", "Sort common symbols by alignment", CALLS(opt_sort_common)},
    {"no-sort-common", NULL, "Keep common symbols in input order (default)", OFF(sort_common)},
    {"shuffle-sections", "[GLOB=]SEED",
     "Shuffle input sections (matching GLOB) with SEED; -1 reverses", CALLS(opt_shuffle_sections)},
    {"sort-section", "name|alignment",
     "Sort each output section's input sections by name or alignment", CALLS(opt_sort_section)},
    /* Sections */
    {"unique", "[=SECTION]",
     "An output section for each input section matching SECTION (a glob), or each orphan",
     CALLS(opt_unique)},
    {"zero-to-bss", NULL, "Put data sections of zeros alone (no relocations) in .bss",
     ON(zero_to_bss)},
    {"gc-sections", NULL, "Remove unused sections", ON(gc_sections)},
    {"no-gc-sections", NULL, "Keep unused sections (default)", OFF(gc_sections)},
    {"print-gc-sections", NULL, "List the sections --gc-sections removes", ON(print_gc_sections)},
    {"gc-keep-exported", NULL, "Keep sections that define default or protected globals",
     ON(gc_keep_exported)},
    {"no-print-gc-sections", NULL, "Do not list removed sections (default)",
     OFF(print_gc_sections)},
    {"s strip-all", NULL, "Strip all symbols and debugging sections", ON(strip_all)},
    {"x discard-all", NULL, "Discard all local symbols", ENUM(discard, DISCARD_ALL_LOCALS)},
    {"X discard-locals", NULL, "Discard temporary local symbols (.L*)",
     ENUM(discard, DISCARD_TEMPORARIES)},
    {"discard-none", NULL, "Keep every local symbol, temporaries too", ENUM(discard, DISCARD_NONE)},
    {"S strip-debug", NULL, "Strip debugging symbols and sections", ON(strip_debug)},
    {"separate-debug-file", "[=FILE]",
     "Move debug sections and .symtab to FILE (OUTPUT.dbg), linked by .gnu_debuglink (mold)",
     CALLS(opt_separate_debug_file)},
    {"no-separate-debug-file", NULL, "Keep debug sections in the output (default)",
     CALLS(opt_separate_debug_file)},
    {"compress-debug-sections", "TYPE",
     "Compress DWARF sections: none (default), zlib, zlib-gabi, zlib-gnu, zstd",
     CALLS(opt_compress_debug_sections)},
    /* Diagnostics */
    {"error-handling-script", "SCRIPT",
     "Run SCRIPT with undefined-symbol NAME or missing-lib -lNAME before such an error",
     STRING(error_handling_script)},
    {"fatal-warnings", NULL, "Treat warnings as errors", ON(fatal_warnings)},
    {"noinhibit-exec", NULL, "Write the output despite undefined and duplicate symbols",
     ON(noinhibit_exec)},
    {"w no-warnings", NULL, "Print no warnings (errors still fail the link)", ON(no_warnings)},
    {"no-fatal-warnings", NULL, "Do not treat warnings as errors (default)", OFF(fatal_warnings)},
    {"error-rwx-segments", NULL, "Report a segment with RWX permissions as an error",
     ON(error_rwx_segments)},
    {"no-error-rwx-segments", NULL, "Do not report RWX segments as errors (default)",
     OFF(error_rwx_segments)},
    {"error-execstack", NULL, "Report an executable stack as an error", ON(error_execstack)},
    {"no-error-execstack", NULL, "Do not report an executable stack as an error (default)",
     OFF(error_execstack)},
    {"y trace-symbol", "SYMBOL", "Trace mentions of SYMBOL", LIST(trace_symbols)},
    {"why-extract", "[=FILE]", "Print why each archive member was extracted",
     CALLS(opt_why_extract)},
    {"explain-symbol", "GLOB", "Explain how matching symbols were resolved and relocated",
     LIST(explain_symbols)},
    {"Map", "FILE", "Write a map file", STRING(map_file)},
    {"M print-map", NULL, "Print the map on standard output", CALLS(opt_print_map)},
    {"print-dependencies", NULL,
     "Print which section (or file) each input section takes each symbol from",
     ON(print_dependencies)},
    {"cref", NULL, "Print a cross-reference table of symbols (into the -Map file if any)",
     ON(cref)},
    {"print-map-discarded", NULL, "List discarded input sections in the map (default)",
     ON(print_map_discarded)},
    {"no-print-map-discarded", NULL, "Do not list discarded input sections in the map",
     OFF(print_map_discarded)},
    {"print-memory-usage", NULL, "Print the use of each memory region (no MEMORY: none)",
     ON(print_memory_usage)},
    {"t trace", NULL, "Print each input file the link uses", ON(trace)},
    {"print-output-format", NULL, "Print the output format and exit",
     CALLS(opt_print_output_format)},
    {"target-help", NULL, "Print the target's options (the -z keywords) and exit",
     CALLS(opt_target_help)},
    {"verbose", NULL, "Print what the link does", ON(verbose)},
    {"time-report", NULL, "Print the time of each pass", ON(time_report)},
    {"reproduce", "FILE", "Write FILE.tar: every input and a response file that links them again",
     STRING(reproduce)},
    {"fork", NULL,
     "Exit as soon as the output is in place; the memory is released after the exit by a "
     "helper process (default)",
     ON(fork)},
    {"no-fork", NULL, "Release the memory before exiting", OFF(fork)},
    {"threads", "[=N]", "Use N threads (default: all cores)", CALLS(opt_threads)},
    {"no-threads", NULL, "Use one thread", CALLS(opt_no_threads)},
    {"thread-count", "N", "Use N threads (as --threads=N)", CALLS(opt_threads)},
    {"warn-backrefs", NULL, "Warn when a member is extracted by a file after its archive",
     ON(warn_backrefs)},
    {"no-warn-backrefs", NULL, "Do not warn about backward references (default)",
     OFF(warn_backrefs)},
    {"warn-backrefs-exclude", "GLOB", "No --warn-backrefs warning for archives matching GLOB",
     LIST(warn_backrefs_exclude)},
    {"spare-program-headers", "N", "Reserve N more program headers (PT_NULL)",
     CALLS(opt_spare_program_headers)},
    {"time-trace", "[=FILE]", "Write the passes' times as a Chrome trace (OUTPUT.time.json)",
     CALLS(opt_time_trace)},
    {"time-trace-file", "FILE", "Where --time-trace writes", CALLS(opt_time_trace)},
    {"time-trace-granularity", "US",
     "Leave out of --time-trace passes shorter than US microseconds",
     CALLS(opt_time_trace_granularity)},
    {"error-limit", "N", "Print at most N errors, then stop (0: all; the default)",
     CALLS(opt_error_limit)},
    {"v version V", NULL, "Print version information", CALLS(opt_version)},
    {"help", NULL, "Print option help", CALLS(opt_help)},
    {"print-sysroot", NULL, "Print the sysroot (nothing if none) and exit", ON(print_sysroot)},
    /* Accepted with no effect on what rivet writes */
    {"O", "LEVEL", "Accepted (GNU ld's -O only tunes hash table sizes)", NO_EFFECT},
    {"g", NULL, "Ignored, as in GNU ld", NO_EFFECT},
    {"flto", "[=ARG]", "Ignored for GCC LTO option compatibility, as in GNU ld", NO_EFFECT},
    {"flto-partition", "[=ARG]", "Ignored for GCC LTO option compatibility, as in GNU ld",
     NO_EFFECT},
    {"fuse-ld", "[=LINKER]", "Ignored for GCC linker option compatibility, as in GNU ld",
     NO_EFFECT},
    {"Qy", NULL, "Ignored for SVR4 compatibility, as in GNU ld", NO_EFFECT},
    {"qmagic", NULL, "Ignored for Linux compatibility, as in GNU ld", NO_EFFECT},
    {"assert", "KEYWORD", "Ignored for SunOS compatibility, as in GNU ld", NO_EFFECT},
    {"map-whole-files", NULL, "Ignored (a memory tuning of gold), as in GNU ld", NO_EFFECT},
    {"EL", NULL, "Link little-endian objects (x86-64 is little-endian)", NO_EFFECT},
    {"EB", NULL, "Big-endian output: none on x86-64, so a warning and little-endian (GNU ld)",
     CALLS(opt_big_endian)},
    {"G gpsize", "SIZE", "Accepted (a small-data size: no effect on x86-64, as in GNU ld)",
     NO_EFFECT},
    {"warn-multiple-gp", NULL, "Accepted (x86-64 has no global pointer)", NO_EFFECT},
    {"warn-constructors", NULL, "Accepted (GNU ld cannot see constructors in ELF either)",
     NO_EFFECT},
    {"force-exe-suffix", NULL, "Accepted (a PE option: no effect on ELF, as in GNU ld)", NO_EFFECT},
    {"hash-size", "NUMBER", "Accepted (GNU ld's internal hash tables: not in the output)",
     NO_EFFECT},
    {"max-cache-size", "SIZE", "Accepted (GNU ld's file cache: not in the output)", NO_EFFECT},
    {"no-warn-search-mismatch", NULL,
     "Accepted (rivet does not skip incompatible libraries with a warning)", NO_EFFECT},
    {"accept-unknown-input-arch", NULL, "Accepted (every ELF input names its machine)", NO_EFFECT},
    {"no-accept-unknown-input-arch", NULL, "Accepted (every ELF input names its machine)",
     NO_EFFECT},
    {"warn-alternate-em", NULL, "Accepted (inputs of another machine code are refused)", NO_EFFECT},
    {"no-define-common", NULL,
     "Leave common symbols undefined in a shared object (the executable defines them)",
     ON(no_define_common)},
    {"d dc dp", NULL,
     "Define common symbols, also in relocatable output (a final link always does)",
     ON(define_common)},
    {"force-group-allocation", NULL, "Place group members as other sections (a final link does)",
     NO_EFFECT},
    {"enable-non-contiguous-regions", NULL, "Accepted (no MEMORY regions without SECTIONS)",
     NO_EFFECT},
    {"enable-non-contiguous-regions-warnings", NULL,
     "Accepted (no MEMORY regions without SECTIONS)", NO_EFFECT},
    {"warn-section-align", NULL,
     "Accepted (sections get no fixed addresses that alignment could move)", NO_EFFECT},
    {"nostdlib", NULL, "Accepted: rivet searches only the directories given with -L", NO_EFFECT},
    {"warn-common", NULL, "Warn when a common symbol meets another or a definition",
     ON(warn_common)},
    {"no-warn-common", NULL, "Do not warn about common symbols (default)", OFF(warn_common)},
    {"no-warn-mismatch", NULL, "Accepted (x86-64 objects carry no flags to mismatch)", NO_EFFECT},
    {"warn-once", NULL, "Accepted (rivet reports each undefined symbol once)", NO_EFFECT},
    {"warn-shared-textrel", NULL, "Accepted (rivet always warns about DT_TEXTREL)", NO_EFFECT},
    {"color-diagnostics", "[=WHEN]", "Accepted (rivet's messages are plain text)", NO_EFFECT},
    {"no-color-diagnostics", NULL, "Plain-text messages (rivet's only kind)", NO_EFFECT},
    {"demangle", "[=STYLE]", "Demangle C++ names in messages (default)", ON(demangle)},
    {"no-demangle", NULL, "Print C++ names in messages as the objects spell them", OFF(demangle)},
    {"no-keep-memory", NULL, "Accepted (a memory tuning of GNU ld)", NO_EFFECT},
    {"reduce-memory-overheads", NULL, "Accepted (a memory tuning of GNU ld)", NO_EFFECT},
    {"no-map-whole-files", NULL, "Accepted (a memory tuning of gold)", NO_EFFECT},
    {"stats", NULL, "Print the link's time and peak memory", ON(stats)},
    {"warn-rwx-segments", NULL, "Warn when an executable has an RWX LOAD segment (default)",
     OFF(no_warn_rwx_segments)},
    {"no-warn-rwx-segments", NULL, "Do not warn about RWX LOAD segments", ON(no_warn_rwx_segments)},
    {"warn-execstack", NULL, "Warn when an executable needs an executable stack (default)",
     OFF(no_warn_execstack)},
    {"no-warn-execstack", NULL, "Do not warn about an executable stack", ON(no_warn_execstack)},
    {"check-sections", NULL, "Refuse sections placed over others (default)",
     OFF(no_check_sections)},
    {"no-check-sections", NULL,
     "Write sections that --section-start places over others (GNU ld: no overlap check)",
     ON(no_check_sections)},
    {"ld-generated-unwind-info", NULL, "Unwind information (.eh_frame) for the PLT (default)",
     OFF(no_ld_generated_unwind_info)},
    {"no-ld-generated-unwind-info", NULL, "No unwind information for the PLT",
     ON(no_ld_generated_unwind_info)},
    {"plugin", "PLUGIN", "Accepted: objects with only LTO bytecode are refused", NO_EFFECT},
    {"plugin-opt", "ARG", "Accepted with -plugin", NO_EFFECT},
    {"rpath-link", "PATH", "Where to find the libraries other libraries need (first)",
     LIST(rpath_links)},
    {"gdb-index", NULL, "Write a .gdb_index section for gdb (lld, mold)", ON(gdb_index)},
    {"no-gdb-index", NULL, "Write no .gdb_index section (default)", OFF(gdb_index)},

    {"q emit-relocs", NULL, "Keep the inputs' relocations in the output, at final addresses",
     ON(emit_relocs)},
    {"r i relocatable", NULL, "Write relocatable output (an object for a later link)",
     ON(relocatable)},
    /* GNU ld's ELF script for -Ur differs from -r's by SORT(CONSTRUCTORS) only, which
     * gathers a.out constructor sets: in ELF the two are the same. */
    {"Ur", NULL, "Write relocatable output, as -r (C++ constructors are ELF sections)",
     ON(relocatable)},
    {"rosegment", NULL, "Read-only data in a segment of its own (default)", ON(z_separate_code)},
    {"no-rosegment", NULL, "Read-only data in the code segment (as -z noseparate-code)",
     OFF(z_separate_code)},
    {"N omagic", NULL, "One RWX segment, no page alignment, writable .text; no shared libraries",
     CALLS(opt_omagic)},
    {"n nmagic", NULL, "One RWX segment, no page alignment; no shared libraries",
     CALLS(opt_nmagic)},
    {"no-omagic", NULL, "Page-aligned segments, read-only text (undoes -N and -n; the default)",
     ENUM(magic, MAGIC_DEMAND_PAGED)},
    {"icf", "TYPE", "Fold identical sections: all, safe or none (the default)", CALLS(opt_icf)},
    {"no-icf", NULL, "Fold no identical sections (default)", ENUM(icf, ICF_NONE)},
    {"print-icf-sections", NULL, "List the sections --icf folds", ON(print_icf_sections)},
    {"ignore-data-address-equality", NULL,
     "Data may lose its unique address: --icf=all folds it, protected data may be copied",
     ON(ignore_data_address_equality)},
    {"no-print-icf-sections", NULL, "Do not list folded sections (default)",
     OFF(print_icf_sections)},
    {"apply-dynamic-relocs", NULL,
     "Write link-time values at dynamic relocations' places (default)",
     OFF(no_apply_dynamic_relocs)},
    {"no-apply-dynamic-relocs", NULL, "Leave zero at places that .rela.dyn relocates",
     ON(no_apply_dynamic_relocs)},
    {"thinlto-cache-dir", "DIR", "Accepted (LTO is not run)", NO_EFFECT},
    {"lto-O", "LEVEL", "Accepted (LTO is not run)", NO_EFFECT},
    {"relax", NULL, "Rewrite GOT loads of local symbols to direct ones (default)",
     CALLS(opt_relax)},
    {"no-relax", NULL, "Keep every GOT load (no GOTPCRELX rewriting)", ON(no_relax)},
    {"dependency-file", "FILE", "Write a make rule: the output depends on every input read",
     STRING(dependency_file)},
    {"retain-symbols-file", "FILE", "Write only the symbols FILE lists (one a line) to .symtab",
     STRING(retain_symbols_file)},
    {"orphan-handling", "MODE",
     "Orphan sections (not named by GNU ld's default script): place (default), warn, error, "
     "discard",
     CALLS(opt_orphan_handling)},
    /* Known and refused by name: GNU ld has them, rivet does not do them yet. */
    {"detect-odr-violations", NULL, "ODR violations are not looked for", NOT_SUPPORTED},

    {"c mri-script", "FILE",
     "Read an MRI-compatible script: LOAD, NAME, PUBLIC, FORMAT, LIST, CHIP, END",
     CALLS(opt_mri_script)},
    {"out-implib", "FILE",
     "Write an import library: the output's headers and its global definitions as absolute "
     "symbols (GNU ld's ELF one)",
     STRING(out_implib)},
    {"embedded-relocs", NULL,
     "Accepted (embedded relocations are a MIPS/m68k feature: GNU ld's x86-64 output is "
     "unchanged)",
     NO_EFFECT},
    /* GNU ld's task linking is -r with VxWorks' symbol rules; for ELF x86-64 its output
     * is -r's, SYMBOL unused. */
    {"task-link", "SYMBOL", "Write relocatable output, as -r (task linking: VxWorks only)",
     CALLS(opt_task_link)},
    {"split-by-file", "[=SIZE]",
     "With -r: a new output section (NAME.N) where SIZE bytes are reached (refused for a "
     "final link, whose split sections GNU ld leaves outside its segments)",
     CALLS(opt_split_by_file)},
    {"split-by-reloc", "[=COUNT]",
     "Accepted for a final link (GNU ld's is unchanged); refused with -r, whose sections it "
     "would split",
     ON(split_by_reloc)},
    {"strip-discarded", NULL, "Write no symbol of a discarded section (the default)", NO_EFFECT},
    {"no-strip-discarded", NULL,
     "Accepted (GNU ld writes no symbol of a discarded COMDAT copy either way; only /DISCARD/ "
     "scripts differ)",
     NO_EFFECT},
    {"ctf-variables", NULL, "CTF sections are not deduplicated", NOT_SUPPORTED},
    {"no-ctf-variables", NULL, "CTF sections are not deduplicated", NOT_SUPPORTED},
    {"ctf-share-types", "METHOD", "CTF sections are not deduplicated", NOT_SUPPORTED},
};

/* ---- Matching words against the table ---- */

/* The value of option name NAME in WORD, for a word spelled with one or two dashes:
 * "" for a flag given alone, the text after '=', or NULL when WORD is not this name. */
static const char *long_match(const char *word, const char *name, size_t len) {
  const char *p = word + 1 + (word[1] == '-');
  if (strncmp(p, name, len))
    return NULL;
  return p[len] == 0 ? p + len : p[len] == '=' ? p + len + 1 : NULL;
}

typedef struct Match {
  const OptionDef *def;
  const char *value; /* NULL: none yet (a flag, or the value is the next word) */
  bool value_follows;
} Match;

/* Long spellings are tried first, so "-shared" is not "-s hared" (GNU ld's
 * getopt_long_only does the same). */
static Match match_word(const char *w, const OptionDef *defs, i64 ndefs) {
  for (int pass = 0; pass < 2; pass++) {
    for (i64 i = 0; i < ndefs; i++) {
      const OptionDef *d = &defs[i];
      bool optional = d->arg && d->arg[0] == '[';
      for (const char *n = d->names; *n;) {
        size_t len = strcspn(n, " ");
        if (pass == 0 && len > 1) {
          const char *rest = long_match(w, n, len);
          if (rest && (!*rest || d->arg) && !(w[1] != '-' && len == 1)) {
            bool joined = rest > w && rest[-1] == '=';
            if (!d->arg)
              return (Match){d, NULL, false};
            if (joined)
              return (Match){d, rest, false};
            return (Match){d, NULL, !optional};
          }
        }
        if (pass == 1 && len == 1 && w[1] == n[0] && w[1] != '-') {
          if (!d->arg && !w[2])
            return (Match){d, NULL, false};
          if (d->arg)
            return w[2] ? (Match){d, w + 2, false} : (Match){d, NULL, !optional};
        }
        n += len;
        n += *n == ' ';
      }
    }
  }
  return (Match){0};
}

/* ---- An unknown option's nearest known spelling ---- */

/* Edit distance (insertions, deletions, substitutions), capped: names are short. */
static size_t edit_distance(const char *a, size_t la, const char *b, size_t lb) {
  enum { MAX_NAME = 64 };
  if (la >= MAX_NAME || lb >= MAX_NAME)
    return MAX_NAME;
  size_t row[MAX_NAME + 1];
  for (size_t j = 0; j <= lb; j++)
    row[j] = j;
  for (size_t i = 1; i <= la; i++) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      size_t up = row[j];
      size_t best = MIN(row[j] + 1, row[j - 1] + 1);
      row[j] = MIN(best, diag + (a[i - 1] != b[j - 1]));
      diag = up;
    }
  }
  return row[lb];
}

/* The known long name closest to WORD (without its dashes and "=value"), if it is
 * close enough to be a typo: at most 2 edits, and fewer than a third of the name. */
static const char *nearest_option(const char *word) {
  const char *w = word + 1 + (word[1] == '-');
  size_t wl = strcspn(w, "=");
  static char best[64]; /* the command line is parsed on one thread */
  size_t best_d = 3;
  for (i64 i = 0; i < ARRAY_SIZE(options); i++) {
    if (options[i].action == REFUSED)
      continue;
    for (const char *n = options[i].names; *n;) {
      size_t len = strcspn(n, " ");
      size_t d = len > 1 ? edit_distance(w, wl, n, len) : SIZE_MAX;
      if (d < best_d && d * 3 < len && len < sizeof best) {
        best_d = d;
        memcpy(best, n, len);
        best[len] = 0;
      }
      n += len;
      n += *n == ' ';
    }
  }
  return best_d < 3 ? best : NULL;
}

/* ---- --help ---- */

static void print_option_line(const char *spelling, const char *help) {
  if (strlen(spelling) <= 27)
    printf("  %-28s%s\n", spelling, help);
  else
    printf("  %s\n  %-28s%s\n", spelling, "", help);
}

static void print_z_keywords(void) {
  for (i64 i = 0; i < ARRAY_SIZE(z_keywords); i++) {
    if (z_keywords[i].action == REFUSED)
      continue;
    char line[256];
    snprintf(line, sizeof line, "-z %s%s%s", z_keywords[i].names, z_keywords[i].arg ? "=" : "",
             z_keywords[i].arg ? z_keywords[i].arg : "");
    print_option_line(line, z_keywords[i].help);
  }
}

/* GNU ld prints its emulations' own options (the -z keywords among them). */
static void print_target_help(void) {
  printf("ld.rivet: elf_x86_64:\n");
  print_z_keywords();
}

/* GNU ld's shape, one option a line: "  -o FILE, --output FILE   Set output file name",
 * then the -z keywords and the supported targets and emulations, which libtool and
 * configure scripts read. */
static void print_help(void) {
  printf("Usage: ld.rivet [options] file...\nOptions:\n");
  for (i64 i = 0; i < ARRAY_SIZE(options); i++) {
    const OptionDef *d = &options[i];
    if (d->action == REFUSED)
      continue;
    char line[256] = "";
    for (const char *n = d->names; *n;) {
      size_t len = strcspn(n, " "), used = strlen(line);
      bool optional = d->arg && d->arg[0] == '[';
      snprintf(line + used, sizeof line - used, "%s%s%.*s%s%s", used ? ", " : "",
               len == 1 ? "-" : "--", (int)len, n, d->arg && !optional ? " " : "",
               d->arg ? d->arg : "");
      n += len;
      n += *n == ' ';
    }
    print_option_line(line, d->help);
  }
  print_z_keywords();
  printf("  @FILE                       Read options from FILE\n");
  printf("ld.rivet: supported targets: elf64-x86-64\n");
  printf("ld.rivet: supported emulations: elf_x86_64\n");
}

/* GNU ld: --export-dynamic-symbol(-list) names join the dynamic list in
 * an executable, and in a shared object under -Bsymbolic or another dynamic list; a
 * dynamic list then replaces -Bsymbolic and its variants (no DF_SYMBOLIC): only the
 * names it lists stay preemptible. */
static void combine_dynamic_list_options(Options *o) {
  bool dynamic_list = o->dynamic_lists.len || o->dynamic_list_data || o->dynamic_list_cpp_new ||
                      o->dynamic_list_cpp_typeinfo;
  bool exports = o->export_dynamic_symbols.len || o->export_dynamic_symbol_lists.len;
  if (exports && (o->kind != OUT_SHARED || o->bsymbolic != BSYMBOLIC_NONE || dynamic_list)) {
    o->exports_in_dynamic_list = true;
    dynamic_list = true;
  }
  if (dynamic_list && o->kind == OUT_SHARED)
    o->bsymbolic = BSYMBOLIC_NONE;
}

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

  for (i64 i = 0; i < words.len; i++) {
    const char *w = words.data[i];
    if (w[0] != '-' || w[1] == 0) {
      add_input(ctx, ARG_FILE, w);
      continue;
    }
    Match m = match_word(w, options, ARRAY_SIZE(options));
    if (!m.def) {
      const char *near = nearest_option(w);
      if (near)
        error(ctx, "unknown option: %s (did you mean %s%s?)", w, strlen(near) > 1 ? "--" : "-",
              near);
      else
        error(ctx, "unknown option: %s", w);
      continue;
    }
    if (m.value_follows) {
      if (i + 1 >= words.len) {
        error(ctx, "option %s requires an argument", w);
        break;
      }
      m.value = words.data[++i];
    }
    apply_option(ctx, m.def, m.value, w);
  }
  ctx->args = ARENA_ARRAY(&ctx->arena, const char *, MAX(words.len, 1));
  if (words.len)
    memcpy(ctx->args, words.data, (size_t)words.len * sizeof(char *));
  ctx->nargs = words.len;
  free(words.data);

  if (checkpoint(ctx))
    return RV_ARGS_ERROR;
  if (o->print_sysroot) {
    if (o->sysroot && *o->sysroot) /* GNU ld prints nothing at all without one */
      printf("%s\n", o->sysroot);
    return RV_ARGS_DONE;
  }
  if (o->exit_after_args || (o->info_only && o->inputs.len == 0))
    return RV_ARGS_DONE;
  /* GNU ld: filters are shared objects standing for others; a common left undefined
   * is for the executable to define. */
  if ((o->filter || o->auxiliaries.len || o->no_define_common) && o->kind != OUT_SHARED) {
    error(ctx, "%s may not be used without -shared",
          o->filter            ? "-F"
          : o->auxiliaries.len ? "-f"
                               : "--no-define-common");
    checkpoint(ctx);
    return RV_ARGS_ERROR;
  }
  /* GNU ld's split sections of a final link fall outside its segments: -r only. */
  if (o->split_by_file && !o->relocatable) {
    error(ctx, "--split-by-file: split sections in a final link are not supported (only with -r)");
    checkpoint(ctx);
    return RV_ARGS_ERROR;
  }
  for (i64 i = 0; i < o->default_lib_paths.len; i++)
    vec_push(&o->lib_paths, o->default_lib_paths.data[i]);
  for (i64 i = 0; i < o->lib_paths.len; i++)
    o->lib_paths.data[i] = sysroot_path(ctx, o->lib_paths.data[i]);
  /* GNU ld: without -rpath, LD_RUN_PATH gives the run path. */
  const char *run_path = getenv("LD_RUN_PATH");
  if (!o->rpath && run_path && *run_path)
    o->rpath = run_path;
  /* GNU ld: a common page size given alone larger than the maximum raises the
   * maximum; both given, that is an error; neither, the ABI's. */
  if (o->common_page_size && o->max_page_size && o->common_page_size > o->max_page_size) {
    error(ctx, "common page size (0x%llx) > maximum page size (0x%llx)",
          (unsigned long long)o->common_page_size, (unsigned long long)o->max_page_size);
    checkpoint(ctx);
    return RV_ARGS_ERROR;
  }
  if (!o->max_page_size)
    o->max_page_size = MAX(ctx->arch->max_page_size, o->common_page_size);
  if (!o->common_page_size)
    o->common_page_size = MIN(ctx->arch->common_page_size, o->max_page_size);
  if (!o->dynamic_linker && !o->no_dynamic_linker)
    o->dynamic_linker = "/lib64/ld-linux-x86-64.so.2";
  if (o->no_dynamic_linker)
    o->dynamic_linker = NULL;
  /* GNU ld: an executable without a loader has nobody to resolve them at run time. */
  if (o->no_dynamic_linker && o->kind != OUT_SHARED) {
    if (o->dynamic_undefined_weak_given)
      warn(ctx, "-z dynamic-undefined-weak ignored");
    o->dynamic_undefined_weak = false;
  }
  if (!o->image_base)
    o->image_base = o->kind == OUT_EXEC ? ctx->arch->image_base : 0;
  /* The first segment starts at file offset 0: its address must be a multiple of its
   * alignment (gABI), so GNU ld rounds it down, with a warning; unpaged (-n, -N)
   * segments are aligned to their sections only. */
  if (o->image_base % o->max_page_size && o->magic == MAGIC_DEMAND_PAGED) {
    if (o->image_base_gnu)
      warn(ctx, "address of `text-segment' isn't multiple of maximum page size");
    else
      warn(ctx, "--image-base: address isn't multiple of page size: 0x%lx",
           (unsigned long)o->image_base);
    o->image_base &= ~(o->max_page_size - 1);
  }
  combine_dynamic_list_options(o);
  /* GNU ld --noinhibit-exec: undefined and duplicate symbols are reported and the link
   * goes on (the first definition wins); other errors still stop it. */
  if (o->noinhibit_exec)
    o->warn_unresolved_symbols = true;
  if (o->inputs.len == 0) {
    fprintf(stderr, "ld.rivet: error: no input files\n");
    return RV_ARGS_ERROR;
  }
  return RV_ARGS_LINK;
}

/* ---- --reproduce: the command line again, naming the copies in the tar ---- */

static bool is_output_option(const OptionDef *d) {
  static const char *const outputs[] = {
      "o output",        "Map",       "dependency-file",     "why-extract", "time-trace",
      "time-trace-file", "reproduce", "separate-debug-file", "out-implib"};
  for (size_t i = 0; i < ARRAY_SIZE(outputs); i++)
    if (!strcmp(d->names, outputs[i]))
      return true;
  return false;
}

/* Which values name files the link reads: FILE and DIRECTORY arguments, -Y's and
 * -rpath-link's PATH lists (-rpath's PATH is a string for the loader), and -R's
 * value when it is a file (GNU ld: --just-symbols). */
static bool reads_path(const OptionDef *d, const char *word, const char *value) {
  if (!d->arg || is_output_option(d))
    return false;
  if (!strcmp(d->names, "rpath R")) {
    struct stat st;
    return word[1] == 'R' && stat(value, &st) == 0 && !S_ISDIR(st.st_mode);
  }
  return !strcmp(d->arg, "FILE") || !strcmp(d->arg, "DIRECTORY") || !strcmp(d->names, "Y") ||
         !strcmp(d->names, "rpath-link");
}

static void put_quoted(Ctx *ctx, CharVec *out, const char *word) {
  (void)ctx;
  vec_push(out, '"');
  for (const char *p = word; *p; p++) {
    if (*p == '"' || *p == '\\')
      vec_push(out, '\\');
    vec_push(out, *p);
  }
  vec_push(out, '"');
  vec_push(out, '\n');
}

static const char *rewrite_path_list(Ctx *ctx, const char *list) {
  const char *result = "";
  for (const char *p = list; *p;) {
    size_t n = strcspn(p, ":");
    const char *one = reproduce_path(ctx, arena_strndup(&ctx->arena, p, (i64)n));
    result = *result ? arena_sprintf(&ctx->arena, "%s:%s", result, one) : one;
    p += n + (p[n] == ':');
  }
  return result;
}

const char *reproduce_response(Ctx *ctx) {
  CharVec out = {0};
  for (i64 i = 0; i < ctx->nargs; i++) {
    const char *w = ctx->args[i];
    if (w[0] != '-' || w[1] == 0) {
      put_quoted(ctx, &out, reproduce_path(ctx, w));
      continue;
    }
    Match m = match_word(w, options, ARRAY_SIZE(options));
    if (!m.def) {
      put_quoted(ctx, &out, w);
      continue;
    }
    const char *value = m.value;
    if (m.value_follows && i + 1 < ctx->nargs)
      value = ctx->args[++i];
    if (!strcmp(m.def->names, "reproduce"))
      continue;
    if (!value) {
      put_quoted(ctx, &out, w);
      continue;
    }
    if (is_output_option(m.def)) {
      const char *slash = strrchr(value, '/');
      value = slash ? slash + 1 : value;
    } else if (reads_path(m.def, w, value)) {
      value = rewrite_path_list(ctx, value);
    }
    size_t n = strcspn(w, "=");
    /* An optional value only follows '=' (--build-id=sha1, --threads=2). */
    if (m.def->arg[0] == '[') {
      put_quoted(ctx, &out, arena_sprintf(&ctx->arena, "%.*s=%s", (int)n, w, value));
      continue;
    }
    /* Otherwise written in the separate form, whatever the spelling was. */
    const char *spelling = m.value_follows ? w : arena_strndup(&ctx->arena, w, (i64)n);
    if (!m.value_follows && w[n] != '=') /* -LDIR, -lfoo: the value joined to a letter */
      spelling = arena_strndup(&ctx->arena, w, 2);
    put_quoted(ctx, &out, spelling);
    put_quoted(ctx, &out, value);
  }
  vec_push(&out, 0);
  char *text = arena_strdup(&ctx->arena, out.data);
  free(out.data);
  return text;
}
