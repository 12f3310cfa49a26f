/* rivet internal header: every type and every cross-file function of the core
 * library, one section per .c file, in pipeline order (chibicc style).
 * The pipeline itself is written once, in link.c. */
#ifndef RIVET_INTERNAL_H
#define RIVET_INTERNAL_H

#include <elf.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "rivet/rivet.h"

typedef int8_t i8;
typedef int16_t i16;
typedef int32_t i32;
typedef int64_t i64;
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;

/* ELF tables read in place. An archive member starts at an even offset only (ar
 * pads members to 2 bytes), so its headers, symbols and relocations may be
 * misaligned: these types tell the compiler so, and it loads them unaligned
 * instead of the linker copying every table. */
typedef Elf64_Ehdr __attribute__((aligned(1))) EEhdr;
typedef Elf64_Shdr __attribute__((aligned(1))) EShdr;
typedef Elf64_Sym __attribute__((aligned(1))) ESym;
typedef Elf64_Rela __attribute__((aligned(1))) ERela;
typedef u32 __attribute__((aligned(1))) u32u;

typedef struct Ctx Ctx;
typedef struct Arch Arch;
typedef struct InputFile InputFile;
typedef struct InputSection InputSection;
typedef struct Symbol Symbol;
typedef struct Chunk Chunk;
typedef struct MappedFile MappedFile;
typedef struct ComdatGroup ComdatGroup;

#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define ARRAY_SIZE(a) ((i64)(sizeof(a) / sizeof((a)[0])))

static inline u64 align_to(u64 v, u64 align) {
  return align <= 1 ? v : (v + align - 1) & ~(align - 1);
}

/* Turns n counts into where each one's run starts, the first at base (the runs laid
 * end to end, in order); returns where the last ends. */
static inline i64 counts_to_starts(i64 *v, i64 n, i64 base) {
  for (i64 i = 0; i < n; i++) {
    i64 count = v[i];
    v[i] = base;
    base += count;
  }
  return base;
}

static inline bool is_pow2(u64 v) {
  return v && !(v & (v - 1));
}

/* Bounds on what an input may ask for, checked where it is read (DESIGN.md, "What is
 * checked where"). No object can be larger than a user address space (x86-64: 2^47);
 * like lld, alignments of 4 GiB and more are refused, though the gABI allows them. */
#define MAX_INPUT_SIZE ((u64)1 << 47)
#define MAX_INPUT_ALIGN ((u64)1 << 31)

/* GNU extension (not in elf.h): a section whose memory the loader binds to the memory
 * policy numbered by sh_info, each such output section in a PT_GNU_MBIND_LO + sh_info
 * segment. */
#define SHF_GNU_MBIND 0x01000000u
#define PT_GNU_MBIND_LO (PT_LOOS + 0x474e555)
#define PT_GNU_MBIND_NUM 4096
/* GNU extension (binutils 2.37): DT_GNU_FLAGS_1, whose DF_GNU_1_UNIQUE asks the loader
 * to load the object once, in the main namespace (-z unique). */
#define DT_GNU_FLAGS_1 0x6ffffdf4
#define DF_GNU_1_UNIQUE 0x1

/* Section names that are C identifiers get __start_/__stop_ symbols (GNU ld). */
static inline bool is_c_identifier(const char *s) {
  if (!*s || (*s >= '0' && *s <= '9'))
    return false;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
          *s == '_'))
      return false;
  return true;
}

/* Both compare the first two characters inline: most calls compare section or symbol
 * names against a literal, per section or relocation, and most differ there. s[1] is
 * read only when s[0] matched a non-NUL character. */
static inline bool starts_with(const char *s, const char *prefix) {
  size_t n = strlen(prefix);
  if (n >= 2 && (s[0] != prefix[0] || s[1] != prefix[1]))
    return false;
  return strncmp(s, prefix, n) == 0;
}

static inline bool str_equal(const char *s, const char *t) {
  if (t[0] && (s[0] != t[0] || s[1] != t[1]))
    return false;
  return strcmp(s, t) == 0;
}

/* Little-endian field access at unaligned places (x86-64 is LE; memcpy keeps UBSan quiet). */
static inline u16 rd16(const u8 *p) {
  u16 v;
  memcpy(&v, p, 2);
  return v;
}
static inline u32 rd32(const u8 *p) {
  u32 v;
  memcpy(&v, p, 4);
  return v;
}
static inline u64 rd64(const u8 *p) {
  u64 v;
  memcpy(&v, p, 8);
  return v;
}
static inline void wr16(u8 *p, u16 v) {
  memcpy(p, &v, 2);
}
static inline void wr32(u8 *p, u32 v) {
  memcpy(p, &v, 4);
}
static inline void wr64(u8 *p, u64 v) {
  memcpy(p, &v, 8);
}

/* ---- arena.c: bump allocation, freed wholesale at exit ---- */
typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
  ArenaBlock *head; /* newest block */
  u8 *cur, *end;    /* free space in head */
} Arena;

void *arena_alloc(Arena *a, i64 size, i64 align); /* zero-filled */
void arena_free(Arena *a);
void advise_huge_pages(void *p, i64 size); /* MADV_HUGEPAGE on the 2 MiB-aligned interior */
/* Zero-filled memory for a table: from 2 MiB in huge pages, so that random first
 * touches cost one fault per 2 MiB; from 64 KiB made present with one call. */
void *alloc_zeroed(i64 size);
/* Faults in [p, p + size) with one system call (Linux 5.14; a no-op before): for
 * memory about to be written whole, where a fault exception per page costs more. */
void populate_for_writing(void *p, i64 size);
void populate_for_writing_in_parallel(Ctx *ctx, void *p, i64 size);
void free_zeroed(void *p, i64 size);
/* calloc whose pages are made present with one call, for arrays about to be filled
 * whole; freed with free(). */
void *calloc_present(i64 n, i64 size);
char *arena_strdup(Arena *a, const char *s);
char *arena_strndup(Arena *a, const char *s, i64 n);
char *arena_sprintf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "NAME@VERSION" (at is "@" or "@@"): made for every versioned symbol of every shared
 * object, so without printf's parsing. */
char *arena_versioned_name(Arena *a, const char *name, const char *at, const char *version);
#define ARENA_NEW(a, T) ((T *)arena_alloc((a), sizeof(T), _Alignof(T)))
#define ARENA_ARRAY(a, T, n) ((T *)arena_alloc((a), (i64)sizeof(T) * (i64)(n), _Alignof(T)))

/* Growable arrays. Storage is malloc'd (vectors are few and long-lived), never per item. */
#define VEC(T)                                                                                     \
  struct {                                                                                         \
    T *data;                                                                                       \
    i64 len, cap;                                                                                  \
  }
void vec_grow(void *data_ptr, i64 *cap, i64 need, i64 elem_size);
void vec_grow_for_parallel_fill(void *data_ptr, i64 len, i64 *cap, i64 need, i64 elem_size);
#define vec_push(v, x)                                                                             \
  do {                                                                                             \
    if ((v)->len == (v)->cap)                                                                      \
      vec_grow(&(v)->data, &(v)->cap, (v)->len + 1, sizeof(*(v)->data));                           \
    (v)->data[(v)->len++] = (x);                                                                   \
  } while (0)
typedef VEC(char) CharVec;

/* ---- link.c ---- */
double now_seconds(void); /* monotonic clock */
/* --time-report: wall time, CPU time of all threads, and wall time with two or more
 * threads busy, read before and after a pass or step. */
typedef struct PassClock {
  double wall, cpu, together;
} PassClock;
PassClock read_clock(Ctx *ctx);
void report_pass(Ctx *ctx, PassClock t0, const char *what, bool is_step);
/* --time-report: a step inside a pass, printed indented under it. */
#define TIMED_STEP(ctx, label, call)                                                               \
  do {                                                                                             \
    PassClock t0_ = (ctx)->opt.time_report ? read_clock(ctx) : (PassClock){0};                     \
    call;                                                                                          \
    if ((ctx)->opt.time_report)                                                                    \
      report_pass((ctx), t0_, label, true);                                                        \
  } while (0)

/* ---- error.c: diagnostics. error() collects, checkpoint() reports. ---- */
void error(Ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void warn(Ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void message(Ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void inform(Ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
_Noreturn void fatal(Ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool checkpoint(Ctx *ctx); /* true when errors were reported: stop the link */
void run_error_handling_script(Ctx *ctx, const char *kind, const char *what);
/* Errors and warnings a thread raises between hold_messages(list) and
 * hold_messages(NULL) are kept in list instead; release_messages raises them later,
 * where and in the order they belong (an archive member read before it is known to
 * be extracted says nothing unless it is). */
/* --time-trace: one pass, by the call that ran it. */
typedef struct TraceEvent {
  const char *name;
  double start, seconds;
} TraceEvent;

typedef struct HeldMessage {
  char *msg;
  bool is_error;
} HeldMessage;
typedef VEC(HeldMessage) HeldMessages;
void hold_messages(HeldMessages *list);
void release_messages(Ctx *ctx, HeldMessages *list);
void drop_messages(HeldMessages *list);

/* ---- mapped-file.c: read-only mappings of inputs ---- */
struct MappedFile {
  const char *path; /* as found on disk */
  const u8 *data;   /* mmap'd, or into the parent's mapping for archive members */
  i64 size;
  MappedFile *parent; /* archive holding this member, or NULL */
  u64 dev, ino;       /* of the mapped file (0 for members): to reopen the same file */
};
MappedFile *map_file(Ctx *ctx, const char *path); /* NULL if it cannot be opened */
/* The path of item i to map, or NULL (called on any thread). */
typedef const char *PremapPathFn(Ctx *ctx, i64 i, void *arg);
void premap_files(Ctx *ctx, i64 n, PremapPathFn *path_of, void *arg, MappedFile **out);
MappedFile *map_file_or_error(Ctx *ctx, const char *path);
MappedFile *map_script_file(Ctx *ctx, const char *path);
const char *sysroot_path(Ctx *ctx, const char *path);
bool input_file_exists(Ctx *ctx, const char *path);
int open_input_file(Ctx *ctx, const char *path); /* read-only, under --chroot; -1 if not */
void populate_mapping(const MappedFile *mf);
void populate_for_reading(const void *p, i64 size); /* the same for part of a mapping */

/* ---- options.c: the GNU ld command line ---- */
typedef enum {
  ARG_FILE,        /* a path as given */
  ARG_SCRIPT_FILE, /* a path named by a linker script: also searched in -L dirs */
  ARG_LIBRARY,     /* -lNAME or -l:FILE */
  ARG_GROUP_START,
  ARG_GROUP_END,
  ARG_WHOLE_ARCHIVE,
  ARG_NO_WHOLE_ARCHIVE,
  ARG_BSTATIC,
  ARG_BDYNAMIC,
  ARG_AS_NEEDED,
  ARG_NO_AS_NEEDED,
  ARG_COPY_DT_NEEDED, /* --copy-dt-needed-entries: the next libraries' DT_NEEDED join the link */
  ARG_NO_COPY_DT_NEEDED,
  ARG_PUSH_STATE,
  ARG_POP_STATE,
  ARG_START_LIB, /* --start-lib: the objects up to --end-lib are read as archive members */
  ARG_END_LIB,
  ARG_JUST_SYMBOLS, /* --just-symbols FILE (or -R FILE): its symbols only, as absolutes */
} InputArgKind;

typedef enum { ORPHAN_PLACE, ORPHAN_WARN, ORPHAN_ERROR, ORPHAN_DISCARD } OrphanHandling;

typedef struct InputArg {
  InputArgKind kind;
  const char *str;
} InputArg;

typedef enum {
  BUILD_ID_NONE,
  BUILD_ID_FAST,
  BUILD_ID_SHA1,
  BUILD_ID_SHA256,
  BUILD_ID_MD5,
  BUILD_ID_UUID,
  BUILD_ID_HEX
} BuildIdKind;
typedef enum { OUT_EXEC, OUT_PIE, OUT_SHARED } OutputKind;

/* How the loadable sections are laid out, by the names of the old a.out formats that
 * GNU ld's -n and -N still carry. */
typedef enum {
  MAGIC_DEMAND_PAGED, /* default, --no-omagic: one page-aligned PT_LOAD per permission */
  MAGIC_NMAGIC,       /* -n: one RWX PT_LOAD, sections packed without page alignment */
  MAGIC_OMAGIC,       /* -N: as -n, and the output section .text is writable */
} OutputMagic;

typedef enum {
  BSYMBOLIC_NONE,
  BSYMBOLIC_ALL,                /* -Bsymbolic */
  BSYMBOLIC_FUNCTIONS,          /* -Bsymbolic-functions */
  BSYMBOLIC_NON_WEAK_FUNCTIONS, /* -Bsymbolic-non-weak-functions */
  BSYMBOLIC_NON_WEAK,           /* -Bsymbolic-non-weak */
} Bsymbolic;

/* --shuffle-sections: which input sections (NULL: all), and the seed. */
typedef struct ShuffleRule {
  const char *glob;
  u64 seed;
  bool reverse; /* seed -1 */
} ShuffleRule;

/* --section-start NAME=ADDRESS (and -Ttext, -Tdata, -Tbss). */
typedef struct SectionStart {
  const char *name;
  u64 addr;
} SectionStart;

/* Which local symbols of the inputs reach .symtab. GNU ld's default drops the
 * assembler's temporaries (".L*") that point into SHF_MERGE sections only. */
typedef enum DiscardLocals {
  DISCARD_MERGE_TEMPORARIES, /* default */
  DISCARD_TEMPORARIES,       /* -X: every ".L*" */
  DISCARD_ALL_LOCALS,        /* -x */
  DISCARD_NONE,              /* --discard-none */
} DiscardLocals;

/* --compress-debug-sections=TYPE (compress-output.c); zlib and zlib-gabi are one. */
typedef enum {
  DEBUG_COMPRESS_NONE,
  DEBUG_COMPRESS_ZLIB,     /* SHF_COMPRESSED, ELFCOMPRESS_ZLIB */
  DEBUG_COMPRESS_ZSTD,     /* SHF_COMPRESSED, ELFCOMPRESS_ZSTD */
  DEBUG_COMPRESS_ZLIB_GNU, /* .zdebug_* sections, "ZLIB" and a big-endian size */
} DebugCompression;

typedef struct Options {
  const char *output; /* -o; "a.out" by default */
  const char *entry;  /* -e; "_start" by default */
  bool entry_given;
  OutputKind kind;   /* -shared / -pie / default executable */
  bool relocatable;  /* -r: an object for a later link (relocatable.c) */
  bool define_common; /* -d, -dc, -dp: commons get .bss space in relocatable output too */
  bool emit_relocs;   /* -q: the inputs' relocations also in the output (relocatable.c) */
  bool z_common;      /* -z common: -r writes commons as STT_COMMON, else STT_OBJECT */
  bool split_by_reloc; /* --split-by-reloc: nothing to split in a final link; refused with -r */
  u64 split_by_file;   /* --split-by-file: -r output sections split at this size; 0: off */
  const char *out_implib; /* --out-implib: the import library to write (implib.c) */
  bool no_check_sections; /* --no-check-sections: sections may overlap in memory */
  bool is_static;    /* -static / -Bstatic seen before any input: no dynamic sections */
  OutputMagic magic; /* -n, -N, --no-omagic */
  bool eh_frame_hdr; /* --eh-frame-hdr */
  BuildIdKind build_id;
  const u8 *build_id_hex; /* --build-id=0xHEX bytes */
  i64 build_id_hex_len;
  bool hash_gnu, hash_sysv; /* --hash-style */
  bool z_relro, z_now, z_separate_code, z_execstack, z_text;
  bool z_execstack_set; /* -z execstack/noexecstack given explicitly */
  u64 max_page_size;    /* -z max-page-size */
  u64 common_page_size; /* -z common-page-size: RELRO padding, SHF_GNU_MBIND alignment */
  u64 z_stack_size;     /* -z stack-size: PT_GNU_STACK's p_memsz */
  bool z_ibtplt, z_ibt, z_shstk; /* -z ibtplt, -z ibt, -z shstk */
  bool z_rewrite_endbr;          /* -z rewrite-endbr: landing pads only where needed */
  const char *separate_debug_file; /* --separate-debug-file: NULL off, "" OUTPUT.dbg */
  bool z_unique_symbol;          /* -z unique-symbol: ".N" after every local name */
  u8 start_stop_visibility; /* -z start-stop-visibility (STV_*; GNU ld's default protected) */
  u64 image_base;       /* -Ttext-segment / --image-base */
  bool image_base_gnu;  /* given as -Ttext-segment (GNU ld's words in messages) */
  bool gc_sections;
  bool strip_all, strip_debug; /* -s, -S */
  bool gdb_index;              /* --gdb-index: write .gdb_index (gdb-index.c) */
  bool export_dynamic;         /* -E */
  bool fatal_warnings;
  bool verbose;
  bool allow_multiple_definition;
  bool disable_multiple_abs_defs; /* a --just-symbols definition meeting another is an error */
  bool print_gc_sections;
  bool error_rwx_segments; /* --error-rwx-segments (warning otherwise off) */
  bool error_execstack;
  i64 threads;             /* --threads=N; 0 = number of cores */
  const char *map_file;    /* -Map */
  const char *why_extract; /* --why-extract (path or "-") */
  const char *sysroot;
  const char *chroot;         /* --chroot: absolute input paths are read under it */
  const char *dynamic_linker; /* .interp contents */
  bool no_dynamic_linker;     /* --no-dynamic-linker (static PIE) */
  const char *rpath;          /* -rpath entries joined with ':' */
  VEC(const char *) rpath_links; /* -rpath-link, in order (each may be a ':' list) */
  bool disable_new_dtags;     /* DT_RPATH instead of DT_RUNPATH */
  bool z_nocopyreloc;         /* -z nocopyreloc: a needed COPY is an error */
  bool allow_shlib_undefined; /* --allow-shlib-undefined (default for -shared only) */
  bool allow_shlib_undefined_set;
  VEC(const char *) export_dynamic_symbols; /* --export-dynamic-symbol globs */
  VEC(const char *) dynamic_lists;          /* --dynamic-list files */
  VEC(const char *) wraps;                  /* --wrap symbols */
  VEC(const char *) export_dynamic_symbol_lists; /* --export-dynamic-symbol-list files */
  bool dynamic_list_data;        /* --dynamic-list-data: every STT_OBJECT is listed */
  bool dynamic_list_cpp_new;     /* --dynamic-list-cpp-new: operator new/delete */
  bool dynamic_list_cpp_typeinfo; /* --dynamic-list-cpp-typeinfo: typeinfo objects */
  const char *package_metadata;             /* --package-metadata JSON */
  const char *soname;                       /* -soname / -h */
  const char *init_symbol, *fini_symbol;    /* -init / -fini (default _init/_fini) */
  const char *exclude_libs;                 /* --exclude-libs list */
  Bsymbolic bsymbolic;
  bool exports_in_dynamic_list; /* --export-dynamic-symbol(-list) names join the dynamic list */
  bool z_defs;               /* -z defs / --no-undefined */
  bool sort_common;          /* --sort-common: commons by alignment, largest first */
  bool pack_relative_relocs; /* -z pack-relative-relocs, --pack-dyn-relocs=relr */
  bool z_origin, z_nodelete, z_nodlopen, z_initfirst, z_interpose;
  bool dynamic_undefined_weak;       /* -z [no]dynamic-undefined-weak: default on */
  bool nodynamic_undefined_weak;     /* given explicitly: -shared's weak undefined are 0 too */
  bool dynamic_undefined_weak_given; /* -z dynamic-undefined-weak given explicitly */
  bool no_undefined_version;         /* --no-undefined-version */
  VEC(const char *) version_scripts; /* --version-script files */
  const char *version_exports_section; /* its names are exported in this version */
  VEC(const char *) explain_symbols; /* --explain-symbol globs */
  VEC(const char *) trace_symbols;   /* -y / --trace-symbol */
  VEC(const char *) lib_paths;       /* -L, in order */
  VEC(const char *) default_lib_paths; /* -Y: searched after every -L */
  VEC(InputArg) inputs;              /* inputs and position-dependent flags, in order */
  VEC(const char *) defsyms;         /* --defsym name=value (absolute values only) */
  VEC(const char *) undefined;       /* -u NAME */
  VEC(const char *) undefined_globs; /* --undefined-glob PATTERN (lld) */
  VEC(ShuffleRule) shuffles;         /* --shuffle-sections */
  const char *reproduce;             /* --reproduce: the tar to write */
  bool time_report;
  bool fork; /* --fork (default): link in a child; the parent exits when the output is in place */
  bool info_only;       /* --help, --version, -v: nothing to link without inputs */
  bool exit_after_args; /* --help, --version: stop after the command line */
  bool z_report_relative_reloc; /* list RELATIVE relocations on stderr */
  bool print_dependencies;      /* mold's section-to-definer list */
  bool zero_to_bss;             /* all-zero .data inputs go to .bss */
  bool no_define_common;        /* -shared: commons stay undefined */
  OrphanHandling orphan_handling; /* --orphan-handling */
  bool unique_orphans;          /* --unique: each orphan section alone */
  VEC(const char *) unique_sections; /* --unique=GLOB */
  const char *error_handling_script; /* run before undefined/missing-lib errors */
  bool cref;                    /* --cref: the cross-reference table */
  bool no_apply_dynamic_relocs; /* zero at .rela.dyn places (lld) */
  bool print_sysroot;   /* --print-sysroot: print it and stop */
  /* .symtab: which local symbols of the inputs are written (-x, -X, --discard-none) */
  DiscardLocals discard;
  /* Dynamic tags naming other objects: --audit and --depaudit lists joined by ':' (GNU
   * ld), -f (each its own DT_AUXILIARY), -F (the last one: DT_FILTER) */
  const char *audit, *depaudit, *filter;
  VEC(const char *) auxiliaries;
  bool z_globalaudit, z_loadfltr, z_nodefaultlib, z_nodump, z_unique, bgroup;
  /* Undefined symbols (GNU ld's --unresolved-symbols and its relatives) */
  bool ignore_undefined_in_objects;    /* ignore-all, ignore-in-object-files */
  bool warn_unresolved_symbols;        /* reported as warnings, not errors */
  VEC(const char *) ignored_undefined; /* --ignore-unresolved-symbol names */
  VEC(const char *) required_defined;  /* --require-defined names */
  bool no_warnings;                    /* -w: no warning is printed */
  bool gc_keep_exported;    /* --gc-keep-exported: default/protected globals are gc roots */
  bool trace;               /* -t: print each input file */
  i64 spare_dynamic_tags;   /* --spare-dynamic-tags: extra DT_NULL entries */
  bool traditional_format;  /* --traditional-format: no .eh_frame_hdr, as GNU ld */
  bool print_memory_usage;  /* --print-memory-usage */
  bool print_map_discarded; /* the map lists discarded input sections (GNU ld's default) */
  bool no_relax;            /* --no-relax: GOT loads are not rewritten to direct ones */
  bool relax_given;         /* --relax given (an error with -r) */
  i64 error_limit;          /* --error-limit: errors printed before stopping; 0: all */
  bool no_warn_execstack;   /* --no-warn-execstack */
  bool default_symver;      /* --default-symver: the soname versions unversioned exports */
  bool default_imported_symver; /* unversioned imports need their soname as version */
  bool noinhibit_exec;      /* --noinhibit-exec: undefined/duplicate symbols do not stop it */
  bool z_keep_text_section_prefix; /* -z keep-text-section-prefix (lld) */
  enum { SORT_SECTION_NONE, SORT_SECTION_NAME, SORT_SECTION_ALIGNMENT } sort_section;
  bool stats;               /* --stats: time and peak memory, as GNU ld prints them */
  bool demangle;            /* C++ names in messages demangled (default; --no-demangle) */
  bool warn_common;         /* --warn-common */
  bool no_warn_rwx_segments; /* --no-warn-rwx-segments */
  bool no_ld_generated_unwind_info; /* --no-ld-generated-unwind-info: no FDEs for the PLT */
  bool warn_backrefs;       /* --warn-backrefs (lld) */
  VEC(const char *) warn_backrefs_exclude; /* --warn-backrefs-exclude globs (archives) */
  i64 spare_program_headers;               /* --spare-program-headers: PT_NULL entries */
  VEC(SectionStart) section_starts;        /* --section-start, -Ttext, -Tdata, -Tbss, in order */
  bool time_trace;                         /* --time-trace: the passes as a Chrome trace */
  const char *time_trace_file;             /* --time-trace-file (default OUTPUT.time.json) */
  i64 time_trace_granularity;      /* --time-trace-granularity: shorter passes left out (us) */
  u8 call_nop_byte;                /* -z call-nop=: the byte that pads a relaxed indirect call */
  bool call_nop_suffix;            /* ... after the call instead of before it */
  u32 feature_and_forced;          /* -z lam-u48, -z lam-u57: FEATURE_1_AND bits always set */
  u32 isa_needed_forced;           /* -z x86-64-v2...: ISA_1_NEEDED bits always set */
  u32 feature_reports[2];          /* -z cet-report, -z lam-report: bits whose absence warns */
  bool z_indirect_extern_access;   /* -z indirect-extern-access */
  const char *dependency_file;     /* --dependency-file: make rules naming every input */
  const char *retain_symbols_file; /* --retain-symbols-file: .symtab keeps only these */
  /* identical code folding (icf.c) */
  enum { ICF_NONE, ICF_SAFE, ICF_ALL } icf; /* --icf=none|safe|all */
  bool print_icf_sections;                  /* --print-icf-sections */
  bool ignore_data_address_equality;        /* lld: data may lose its unique address */
  DebugCompression compress_debug; /* --compress-debug-sections: how .debug_* are written */
} Options;

/* ---- arch.h / arch-x86-64.c: see arch.h ---- */

/* ---- input-files.c: relocatable objects ---- */
typedef enum { FILE_OBJ, FILE_DSO, FILE_INTERNAL } FileKind;
/* An object's reading (read-inputs.c), claimed by one thread. */
enum { PARSE_NOT_STARTED, PARSE_CLAIMED, PARSE_DONE };

typedef struct ComdatRef {
  ComdatGroup *group;
  u32 shndx; /* its SHT_GROUP section */
} ComdatRef;

struct InputFile {
  FileKind kind;
  MappedFile *mf;
  const char *name;         /* for messages: "path" or "archive(member)" */
  const char *archive_name; /* path of the archive, or NULL */
  i64 priority;             /* command-line order; every tie-break uses it */
  i32 group;                /* the --start-group or GROUP() it was in, 0: none */
  bool is_alive;            /* on the command line, or extracted from its archive */
  _Atomic u8 parse_state;   /* PARSE_*: sections and symbols read */
  _Atomic bool read_ahead;  /* listed for reading before its extraction is known */
  HeldMessages read_messages; /* raised while it was read; said if it is extracted */
  bool has_gnu_extensions;  /* STT_GNU_IFUNC or STB_GNU_UNIQUE symbols */
  bool has_c_named_section; /* an SHF_ALLOC section named like a C identifier */
  bool has_warning_section; /* a .gnu.warning(.SYM) section: a link-time warning */
  bool has_versioned_names; /* some global is named "sym@VER" or "sym@@VER" */
  bool headers_read;        /* headers read, symbol table found (read_object_headers) */
  bool headers_ok;          /* ... and found well-formed */
  bool symbols_read;        /* ... and every symbol checked (read_object_symbols) */
  bool symbols_ok;          /* ... and found well-formed */
  bool in_whole_archive;
  bool is_member; /* of an archive or of a --start-lib group */
  bool just_symbols; /* --just-symbols: no sections, every definition absolute */
  const EEhdr *ehdr;
  const EShdr *shdrs;
  i64 nshdrs;
  const char *shstrtab;
  i64 shstrtab_size;
  const ESym *esyms; /* in the mapping */
  i64 nsyms, first_global;
  const char *strtab;
  i64 strtab_size;
  const u32u *symtab_shndx; /* SHT_SYMTAB_SHNDX, or NULL */
  i64 symtab_index;         /* section index of SHT_SYMTAB, -1 if none */
  Symbol **syms;            /* nsyms: locals are file-owned, globals interned */
  ComdatRef *comdat_refs;   /* its COMDAT groups, in section order */
  i32 ncomdat_refs;
  i32 ngroups;                    /* SHT_GROUP sections */
  InputSection **sections;        /* nshdrs: NULL when the section is not part of the link */
  const char *extracted_by;       /* symbol that pulled this member in (--why-extract) */
  InputFile *extracted_from_file; /* file whose reference extracted it */
  bool has_lto_only;              /* only .gnu.lto_* bytecode, no machine code */
  i64 word_reloc_count;           /* relocations in its sections with word-sized ones (scan) */
  u32 gnu_property_and;           /* GNU_PROPERTY_X86_FEATURE_1_AND, all-ones if absent */
  u32 isa_needed;                 /* GNU_PROPERTY_X86_ISA_1_NEEDED (OR-ed) */
  bool has_feature_note;          /* has a .note.gnu.property with FEATURE_1_AND */
  u32 property_1_needed;          /* GNU_PROPERTY_1_NEEDED (OR-ed) */
  /* shared objects */
  const char *soname;        /* DT_SONAME, or the name it was found by */
  const u16 *versym;         /* .gnu.version, or NULL */
  const char **verdef_names; /* version index -> name; NULL entries for none */
  i64 nverdefs;
  bool as_needed;              /* --as-needed was in effect when it was read */
  bool is_needed;              /* gets a DT_NEEDED entry */
  i32 verneed_count;           /* versions of it the output needs */
  VEC(const char *) dt_needed; /* its own DT_NEEDED entries */
  const char *runpath;         /* DT_RUNPATH, else DT_RPATH, or NULL */
  const char **verneed_names;  /* version index of an undefined symbol -> name */
  i64 nverneeds;
  bool is_indirect;            /* found through another library's DT_NEEDED only */
  bool copy_dt_needed;         /* --copy-dt-needed-entries: its DT_NEEDED libraries are inputs */
  bool is_copied_needed;       /* an input only because of --copy-dt-needed-entries */
  const Elf64_Phdr *phdrs;     /* its program headers (read-only test for COPY) */
  i64 nphdrs;
  Symbol **default_version_syms; /* "name@VER" aliases of default-version definitions */
  i32 *output_local_index;       /* -r: .symtab index of each local, -1 if not written */
  /* .symtab: the globals written at this file, in symbol-table order; the first
   * nsymtab_demoted become local (size_symtab) */
  Symbol **symtab_globals;
  i32 nsymtab_globals, nsymtab_demoted;
  bool has_gnu_stack;            /* has .note.GNU-stack */
  bool gnu_stack_exec;           /* .note.GNU-stack with SHF_EXECINSTR */
};

InputFile *new_object_file(Ctx *ctx, MappedFile *mf, const char *archive_name);
InputFile *new_unregistered_object_file(Ctx *ctx, MappedFile *mf, const char *archive_name);
void register_file(Ctx *ctx, InputFile *f); /* gives the next priority */
bool is_elf_object(const u8 *data, i64 size);
bool read_object_headers(Ctx *ctx, InputFile *f);
bool read_object_symbols(Ctx *ctx, InputFile *f);
void read_object_contents(Ctx *ctx, InputFile *f);
void intern_object_symbols(Ctx *ctx, InputFile *f);
void claim_comdat_groups(Ctx *ctx, InputFile *f);
void claim_comdat_group(InputFile *f, i64 i); /* f's i-th group; in load order */
void reserve_comdats(Ctx *ctx, i64 n); /* room for n more group signatures */
void finish_object(Ctx *ctx, InputFile *f);
u32 esym_shndx(InputFile *f, i64 idx); /* resolves SHN_XINDEX */
i64 esym_section(InputFile *f, i64 idx); /* defining section's index, -1: none */
const char *esym_name(InputFile *f, const ESym *esym);

/* ---- just-symbols.c: --just-symbols FILE, the symbols of a linked image ---- */
bool check_just_symbols_file(Ctx *ctx, MappedFile *mf); /* an error unless ET_REL/ET_EXEC */
void make_symbols_absolute(Ctx *ctx, InputFile *f);     /* after its symbol table is read */
bool just_symbols_may_repeat(Ctx *ctx, const Symbol *sym, const InputFile *f);

/* ---- archive.c: ar archives, GNU symbol index, thin archives ---- */
typedef struct ArchiveMember {
  const char *name; /* member name (arena copy) */
  const u8 *data;   /* contents */
  i64 size;
  i64 header_offset; /* offset of the member header, for the symbol index */
  bool is_elf;       /* starts with the ELF magic */
} ArchiveMember;

typedef struct ArchiveIndexEntry {
  const char *name;  /* symbol */
  i64 member_offset; /* header offset of the member that defines it */
} ArchiveIndexEntry;

bool is_archive(const u8 *data, i64 size);
/* Lists members (thin members are mapped from disk) and the symbol index, unless
 * index is NULL (--whole-archive needs none, and skipping it spares reading it).
 * Returns false after reporting an error naming the archive. */
typedef VEC(ArchiveMember) ArchiveMemberVec;
typedef VEC(ArchiveIndexEntry) ArchiveIndexVec;
bool read_archive(Ctx *ctx, MappedFile *mf, ArchiveMemberVec *members, ArchiveIndexVec *index);

/* ---- linker-script.c: the GROUP/INPUT scripts glibc ships ---- */
/* Parses the script text; appends ARG_* items to out. Returns false after an error. */
typedef VEC(InputArg) InputArgVec;
bool parse_linker_script(Ctx *ctx, MappedFile *mf, InputArgVec *out);
typedef struct ScriptToken {
  const char *str; /* arena copy */
  i64 line;
  bool quoted; /* written "in quotes": a literal name, never a glob (GNU ld) */
} ScriptToken;
typedef VEC(ScriptToken) ScriptTokenVec;
bool tokenize_linker_script(Ctx *ctx, const char *path, const char *text, i64 size,
                            ScriptTokenVec *out);
bool looks_like_linker_script(const u8 *data, i64 size);

/* ---- mri-script.c: -c, GNU ld's MRI-compatible scripts ---- */
typedef struct MriActions {
  void (*add_input)(Ctx *ctx, const char *path); /* LOAD: an input where -c stands */
} MriActions;
bool read_mri_script(Ctx *ctx, const char *path, MriActions *act);

/* ---- section-rules.c: SECTIONS for relocatable output ---- */
typedef struct SectionRule {
  const char *output;         /* output section, "/DISCARD/" drops */
  const char *file;           /* file glob ("*": any) */
  const char *section;        /* section name glob */
  const char **exclude_files; /* EXCLUDE_FILE globs */
  i64 nexclude;
  bool keep; /* inside KEEP() */
} SectionRule;
/* Parses "{ ... }" after SECTIONS at toks[*pos]; appends to ctx->section_rules. */
bool parse_sections_command(Ctx *ctx, const char *path, const ScriptTokenVec *toks, i64 *pos);
void apply_section_rules(Ctx *ctx); /* script_output / drops, before --gc-sections */

/* ---- read-inputs.c: command line -> files, lazy archive members ---- */
void read_inputs(Ctx *ctx);
void wait_for_member(Ctx *ctx, InputFile *member); /* its reading is complete */
void extract_member(Ctx *ctx, InputFile *member, Symbol *why, InputFile *by);

/* ---- symbols.c: the global symbol table and resolution rules ---- */
enum {
  NEEDS_GOT = 1 << 0,       /* a GOT slot holding the address */
  NEEDS_PLT = 1 << 1,       /* a .plt entry: an imported function is called */
  NEEDS_IPLT = 1 << 6,      /* a .iplt entry: a non-preemptible IFUNC is referenced */
  NEEDS_CANONICAL = 1 << 7, /* a direct reference needs an address in the output:
                               COPY for data, canonical PLT for functions */
  NEEDS_GOTTP = 1 << 2,     /* a GOT slot holding the TP offset (initial-exec) */
  NEEDS_TLSGD = 1 << 3,     /* two GOT slots: module id + offset */
  NEEDS_TLSDESC = 1 << 4,   /* two GOT slots for a TLS descriptor */
  NEEDS_TLSLD = 1 << 5,     /* (on the context) the module-id GOT slot */
  NEEDS_DYNSYM = 1 << 8,    /* a dynamic relocation names it (R_X86_64_64 and the like) */
  NEEDS_ZERO = 1 << 9,      /* a non-PIE's narrow or PC-relative reference to an undefined
                               weak: GNU ld then binds it to 0 everywhere */
};

typedef enum {
  RANK_DEFINED = 1, /* strong definition in an object */
  RANK_COMMON = 2,  /* tentative definition */
  RANK_WEAK = 3,    /* weak definition in an object */
  RANK_DSO = 4,     /* definition in a shared object */
  RANK_LAZY = 5,    /* defined by an archive member not extracted yet */
  RANK_UNDEF = 6,   /* only referenced */
} SymRank;

/* What only a few symbols have, kept out of Symbol: a large link has hundreds of
 * thousands of symbols (locals included) and a few thousand of these. */
typedef struct SymAux {
  i32 got_idx;      /* GOT slot for the address, -1 if none */
  i32 gottp_idx;    /* GOT slot for the TP offset, -1 if none */
  i32 tlsgd_idx;    /* first of two GOT slots (module, offset), -1 if none */
  i32 tlsdesc_idx;  /* first of two GOT slots (TLS descriptor), -1 if none */
  i32 plt_idx;      /* .plt entry (imported function), -1 if none */
  i32 iplt_idx;     /* .iplt entry (non-preemptible IFUNC), -1 if none */
  i32 pltgot_idx;   /* .plt.got entry (jumps through the GOT slot), -1 if none */
  u64 copy_offset;  /* offset of the COPY in its copy-relocation chunk */
  Symbol *base_sym; /* for "foo@@V": the plain "foo" that carries its definition */
} SymAux;

struct Symbol {
  /* Read for every relocation, by the scan and by the write: kept together at the
   * start, in as few cache lines as possible. */
  InputSection *isec; /* defining section; NULL: absolute, common or synthetic */
  u64 value;          /* st_value (relative to isec or chunk when set) */
  SymAux *aux;        /* GOT/PLT/COPY slots and the like; NULL: none (AUX) */
  _Atomic u16 flags;  /* NEEDS_* set by scan_relocations */
  u8 rank;            /* SymRank of the current definition */
  u8 type;            /* STT_* */
  u8 binding;         /* STB_* of the winner (STB_LOCAL for locals) */
  u8 visibility;      /* merged STV_*: most constraining of all object files */
  u8 common_p2align;  /* alignment of a common symbol */
  bool is_local : 1;
  bool is_abs : 1;         /* SHN_ABS, or an undefined weak bound to 0 */
  bool has_strong_ref : 1; /* some object references it with STB_GLOBAL */
  bool traced : 1;         /* named by --trace-symbol */
  bool explain : 1;        /* matched by --explain-symbol */
  bool referenced : 1;     /* some live object references it */
  bool is_defined_by_linker : 1;
  bool is_imported : 1;       /* defined in a shared object: resolved by the loader */
  bool is_exported : 1;       /* defined here and visible in .dynsym */
  bool is_preemptible : 1;    /* references must go through the GOT/PLT */
  bool dso_protected : 1;     /* the defining shared object made it STV_PROTECTED */
  bool has_copyrel : 1;       /* lives in our .bss via R_X86_64_COPY */
  bool copyrel_readonly : 1;  /* ... in .bss.rel.ro (read-only in its DSO) */
  bool is_canonical : 1;      /* its address is our PLT entry */
  bool referenced_by_dso : 1; /* some shared object has it undefined */
  bool referenced_strongly_by_dso : 1;
  bool defined_by_dso : 1;    /* some shared object defines it too */
  bool referenced_by_obj : 1; /* some live object file references it */
  bool versioned_name : 1;    /* name is "sym@VER" */
  bool forced_local : 1;      /* made local by a version script or --exclude-libs */
  bool is_version_alias : 1;  /* "foo@@V" whose definition plain "foo" also carries */
  bool is_version_node : 1;   /* the absolute symbol GNU ld exports for a version node */
  bool icf_folded : 1;        /* its section was folded into an identical one (--icf) */
  /* Colder. */
  u16 ver_idx;     /* .gnu.version value for .dynsym */
  i32 sym_idx;     /* index in file->esyms; -1 for linker-made symbols */
  InputFile *file; /* definer (winner); for locals the owner */
  Chunk *chunk;    /* synthetic symbols defined relative to an output chunk */
  i32 dynsym_idx;  /* index in .dynsym, -1 if none */
  i32 symtab_idx;  /* index in the output .symtab, -1 if not written */
  const char *name;
  u64 size; /* st_size */
};

/* A global name: what only resolution and --explain-symbol read. Locals, most of a
 * large link's symbols, are plain Symbols without it. */
typedef struct GlobalSymbol {
  Symbol sym;                 /* first, so that the two pointers convert both ways */
  u64 hash;                   /* hash_string(name), computed once when interned */
  InputFile *lazy_file;       /* archive member that defines it, while RANK_LAZY */
  /* The first archive member whose index lists it: the parse pipeline reads it
   * ahead when a reference makes its extraction likely. A hint, never a decision. */
  InputFile *_Atomic likely_definer;
  InputFile *first_ref;       /* first file that referenced it (errors, --why-extract) */
  const char *preempt_reason; /* why it is (not) preemptible, for --explain-symbol */
  u16 dso_default_def_types;  /* 1 << STT_* of libraries' default-version definitions */
  bool dso_unversioned_use;   /* a library defines or references the name unversioned */
  _Atomic i32 first_flagged;  /* 1 + the first file (ctx->objs) whose relocations flag it */
} GlobalSymbol;

static inline GlobalSymbol *global_symbol(Symbol *sym) {
#ifndef NDEBUG
  if (sym->is_local)
    __builtin_trap(); /* a local has none of GlobalSymbol's fields */
#endif
  return (GlobalSymbol *)sym;
}

void init_symbol_table(Ctx *ctx, i64 expected);
void clear_symbol_slots(Symbol *sym); /* no GOT/PLT/.symtab/.dynsym entries yet */
extern const SymAux no_sym_aux;
/* For reading: a symbol without SymAux reads as having no slots. */
#define AUX(sym) ((const SymAux *)((sym)->aux ? (sym)->aux : &no_sym_aux))
SymAux *sym_aux(Ctx *ctx, Symbol *sym); /* for writing: creates it; not concurrently */
Symbol *intern_symbol(Ctx *ctx, const char *name);
/* Thread-safe when the table has room: reserve_symbols first, on one thread. */
Symbol *intern_symbol_hashed(Ctx *ctx, const char *name, u64 hash);
/* The same for n names at once (at most INTERN_BATCH), their table slots fetched
 * from memory together. */
enum { INTERN_BATCH = 32 };
void intern_symbols(Ctx *ctx, i64 n, const char *const *names, const u64 *hashes, Symbol **out);
Symbol *symbol_in_slot(const Ctx *ctx, i64 slot); /* NULL for an empty slot */
void reserve_symbols(Ctx *ctx, i64 n);
Symbol *find_symbol(Ctx *ctx, const char *name);
/* Room for nnames symbols and ngroups COMDAT signatures, held until unlock: how files
 * are interned while other threads do the same (ctx->names_shared). */
void lock_name_tables(Ctx *ctx, i64 nnames, i64 ngroups);
void unlock_name_tables(Ctx *ctx, i64 nnames, i64 ngroups);
void init_name_tables_lock(Ctx *ctx);
void resolve_file_symbols(Ctx *ctx, InputFile *f); /* insert definitions and references */
/* A duplicate definition found by the parallel resolution, reported after it. */
typedef struct Duplicate {
  InputFile *file;
  i64 sym_idx;
} Duplicate;
typedef VEC(Duplicate) DuplicateVec;
void resolve_global(Ctx *ctx, InputFile *f, i64 i, DuplicateVec *duplicates);
/* resolve-run.c: the leading objects on all threads; false: the serial walk must. */
bool resolve_leading_objects(Ctx *ctx, InputFile **files, i64 n, i64 (*item_of)(i64));
void add_lazy_symbol(Ctx *ctx, Symbol *sym, InputFile *member);
void check_undefined_symbols(Ctx *ctx);
void report_duplicate(Ctx *ctx, Symbol *sym, InputFile *other);
bool symbol_is_defined(const Symbol *sym);
void make_undefined(Symbol *sym, u8 type);
bool is_ignored_undefined(Ctx *ctx, const char *name);
bool undefined_is_let_pass(Ctx *ctx, const Symbol *sym);
void check_required_symbols(Ctx *ctx);
void warn_common_symbols(Ctx *ctx);
u64 symbol_address(Ctx *ctx, const Symbol *sym);
u64 symbol_definition_address(Ctx *ctx, const Symbol *sym);
u64 symbol_got_address(Ctx *ctx, const Symbol *sym);
u64 reloc_target_address(Ctx *ctx, Symbol *sym, i64 *addend);
u64 call_target_address(Ctx *ctx, Symbol *sym, i64 *addend);
u64 plt_entry_address(Ctx *ctx, const Symbol *sym);
bool symbol_is_ifunc(const Symbol *sym);
void trace_symbol_event(Ctx *ctx, Symbol *sym, InputFile *f, const ESym *esym);

/* ---- sections.c: input sections, binning into output sections ---- */
enum { ISEC_MERGE_SPLIT = 1 };

typedef struct MergePiece {
  u32 in_offset; /* offset of the piece in the input section */
  u32 size;
  union {
    u64 hash;               /* while splitting: hash_bytes of the piece */
    struct MergeSlot *slot; /* then: the deduplicated copy */
  };
} MergePiece;

struct InputSection {
  /* What relocation processing reads: the first cache line. */
  Chunk *osec;                 /* output section */
  u64 offset;                  /* within osec */
  MergePiece *pieces;          /* SHF_MERGE sections: pieces, sorted by in_offset */
  struct EhRecord *eh_records; /* .eh_frame: records */
  InputFile *file;
  const ERela *rels; /* in the mapping */
  i64 nrels;
  u64 flags; /* sh_flags (minus SHF_COMPRESSED) */
  const EShdr *shdr;
  const char *name;
  const u8 *contents; /* into the mapping, or arena after decompression */
  u64 size;
  const char *script_output; /* -r: the output section a SECTIONS rule names, or NULL */
  InputSection *folded_into; /* --icf: the identical section kept in its place, or NULL */
  u32 type;                  /* sh_type */
  u32 shndx;
  i32 init_priority; /* .init_array.N / .ctors.N priority, 65536 if none */
  /* 32 bits: piece and record offsets are 32-bit, so both sections are under 4 GiB
   * (checked where they are split); a 64-bit count per section was 2 MB on llvm-pie. */
  u32 npieces;
  u32 neh_records;
  u32 icf_class[2]; /* --icf equivalence class: this round's and the next's */
  bool is_alive;    /* false: discarded COMDAT member or garbage-collected */
  bool is_eh_frame;
  bool reverse_words;   /* a .ctors/.dtors in .init_array/.fini_array: copied word-reversed */
  atomic_bool gc_live;  /* reached by --gc-sections marking (set by parallel marking) */
  bool has_word_relocs; /* the scan met an absolute-word or size relocation in it */
  u8 p2align;
  bool kept_by_script;   /* ... inside KEEP(): a --gc-sections root */
  bool discarded_orphan; /* dropped by --orphan-handling=discard */
};

/* Where a relocation at r_offset lands in the output copy of isec (inline: it is asked
 * once per relocation). */
static inline u64 reloc_place_offset(const InputSection *isec, u64 r_offset) {
  if (__builtin_expect(isec->reverse_words, 0) && r_offset + 8 <= isec->size && r_offset % 8 == 0)
    return isec->size - 8 - r_offset;
  return r_offset;
}
u64 isec_address(Ctx *ctx, const InputSection *isec, u64 offset); /* VA of isec+offset */
/* Is the section part of the output: kept (not a dropped COMDAT copy, not collected)
 * and binned into an output section? */
static inline bool is_in_output(const InputSection *isec) {
  return isec && isec->is_alive && isec->osec;
}
bool is_stripped_debug_section(Ctx *ctx, const InputSection *isec); /* -S, -s */
/* orphans.c: sections GNU ld's default script does not name */
bool is_orphan_section_name(const char *name);
void report_orphan_sections(Ctx *ctx);

/* ---- dwarf.c: "file.c:LINE" of a place in an object, from its DWARF ---- */
typedef struct SourcePosition {
  const char *file;
  u64 line;
} SourcePosition;
bool source_position(Ctx *ctx, InputFile *f, u32 shndx, u64 offset, SourcePosition *out);

/* ---- gdb-index.c: --gdb-index, the .gdb_index section ---- */
typedef struct GdbIndex GdbIndex;
void read_gdb_index_inputs(Ctx *ctx);
void create_gdb_index(Ctx *ctx);
void write_gdb_index(Ctx *ctx);

/* ---- link-warnings.c: .gnu.warning.SYM messages, as GNU ld prints them ---- */
void report_link_warnings(Ctx *ctx);
const char *enclosing_function(InputFile *f, u32 shndx, u64 offset); /* STT_FUNC or NULL */
void bin_input_sections(Ctx *ctx);
/* The write hands out an output or merged section in runs of about this much work:
 * bytes, and 32 per relocation. */
enum { WRITE_TASK_BYTES = 1 << 19 };
static inline i64 member_write_weight(const InputSection *isec) {
  return (isec->type == SHT_NOBITS ? 0 : (i64)isec->size) + 32 * isec->nrels;
}
/* Adds item k of n, of this weight, to the runs being cut in c->write_runs. */
void cut_write_runs(Chunk *c, i64 k, i64 n, i64 weight, i64 *run_weight);
void assign_member_offsets(Chunk *c);
const char *output_section_name(Ctx *ctx, const char *name, u64 flags, u32 type);

/* ---- merge.c: SHF_MERGE pieces and their de-duplication ---- */
typedef struct MergeSlot {
  const u8 *data; /* an occurrence's bytes (all are equal) */
  u32 size;
  _Atomic u32 p2align; /* the largest any occurrence guarantees */
  u64 offset;          /* within the merged chunk */
  _Atomic u64 first;   /* where it first occurs: section in input order, piece */
  u64 hash;
} MergeSlot;
static inline i64 piece_write_weight(const MergeSlot *s) {
  return (i64)s->size + 16; /* its bytes, and its slot to read */
}

void split_mergeable_sections(Ctx *ctx);
bool merge_piece_offset(const InputSection *isec, u64 offset, u64 *out); /* chunk-relative */
void layout_merged_chunk(Chunk *c);

/* ---- eh-frame.c: .eh_frame records and .eh_frame_hdr ---- */
typedef struct EhRecord {
  u32 in_offset;          /* within the input section */
  u32 size;               /* including the length field */
  u32 out_offset;         /* within the input section's output placement (after dropping) */
  i32 cie;                /* for an FDE: index of its CIE in the same section's records */
  u32 rel_begin, rel_end; /* range of this record's relocations in isec->rels */
  bool is_cie;
  bool is_alive;
} EhRecord;

/* --ld-generated-unwind-info: a CIE and one FDE per chunk of linker-made code. */
enum { MAX_PLT_FDES = 4 }; /* .plt, .plt.got, .plt.sec, .iplt */
typedef struct PltUnwind {
  InputSection *isec;           /* the records, a member of .eh_frame; NULL if none */
  Chunk *code[MAX_PLT_FDES];    /* per FDE, in record order, the chunk it describes */
  u32 fde_offset[MAX_PLT_FDES]; /* per FDE, its offset in isec */
  i64 nfdes;
} PltUnwind;

void split_eh_frames(Ctx *ctx);
void add_plt_unwind_info(Ctx *ctx);
u64 eh_frame_output_offset(const InputSection *isec, u64 offset, bool *dropped);
i64 count_eh_frame_fdes(Ctx *ctx);
void write_eh_frame_hdr(Ctx *ctx, Chunk *hdr, u8 *buf);
void write_eh_frame_section(Ctx *ctx, InputSection *isec, u8 *out);

/* ---- chunks: output sections, synthetic sections, headers (synthetic.c, layout.c) ---- */
typedef enum {
  CK_EHDR,
  CK_PHDR,
  CK_SHDR,
  CK_OSEC,   /* regular output section made of input sections */
  CK_MERGED, /* SHF_MERGE output section */
  CK_GOT,
  CK_GOTPLT, /* .got.plt: in static links, the IRELATIVE slots */
  CK_IPLT,
  CK_RELA_IPLT,
  CK_EH_FRAME_HDR,
  CK_BUILD_ID,
  CK_GNU_PROPERTY,
  CK_COMMENT,
  CK_SYMTAB,
  CK_STRTAB,
  CK_SHSTRTAB,
  CK_PLT,    /* lazy-binding PLT for imported functions */
  CK_PLTGOT, /* .plt.got: stubs for functions that have a GOT slot anyway */
  CK_PLTSEC, /* .plt.sec: the entries callers reach when the PLT is IBT-enabled */
  CK_RELA_DYN,
  CK_INTERP,
  CK_DYNAMIC,
  CK_DYNSYM,
  CK_DYNSTR,
  CK_GNU_HASH,
  CK_HASH,
  CK_VERSYM,
  CK_VERNEED,
  CK_VERDEF,
  CK_RELR,
  CK_COPYREL, /* .bss / .bss.rel.ro space for COPY relocations */
  CK_BLOB,    /* contents made up front (e.g. .note.package) */
  CK_GDB_INDEX,
} ChunkKind;

struct Chunk {
  ChunkKind kind;
  const char *name;
  Elf64_Shdr shdr; /* sh_name filled by the .shstrtab writer */
  i64 shndx;       /* index in the output section header table, 0 if none */
  Chunk *header;   /* the chunk before it whose section header covers it too; NULL: its own */
  bool alone;      /* --unique: one input section, one section header of its own */
  i32 rank;        /* sort key: segment class then order */
  bool is_relro;
  bool is_tbss;                /* SHT_NOBITS + SHF_TLS: occupies no address space */
  VEC(InputSection *) members; /* CK_OSEC */
  VEC(MergeSlot *) slots;      /* CK_MERGED, in first-seen order */
  /* Where each run of members (or pieces) that the write hands to one task ends, cut
   * while their offsets are assigned; used when it still covers them all. */
  VEC(i64) write_runs;
  struct MergeSlot *_Atomic *table; /* CK_MERGED: open addressing, at most half full */
  i64 table_cap;
  u64 merge_entsize; /* CK_MERGED sh_entsize */
  i64 nentries;      /* synthetic sections: entry count */
  i64 order;         /* creation order, the final tie-break */
  const u8 *blob;    /* contents made before the write, sh_size bytes: CK_BLOB, and
                        the debug sections compress_debug_sections made */
  Chunk *relocations; /* -r, -q: the .rela section of this output section, or NULL */
  i32 section_sym;    /* -r, -q: index of its STT_SECTION symbol in .symtab */
};

/* ---- synthetic.c ---- */
void merge_gnu_properties(Ctx *ctx); /* the inputs' x86 feature and ISA notes, merged */
void create_early_chunks(Ctx *ctx);
void create_synthetic_sections(Ctx *ctx);
void add_section_bracket_symbols(Ctx *ctx);
void add_linker_defined_symbols(Ctx *ctx);
void define_defsym_symbols(Ctx *ctx); /* --defsym (part of the above; -r's only ones) */
void fix_linker_symbols(Ctx *ctx);
Chunk *new_chunk(Ctx *ctx, ChunkKind kind, const char *name, u32 type, u64 flags, u64 align);

/* ---- gc.c ---- */
void gc_sections(Ctx *ctx);
/* Calls fn for each FDE of an .eh_frame input section that has relocations: they are
 * eh->rels[first, end), the first naming the function; its CIE starts at cie_off. */
typedef void FdeFn(InputSection *eh, i64 first, i64 end, u64 cie_off, void *arg);
void for_each_fde(InputSection *eh, FdeFn *fn, void *arg);

/* ---- icf.c: --icf, identical code folding ---- */
void fold_identical_sections(Ctx *ctx);

/* ---- shared-file.c: shared objects as inputs ---- */
bool is_shared_object(const u8 *data, i64 size);
/* NULL after an error, or for a library already loaded under the same SONAME. */
InputFile *new_shared_file(Ctx *ctx, MappedFile *mf, const char *soname_hint, bool as_needed);
i64 dso_name_count(const InputFile *f);
void intern_dso_symbols(Ctx *ctx, InputFile *f, i64 begin, i64 end);
void resolve_dso_symbols(Ctx *ctx, InputFile *f);
void decide_needed_dsos(Ctx *ctx); /* sets is_needed; mark_needed_dsos acts on it */
void mark_needed_dsos(Ctx *ctx);
void check_shlib_undefined(Ctx *ctx);
u64 dso_symbol_alignment(const InputFile *f, i64 sym_idx);
u8 dso_symbol_p2align(const InputFile *f, i64 sym_idx);
bool dso_definition_is_common_like(const InputFile *f, i64 sym_idx);
bool dso_binds_to_definition(Symbol *sym);
bool dso_symbol_has_version(const InputFile *f, i64 i);
InputFile *read_shared_file(Ctx *ctx, MappedFile *mf, const char *soname_hint, bool as_needed);
InputFile *find_loaded_dso(Ctx *ctx, const char *name);
void load_indirect_libraries(Ctx *ctx);
bool indirect_library_defines(Ctx *ctx, const char *name);
InputFile *missing_library_defining(Ctx *ctx, const char *name, const char **shown);
i64 load_copied_dependencies(Ctx *ctx); /* --copy-dt-needed-entries; the first new ctx->dsos */
typedef struct IndirectDefinition {
  const char *name; /* "sym" or "sym@VERSION" */
  InputFile *lib;   /* the first indirect library defining it */
  i64 sym_idx;      /* its .dynsym index there */
} IndirectDefinition;
bool dso_definition_beats_common(const InputFile *f, i64 sym_idx, bool common_came_first);
bool dso_address_is_readonly(InputFile *f, u64 addr);
const char *dso_version_name(InputFile *f, i64 sym_idx);

/* ---- version.c: version scripts, .symver names ---- */
typedef struct VersionNode {
  const char *name;       /* NULL for an anonymous node */
  const char *parents[8]; /* the nodes it inherits from */
  i64 nparents;
  u16 index; /* version index in .gnu.version (2, 3, ...) */
} VersionNode;
bool apply_version_scripts(Ctx *ctx); /* false: nothing was versioned or made local */

/* ---- demangle.c: C++ names for extern "C++" patterns (libiberty) ---- */
char *demangle(Arena *arena, const char *mangled); /* NULL if not a C++ name */
const char *display_name(Ctx *ctx, const char *name);
i32 find_version_node(Ctx *ctx, const char *name);

/* ---- preempt.c: who is imported, exported, preemptible ---- */
void compute_import_export(Ctx *ctx);

/* ---- dynrel.c: .rela.dyn ---- */
typedef struct DynRel {
  void *where; /* the place's InputSection (from_isec) or Chunk */
  Symbol *sym; /* the symbol the loader looks up; with sym_is_target, the symbol whose
                  address (RELATIVE/IRELATIVE) or TLS block offset is the addend */
  u64 pos;     /* from_isec: index of the input relocation, which holds the offset
                  and addend; else the offset in the chunk (addend 0) */
  u16 type;
  bool from_isec : 1;
  bool sym_is_target : 1;
  bool in_relr : 1; /* packed into .relr.dyn instead of .rela.dyn */
} DynRel;
/* A chunk's dynamic relocation, without addend. */
DynRel chunk_dynrel(Chunk *chunk, u64 offset, u32 type, Symbol *sym, bool sym_is_target);
u64 dynrel_place(Ctx *ctx, const DynRel *r);
void add_dynrel(Ctx *ctx, DynRel r);

/* ---- relr.c: SHT_RELR packing ---- */
i64 relr_encode(const u64 *addrs, i64 n, u64 *out); /* words written (out may be NULL) */
void select_relr_candidates(Ctx *ctx);
bool update_relr_size(Ctx *ctx);
void write_relr(Ctx *ctx);
i64 plan_rela_dyn(Ctx *ctx);
void write_rela_dyn_block(Ctx *ctx, i64 block);
void clear_dynamic_reloc_places(Ctx *ctx);
void report_relative_relocs(Ctx *ctx);

/* ---- dynamic.c: .interp .dynamic .dynsym .dynstr hashes versions ---- */
typedef struct VerNeed {
  InputFile *dso;
  const char *name;
  u16 index; /* version index used in .gnu.version */
} VerNeed;

typedef struct DynstrSlot {
  u32 offset; /* into .dynstr; 0 marks a free slot */
  u64 hash;
} DynstrSlot;

typedef struct DynamicState {
  VEC(VerNeed) verneeds;    /* versions of shared objects the output uses */
  u32 *name_offsets;        /* .dynstr offset per .dynsym entry */
  u32 *needed_offsets;      /* per shared object: its DT_NEEDED string */
  u32 *vername_offsets;     /* per verneed */
  u32 *verdef_name_offsets; /* [0] the file, [i+1] version node i */
  u32 rpath_offset, soname_offset;
  u32 audit_offset, depaudit_offset, filter_offset;
  u32 *auxiliary_offsets;   /* one per -f */
  DynstrSlot *strtab_slots; /* .dynstr de-duplication: open addressing over offsets */
  const char **names;       /* per .dynsym entry: its name without "@VER" */
  u32 *gnu_hashes;          /* per .dynsym entry: its .gnu.hash value */
  i64 strtab_cap, strtab_used;
} DynamicState;
void create_dynamic_sections(Ctx *ctx);
void size_dynamic_sections(Ctx *ctx);
void write_dynamic_sections(Ctx *ctx);
void finalize_dynstr(Ctx *ctx);
void size_dynamic_table(Ctx *ctx);
u32 dynstr_add(Ctx *ctx, const char *s);

/* ---- plt.c ---- */
void write_plt(Ctx *ctx);
i64 pltgot_entry_size(const Ctx *ctx); /* .plt.got entry size: larger with an IBT PLT */
i64 plt_chunks_with_entries(Ctx *ctx, Chunk **out); /* after allocate_got_and_plt */

/* ---- scan.c: relocation scan (decision table) ---- */
void scan_relocations(Ctx *ctx);
void allocate_got_and_plt(Ctx *ctx);
void collect_dynamic_relocations(Ctx *ctx);

/* ---- layout.c ---- */
typedef struct Segment {
  Elf64_Phdr phdr;
} Segment;
void sort_output_sections(Ctx *ctx);
void size_build_id_note(Ctx *ctx);
void layout_sections(Ctx *ctx);
/* After non-allocated sections changed size or name: their offsets, the section name
 * table and the file size again (allocated sections come first and keep theirs). */
void relayout_nonalloc_sections(Ctx *ctx);
void assign_section_indices(Ctx *ctx); /* shndx of emitted chunks, and the sh_links */
u64 tls_tp_address(Ctx *ctx);

/* ---- output.c: the output file ---- */
bool open_output(Ctx *ctx);
int commit_output(Ctx *ctx);
void remove_temp_output(void);
void leave_memory_release_to_helper(Ctx *ctx); /* --fork: memory released after exit */
int replaced_output_fd(void);
typedef struct SideOutput {
  const char *path; /* where it goes */
  u8 *buf;          /* the mapping of its temporary file */
  i64 size;
} SideOutput;
bool open_side_output(Ctx *ctx, SideOutput *out);
bool commit_side_output(Ctx *ctx, SideOutput *out);

/* ---- write.c ---- */
void write_chunks(Ctx *ctx);
void write_ehdr(Ctx *ctx, u8 *buf);
void write_shdrs_and_names(Ctx *ctx); /* section headers and .shstrtab into ctx->buf */
/* The same bytes write_chunks would write for chunks[i], into bufs[i] (sh_size bytes,
 * zero-filled) instead of the output image; in parallel. */
void write_chunks_into(Ctx *ctx, Chunk **chunks, u8 **bufs, i64 n);
void write_build_id(Ctx *ctx);
void write_gnu_property(Ctx *ctx); /* .note.gnu.property, from merge_gnu_properties */
void compute_build_id(Ctx *ctx, u8 *out, i64 len);

/* ---- relocatable.c: -r, an object for a later link ---- */
typedef struct RelocatableOutput RelocatableOutput;
void check_relocatable_options(Ctx *ctx);
void create_relocatable_sections(Ctx *ctx);
void number_relocatable_symbols(Ctx *ctx);
void layout_relocatable(Ctx *ctx);
void write_relocatable(Ctx *ctx);
/* Calls fn for each relocation of isec the output keeps, with its place in isec's
 * output section: an .eh_frame's live records' ones, a non-allocated section's whose
 * symbol is still there, an allocated section's all. */
typedef void KeptRelocationFn(const InputSection *isec, const ERela *rel, u64 place, void *arg);
void for_each_kept_relocation(const InputSection *isec, KeptRelocationFn *fn, void *arg);
void add_relocation_sections(Ctx *ctx, Chunk **sections, i64 n); /* .rela after each */
/* ---- emit-relocs.c: --emit-relocs ---- */
void create_emitted_relocation_sections(Ctx *ctx); /* --emit-relocs, after binning */
void link_emitted_relocation_sections(Ctx *ctx);   /* ... their sh_link and sh_info */
void write_emitted_relocations(Ctx *ctx);          /* ... once .symtab is written */

/* ---- symtab.c ---- */
bool keeps_local_symbol(Ctx *ctx, InputFile *f, Symbol *s, i64 idx); /* -x, -X and the like */
void size_symtab(Ctx *ctx);
i64 symtab_segments(Ctx *ctx);
void write_symtab_segment(Ctx *ctx, i64 seg);

/* ---- explain.c: --explain-symbol, --trace-symbol, --why-extract, -Map ---- */
typedef struct ExplainRef {
  Symbol *sym;
  InputSection *isec;
  u64 offset;
  u32 r_type;
  int action;   /* scan.c's Action */
  bool relaxed; /* a GOT load rewritten to address the symbol directly */
} ExplainRef;
void record_explain_ref(Ctx *ctx, ExplainRef r);
void print_explanations(Ctx *ctx);
const char *describe_reference(Ctx *ctx, const ExplainRef *r); /* scan.c */
void print_why_extract(Ctx *ctx);
void print_map_file(Ctx *ctx);
void print_cross_references(Ctx *ctx);
void print_dependencies(Ctx *ctx);
void print_trace(Ctx *ctx);
void warn_backward_references(Ctx *ctx);
void print_memory_usage(Ctx *ctx);
void write_dependency_file(Ctx *ctx);
/* ---- reproduce.c: --reproduce ---- */
void write_reproduce_tar(Ctx *ctx);
const char *reproduce_path(Ctx *ctx, const char *path);
const char *reproduce_response(Ctx *ctx); /* options.c: the rewritten command line */

/* ---- compress.c: SHF_COMPRESSED input sections ---- */
bool decompress_section(Ctx *ctx, InputSection *isec);
bool decompress_zdebug_section(Ctx *ctx, InputSection *isec);

/* ---- separate-debug.c: --separate-debug-file ---- */
void create_debuglink_section(Ctx *ctx);
void set_aside_debug_sections(Ctx *ctx);
void write_debuglink_crc(Ctx *ctx);
void write_separate_debug_file(Ctx *ctx);
int commit_separate_debug_file(Ctx *ctx); /* 0, or 1 after an error */

/* ---- rewrite-endbr.c: -z rewrite-endbr ---- */
void rewrite_endbr(Ctx *ctx);

/* ---- implib.c: --out-implib ---- */
void write_import_library(Ctx *ctx); /* after .symtab is written */

/* ---- compress-output.c: --compress-debug-sections ---- */
void compress_debug_sections(Ctx *ctx);
/* Writes the contents of chunks[i] into bufs[i], for i in [0, n). */
typedef void FillContentsFn(Ctx *ctx, Chunk **chunks, u8 **bufs, i64 n);
void compress_debug_chunks(Ctx *ctx, Chunk **chunks, i64 n, FillContentsFn *fill);

/* ---- thread-pool.c ---- */
typedef void ParallelFn(Ctx *ctx, i64 i, void *arg);
void parallel_for(Ctx *ctx, i64 n, ParallelFn *fn, void *arg);
/* parallel_for when the work is worth waking the other threads for; else on this one,
 * items in order (the same results either way). */
void parallel_for_if(Ctx *ctx, bool worth_waking, i64 n, ParallelFn *fn, void *arg);
void start_thread_pool(Ctx *ctx); /* the workers, before the first job needs them */
/* The same, items with the largest weight[i] handed out first (load balance). */
void parallel_for_heaviest_first(Ctx *ctx, i64 n, ParallelFn *fn, void *arg, const i64 *weight);
/* The arena of the calling thread: ctx->arena outside parallel_for and on its
 * calling thread, a worker's own arena on the others. */
Arena *local_arena(Ctx *ctx);
void diagnostic_position(u64 *epoch, i64 *item); /* where the calling thread is */
/* The pool's workers run fn(i), i < the returned count, beside the caller until
 * join_background; 0: no workers (one thread), the caller must do all the work. */
i64 start_background(Ctx *ctx, ParallelFn *fn, void *arg);
void join_background(Ctx *ctx);
/* Errors raised between these two sort by the item each thread last set, as one
 * parallel job's do; for work that orders its own diagnostics on any thread count. */
void begin_ordered_diagnostics(void);
void end_ordered_diagnostics(void);
void set_diagnostic_item(i64 item); /* orders this thread's errors within a job */
/* One round of a spin-wait loop: tells the core (and a hyperthread sibling) that this
 * thread only waits. */
static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield");
#endif
}
void note_busy(Ctx *ctx, bool busy); /* --time-report: a thread starts or stops working */
void note_alone_in_job(Ctx *ctx, double seconds); /* ... one worked while the rest waited */
i64 thread_count(Ctx *ctx); /* threads a parallel pass may use */
enum { MAX_THREADS = 32 };

/* ---- strhash.c ---- */
u64 hash_string(const char *s, i64 len);
u32 gnu_hash_bytes(const u8 *p, i64 len); /* the ELF GNU hash */
u64 hash_bytes(const u8 *p, i64 len);

/* ---- the context ---- */
struct ComdatGroup {
  const char *signature;
  u64 hash;
  InputFile *_Atomic owner; /* the first file in load order to hold it; NULL: none yet */
};

/* An error waiting for checkpoint(), with where it was raised: errors from a parallel
 * pass are printed in work-item order (file order), whatever thread raised them. */
typedef struct PendingError {
  char *msg;
  u64 epoch; /* parallel_for jobs and the serial stretches between them, numbered */
  i64 item;  /* work item within a job */
  i64 seq;   /* arrival order, for errors of the same item */
} PendingError;

/* A common symbol of ours merged with a library's common-like definition (its .bss):
 * the larger size and alignment count only if the library stays needed (GNU ld drops
 * an --as-needed library's contribution with the library). */
typedef struct DsoCommonMerge {
  Symbol *sym;
  InputFile *dso;
  u64 size;
  u8 p2align;
} DsoCommonMerge;

struct Ctx {
  Options opt;
  const Arch *arch;
  Arena arena;
  Arena worker_arenas[MAX_THREADS];

  VEC(InputFile *) objs;      /* live object files in priority order */
  VEC(InputFile *) all_files; /* every file, lazy members too */
  i64 next_priority;
  InputFile *internal_file; /* owner of linker-defined symbols */

  /* global symbol table: open addressing; a slot holds a Symbol* with the top 16 bits
   * of its name's hash above it, claimed with compare-and-swap */
  _Atomic u64 *symtab;
  i64 symtab_cap;
  ComdatGroup *_Atomic *comdats; /* open addressing, at most half full */
  i64 comdats_cap;
  /* The counts threads add to while they intern, each on a cache line of its own:
   * beside the table pointers every probe reads, each add would cost every other
   * thread a miss on its next probe. */
  _Alignas(64) _Atomic i64 symtab_len;
  _Alignas(64) _Atomic i64 ncomdats;
  /* while the parse pipeline interns on several threads (lock_name_tables) */
  _Alignas(64) bool names_shared;
  pthread_rwlock_t names_lock;
  _Atomic i64 names_set_aside, groups_set_aside; /* room promised to lock holders */

  /* output */
  VEC(Chunk *) chunks; /* in output order after sort_output_sections */
  VEC(Elf64_Phdr) phdrs;
  Chunk *ehdr, *phdr, *shdr;
  Chunk *got, *gotplt, *iplt, *rela_iplt, *eh_frame, *eh_frame_hdr, *build_id;
  Chunk *gnu_property, *comment, *symtab_chunk, *strtab, *shstrtab;
  RelocatableOutput *relocatable; /* -r: what relocatable.c plans and writes */
  VEC(SectionRule) section_rules; /* -r: the SECTIONS rules of -T scripts, in order */
  PltUnwind plt_unwind; /* --ld-generated-unwind-info: .eh_frame records for the PLT */
  /* --separate-debug-file: the main output's .gnu_debuglink; the chunks that go to the
   * debug file only (.debug_*, .symtab, .strtab); that file and the CRC it must have */
  Chunk *gnu_debuglink;
  VEC(Chunk *) debug_chunks;
  SideOutput debug_file;
  u32 debuglink_crc;
  struct GdbIndex *gdb_index; /* --gdb-index: what the inputs' DWARF gave; NULL: no index */
  bool ibt_plt; /* PLT entries start with endbr64 (-z ibtplt, -z ibt, or all inputs IBT) */
  Chunk *plt, *plt_sec, *pltgot, *rela_dyn, *interp, *dynamic, *dynsym, *dynstr, *gnu_hash, *hash, *versym,
      *verneed, *verdef, *relr, *copyrel, *copyrel_ro;
  bool is_dynamic;            /* has a dynamic section (DSO inputs, -pie or -shared) */
  VEC(InputFile *) dsos;      /* shared objects in command-line order */
  VEC(InputFile *) indirect_dsos;   /* found through DT_NEEDED only (indirect-libs.c) */
  VEC(InputFile *) needed_closure;  /* needed libraries and all they need, loaded ones */
  IndirectDefinition *indirect_defs; /* names the indirect libraries define (a table) */
  i64 indirect_defs_len, indirect_defs_cap;
  bool indirect_defs_built;   /* the table is made at its first use: most links never ask */
  VEC(Symbol *) dynsyms;      /* .dynsym order, [0] unused */
  VEC(struct DynRel) dynrels; /* .rela.dyn contents, RELATIVE first after sorting */
  i64 nrelative;              /* RELATIVE entries left in .rela.dyn */
  i64 nrelr;                  /* RELATIVE relocations packed into .relr.dyn */
  i64 (*rela_block_start)[3]; /* write_rela_dyn_block: per block and order class, the
                                 index of the block's first entry of that class */
  VEC(char) dynstr_buf;       /* .dynstr contents */
  i64 gnu_hash_symoffset, gnu_hash_nbuckets, gnu_hash_bloom;
  bool has_textrel;
  atomic_bool needs_tlsld;        /* some local-dynamic access in a shared object */
  atomic_bool has_static_tls;     /* initial-exec in a shared object: DF_STATIC_TLS */
  VEC(VersionNode) version_nodes; /* from --version-script, in order */
  DynamicState dyn;
  VEC(ExplainRef) explain_refs; /* --explain-symbol: references seen by the scan */
  Chunk *tdata_first, *tls_last;
  VEC(Symbol *) got_syms;            /* symbols with GOT-family slots, allocation order */
  VEC(Symbol *) plt_syms;            /* symbols with .plt entries */
  VEC(Symbol *) iplt_syms;           /* symbols with .iplt entries */
  VEC(Symbol *) pltgot_syms;         /* symbols with .plt.got entries */
  VEC(Symbol *) copy_syms;           /* symbols with COPY relocations (one per copied object) */
  i64 got_slots;                     /* slots in .got */
  i64 tlsld_got_idx;                 /* -1 if none */
  u64 tls_begin, tls_end, tls_align; /* PT_TLS range */
  bool has_tls;
  bool has_gnu_extensions; /* IFUNC or GNU_UNIQUE symbols: EI_OSABI = ELFOSABI_GNU */
  u32 gnu_property_and;    /* merged X86_FEATURE_1_AND */
  u32 isa_needed;          /* merged ISA_1_NEEDED */
  bool emit_feature_and, emit_isa_needed;
  u32 property_1_needed; /* merged GNU_PROPERTY_1_NEEDED (OR), 0: not written */

  /* named symbols the linker defines or needs */
  Symbol *sym_gotp;                    /* _GLOBAL_OFFSET_TABLE_ */
  VEC(Symbol *) linker_syms;           /* all linker-defined symbols */
  VEC(InputSection *) common_sections; /* .bss homes of COMMON symbols */
  VEC(DsoCommonMerge) dso_common_merges; /* libraries' common-like sizes, if they stay */

  /* errors */
  i64 nerrors, nwarnings;
  i64 nprinted_errors;      /* --error-limit counts them */
  const char **args;        /* the command line, response files expanded (--reproduce) */
  i64 nargs;
  Chunk *misplaced_section; /* --section-start below the sections before it (layout.c) */
  u64 misplaced_end;
  VEC(TraceEvent) trace_events; /* --time-trace, in pass order */
  double busy_together_seconds; /* --time-report: wall time with two or more threads busy */
  VEC(PendingError) pending_errors;

  /* symtab writing */
  i64 symtab_nlocal, symtab_count;
  i64 *symtab_segment_starts; /* per segment: first symbol index, first string offset */
  struct UniqueNames *symtab_unique; /* -z unique-symbol numbering (symtab.c); NULL: off */
  const char **retained_names;       /* --retain-symbols-file, sorted; NULL: every name */
  i64 nretained;
  i64 strtab_size;

  /* output buffer */
  u8 *buf;
  i64 filesize;
  i64 reserved_bytes; /* of filesize, those given disk blocks: the rest are holes */
  const char *tmp_output;
  u64 entry_addr;

  /* tracing */
  FILE *why_extract_out;
  VEC(MappedFile *) mappings; /* files we mmap'd (members point into these) */
};

#endif
