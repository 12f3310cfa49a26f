/* rv_link: the whole link, one pass per line. This is the only place where the order
 * of the passes is written. */
#include "arch.h"
#include "rivet.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

static int compare_common_alignment(const void *a, const void *b) {
  const InputSection *x = *(InputSection *const *)a, *y = *(InputSection *const *)b;
  if (x->p2align != y->p2align)
    return x->p2align > y->p2align ? -1 : 1;
  return (x->init_priority > y->init_priority) - (x->init_priority < y->init_priority);
}

/* A common symbol becomes a .bss definition in the file whose common won, as large and
 * as aligned as the libraries the program loads (needed, or needed by those) define it. With --sort-common they are
 * placed by decreasing alignment, which wastes no padding. */
static bool loaded_at_run_time(Ctx *ctx, const InputFile *dso) {
  for (i64 i = 0; i < ctx->needed_closure.len; i++)
    if (ctx->needed_closure.data[i] == dso)
      return true;
  return false;
}

typedef VEC(Symbol *) SymbolList;

/* The commons a file won, in its symbol order; files on all threads. */
static void list_won_commons_task(Ctx *ctx, i64 fi, void *arg) {
  InputFile *f = ctx->objs.data[fi];
  SymbolList *out = &((SymbolList *)arg)[fi];
  for (i64 i = f->first_global; i < f->nsyms; i++) {
    Symbol *s = f->syms[i];
    if (s->rank == RANK_COMMON && s->file == f && s->sym_idx == i)
      vec_push(out, s);
  }
}

static void convert_common_symbols(Ctx *ctx) {
  for (i64 i = 0; i < ctx->dso_common_merges.len; i++) {
    DsoCommonMerge *m = &ctx->dso_common_merges.data[i];
    if (m->sym->rank == RANK_COMMON && loaded_at_run_time(ctx, m->dso)) {
      m->sym->size = MAX(m->sym->size, m->size);
      m->sym->common_p2align = MAX(m->sym->common_p2align, m->p2align);
    }
  }
  SymbolList *won = calloc((size_t)MAX(ctx->objs.len, 1), sizeof(SymbolList));
  if (!won)
    fatal(ctx, "out of memory");
  parallel_for(ctx, ctx->objs.len, list_won_commons_task, won);
  for (i64 fi = 0; fi < ctx->objs.len; fi++) {
    InputFile *f = ctx->objs.data[fi];
    for (i64 k = 0; k < won[fi].len; k++) {
      Symbol *s = won[fi].data[k];
      if (ctx->opt.no_define_common) {
        make_undefined(s, STT_OBJECT);            /* GNU ld: the loader finds it elsewhere */
        s->referenced = s->has_strong_ref = true; /* by the objects that had it common */
        continue;
      }
      InputSection *isec = ARENA_NEW(&ctx->arena, InputSection);
      Elf64_Shdr *sh = ARENA_NEW(&ctx->arena, Elf64_Shdr);
      sh->sh_type = SHT_NOBITS;
      sh->sh_flags = SHF_ALLOC | SHF_WRITE;
      sh->sh_size = s->size;
      isec->file = f;
      isec->shdr = sh;
      isec->name = ".bss";
      isec->type = SHT_NOBITS;
      isec->flags = sh->sh_flags;
      isec->size = s->size;
      isec->p2align = s->common_p2align;
      isec->is_alive = true;
      isec->init_priority = 65536;
      s->isec = isec;
      s->value = 0;
      s->rank = RANK_DEFINED;
      s->type = STT_OBJECT;
      isec->init_priority = (i32)ctx->common_sections.len; /* input order, for a stable sort */
      vec_push(&ctx->common_sections, isec);
    }
    free(won[fi].data);
  }
  free(won);
  if (ctx->opt.sort_common && ctx->common_sections.len > 1)
    qsort(ctx->common_sections.data, (size_t)ctx->common_sections.len, sizeof(InputSection *),
          compare_common_alignment);
}

/* GNU ld: the stack is executable if asked (-z execstack) or if some object does not
 * say it needs no executable stack (.note.GNU-stack missing or marked SHF_EXECINSTR). */
static void decide_stack(Ctx *ctx) {
  if (ctx->opt.z_execstack_set)
    return;
  bool any_note = false;
  InputFile *exec_note = NULL, *missing = NULL;
  for (i64 i = 0; i < ctx->objs.len && !exec_note; i++) {
    InputFile *f = ctx->objs.data[i];
    if (f->nshdrs == 0)
      continue;
    any_note |= f->has_gnu_stack;
    if (f->has_gnu_stack && f->gnu_stack_exec)
      exec_note = f;
    else if (!f->has_gnu_stack)
      missing = f;
  }
  if (!exec_note && !missing)
    return;
  ctx->opt.z_execstack = true;
  /* GNU ld warns (for shared objects too) only when some object has the note, or
   * -z stack-size is given; it names the object with an executable note, else the
   * last one without a note. */
  if (ctx->opt.no_warn_execstack || (!any_note && !ctx->opt.z_stack_size))
    return;
  if (exec_note)
    warn(ctx, "%s: requires executable stack (because the .note.GNU-stack section is executable)",
         exec_note->name);
  else
    warn(ctx,
         "%s: missing .note.GNU-stack section implies executable stack\nld.rivet: NOTE: This "
         "behaviour is deprecated and will be removed in a future version of the linker",
         missing->name);
}

/* --error-execstack / --error-rwx-segments: GNU ld's hardening checks. */
static void check_segment_permissions(Ctx *ctx) {
  if (ctx->opt.error_execstack && ctx->opt.z_execstack)
    error(ctx, "%s: the output requires an executable stack (--error-execstack)", ctx->opt.output);
  for (i64 i = 0; i < ctx->phdrs.len; i++) {
    Elf64_Phdr *p = &ctx->phdrs.data[i];
    if (p->p_type != PT_LOAD || (p->p_flags & (PF_W | PF_X)) != (PF_W | PF_X))
      continue;
    if (ctx->opt.error_rwx_segments)
      error(ctx, "%s: a LOAD segment has RWX permissions (--error-rwx-segments)", ctx->opt.output);
    /* GNU ld's default: a warning, for shared objects too (--no-warn-rwx-segments: none). */
    else if (!ctx->opt.no_warn_rwx_segments)
      warn(ctx, "%s has a LOAD segment with RWX permissions", ctx->opt.output);
    break;
  }
}

/* -n and -N put the headers in one unpaged segment. GNU ld then cannot cover the
 * PT_PHDR that a program interpreter reads and refuses the link; rivet refuses it too,
 * before any work, rather than write a dynamic executable GNU ld never makes. */
static void check_unpaged_executable(Ctx *ctx) {
  if (ctx->opt.magic != MAGIC_DEMAND_PAGED && ctx->interp)
    error(ctx,
          "%s: -n/-N (--nmagic/--omagic) cannot make a dynamically linked executable; link "
          "with -static, --no-dynamic-linker or -shared, or without -n/-N",
          ctx->opt.output);
}

static void check_output_kind(Ctx *ctx) {
  if (ctx->opt.kind != OUT_EXEC)
    ctx->is_dynamic = true;
}

static void resolve_entry(Ctx *ctx) {
  if (!ctx->opt.entry)
    ctx->opt.entry = "_start";
  Symbol *sym = find_symbol(ctx, ctx->opt.entry);
  if (sym && symbol_is_defined(sym) && !sym->is_imported) {
    ctx->entry_addr = symbol_definition_address(ctx, sym);
    return;
  }
  if (ctx->opt.kind == OUT_SHARED && !ctx->opt.entry_given) {
    ctx->entry_addr = 0; /* a library has no entry point unless asked for one */
    return;
  }
  char *end;
  unsigned long long v = strtoull(ctx->opt.entry, &end, 0);
  if (!*end) {
    ctx->entry_addr = v;
    return;
  }
  u64 text = 0;
  for (i64 i = 0; i < ctx->chunks.len; i++)
    if (!strcmp(ctx->chunks.data[i]->name, ".text"))
      text = ctx->chunks.data[i]->shdr.sh_addr;
  warn(ctx, "cannot find entry symbol %s; defaulting to 0x%lx", ctx->opt.entry,
       (unsigned long)text);
  ctx->entry_addr = text;
}

double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Process CPU time, all threads, user and system (page faults and zeroing count). */
static double cpu_seconds(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
}

/* --time-report: per pass its wall time, its CPU time over all threads, and the part of
 * its wall time during which at most one thread was busy (the serial share, which
 * bounds how much more cores could help: Amdahl's law). */
PassClock read_clock(Ctx *ctx) {
  return (PassClock){now_seconds(), cpu_seconds(), ctx->busy_together_seconds};
}

void report_pass(Ctx *ctx, PassClock t0, const char *what, bool is_step) {
  PassClock t1 = read_clock(ctx);
  double wall = t1.wall - t0.wall, serial = wall - (t1.together - t0.together);
  fprintf(stderr, "%8.3f ms %8.3f ms cpu %5.1f%% serial  %s%s\n", wall * 1e3,
          (t1.cpu - t0.cpu) * 1e3, wall > 0 ? 100 * MAX(serial, 0) / wall : 0.0,
          is_step ? "  . " : "", what);
}

/* --time-trace: a pass as a Chrome trace "complete" event (ph "X"), times in us. */
static void record_trace_event(Ctx *ctx, double start, const char *call) {
  TraceEvent e = {call, start, now_seconds() - start};
  vec_push(&ctx->trace_events, e);
}

/* --time-trace: the passes as Chrome's trace event format (lld writes the same kind
 * of file, OUTPUT.time.json unless --time-trace-file names another). */
static void write_time_trace(Ctx *ctx, double link_start) {
  const char *path = ctx->opt.time_trace_file
                         ? ctx->opt.time_trace_file
                         : arena_sprintf(&ctx->arena, "%s.time.json", ctx->opt.output);
  FILE *out = fopen(path, "w");
  if (!out) {
    error(ctx, "cannot open --time-trace file %s: %s", path, strerror(errno));
    checkpoint(ctx);
    return;
  }
  fprintf(out, "{\"traceEvents\":[\n");
  for (i64 i = 0; i < ctx->trace_events.len; i++) {
    const TraceEvent *e = &ctx->trace_events.data[i];
    if (e->seconds * 1e6 < (double)ctx->opt.time_trace_granularity)
      continue;
    fprintf(out, "{\"ph\":\"X\",\"pid\":1,\"tid\":0,\"ts\":%.0f,\"dur\":%.0f,\"name\":\"%.*s\"},\n",
            (e->start - link_start) * 1e6, e->seconds * 1e6, (int)strcspn(e->name, "("), e->name);
  }
  fprintf(out,
          "{\"ph\":\"X\",\"pid\":1,\"tid\":0,\"ts\":0,\"dur\":%.0f,\"name\":\"Total link\"}\n]}\n",
          (now_seconds() - link_start) * 1e6);
  if (fclose(out)) {
    error(ctx, "cannot write --time-trace file %s: %s", path, strerror(errno));
    checkpoint(ctx);
  }
}

#define PASS(call)                                                                                 \
  do {                                                                                             \
    PassClock t0_ = ctx->opt.time_report ? read_clock(ctx) : (PassClock){0};                       \
    double start_ = ctx->opt.time_trace ? now_seconds() : 0;                                       \
    call;                                                                                          \
    if (ctx->opt.time_report)                                                                      \
      report_pass(ctx, t0_, #call, false);                                                         \
    if (ctx->opt.time_trace)                                                                       \
      record_trace_event(ctx, start_, #call);                                                      \
  } while (0)

/* --time-report: the size of the link, to read the pass times against. */
static void report_counts(Ctx *ctx) {
  i64 nsections = 0, nlocals = 0, nrels = 0;
  for (i64 i = 0; i < ctx->objs.len; i++) {
    InputFile *f = ctx->objs.data[i];
    nlocals += f->first_global;
    for (i64 k = 0; f->sections && k < f->nshdrs; k++)
      if (f->sections[k]) {
        nsections++;
        nrels += f->sections[k]->nrels;
      }
  }
  fprintf(stderr,
          "objects %ld, sections %ld, relocations %ld, local symbols %ld, global names %ld, "
          "dynamic relocations %ld\n",
          (long)ctx->objs.len, (long)nsections, (long)nrels, (long)nlocals, (long)ctx->symtab_len,
          (long)ctx->dynrels.len);
}

/* --time-report: resident memory by kind, from the kernel's own accounting. */
static void report_memory(void) {
  FILE *f = fopen("/proc/self/status", "r");
  if (!f)
    return;
  char line[256];
  while (fgets(line, sizeof line, f))
    if (!strncmp(line, "VmHWM:", 6) || !strncmp(line, "RssAnon:", 8) ||
        !strncmp(line, "RssFile:", 8))
      fprintf(stderr, "%s", line);
  fclose(f);
}

/* -r: an object for a later link. The final link's passes up to the binning of input
 * sections, then relocatable.c's own: no symbol is bound to an address and nothing is
 * relocated, so none of the scan, the GOT/PLT or the dynamic sections. */
static int link_relocatable(Ctx *ctx) {
  PASS(check_relocatable_options(ctx)); // -shared, -pie, --relax ... are a final link's
  if (checkpoint(ctx))
    return 1;
  PASS(read_inputs(ctx)); // map files, load objects, extract archive members
  if (checkpoint(ctx))
    return 1;
  PASS(print_trace(ctx));              // -t: the files the link uses
  PASS(warn_backward_references(ctx)); // --warn-backrefs: what GNU ld would refuse
  PASS(warn_common_symbols(ctx));      // --warn-common: commons meeting others
  PASS(define_defsym_symbols(ctx));    // --defsym: the only symbols -r defines
  if (ctx->opt.define_common)
    PASS(convert_common_symbols(ctx));    // -d: COMMON -> .bss definitions, else they stay
  PASS(check_required_symbols(ctx));      // --require-defined names must be defined
  PASS(decide_stack(ctx));                // .note.GNU-stack from the inputs'
  PASS(apply_section_rules(ctx));         // -T's SECTIONS: output names, /DISCARD/, KEEP
  PASS(gc_sections(ctx));                 // --gc-sections: from the -e and -u roots
  PASS(split_eh_frames(ctx));             // .eh_frame records; drop FDEs of dropped code
  PASS(bin_input_sections(ctx));          // input sections -> output sections, by name
  PASS(create_relocatable_sections(ctx)); // .group, .rela.*, notes, symbol tables
  PASS(number_relocatable_symbols(ctx));  // section symbols, locals, globals: indices
  PASS(layout_relocatable(ctx));          // section indices and file offsets
  if (checkpoint(ctx))
    return 1;
  bool opened;
  PASS(opened = open_output(ctx));
  if (!opened) {
    checkpoint(ctx);
    return 1;
  }
  PASS(write_relocatable(ctx)); // contents copied, relocations and symbols rewritten
  PASS(write_build_id(ctx));    // hashes the finished image
  PASS(print_why_extract(ctx));
  PASS(print_map_file(ctx));
  PASS(print_cross_references(ctx));
  PASS(write_dependency_file(ctx));
  PASS(write_reproduce_tar(ctx));
  return commit_output(ctx);
}

static int link_final(Ctx *ctx) {
  PassClock link_start = ctx->opt.time_report ? read_clock(ctx) : (PassClock){0};
  double trace_start = now_seconds();
  PASS(check_output_kind(ctx)); // what this build can write
  PASS(read_inputs(ctx));       // map files, load objects, extract archive members
  if (checkpoint(ctx))          // unreadable inputs, duplicates: stop here
    return 1;
  PASS(print_trace(ctx));                 // -t: the files the link uses
  PASS(warn_backward_references(ctx));    // --warn-backrefs: what GNU ld would refuse
  PASS(warn_common_symbols(ctx));         // --warn-common: commons meeting others
  PASS(mark_needed_dsos(ctx));            // --as-needed libraries nobody uses get no DT_NEEDED
  PASS(load_indirect_libraries(ctx));     // what the needed libraries need: exports, checks
  PASS(report_link_warnings(ctx));        // .gnu.warning.SYM: a message per reference to SYM
  PASS(add_linker_defined_symbols(ctx));  // __ehdr_start, _end, ... if referenced
  PASS(add_section_bracket_symbols(ctx)); // __start_SEC/__stop_SEC for C-identifier sections
  PASS(convert_common_symbols(ctx));      // COMMON -> .bss definitions
  PASS(check_required_symbols(ctx));      // --require-defined names must be defined
  PASS(decide_stack(ctx));                // PT_GNU_STACK from .note.GNU-stack
  PASS(compute_import_export(ctx));       // imported / exported / preemptible, once
  PASS(report_orphan_sections(ctx));      // --orphan-handling=warn|error
  PASS(gc_sections(ctx));                 // --gc-sections: drop what nothing reaches
  PASS(fold_identical_sections(ctx));     // --icf: one copy of identical sections
  PASS(split_eh_frames(ctx));             // .eh_frame records; drop FDEs of dead code
  PASS(create_early_chunks(ctx));         // .comment, merged with the inputs' strings
  PASS(split_mergeable_sections(ctx));    // SHF_MERGE pieces, de-duplicated
  PASS(read_gdb_index_inputs(ctx));       // --gdb-index: units, ranges, names; drop .debug_gnu_pub*
  PASS(bin_input_sections(ctx));          // input sections -> output sections
  PASS(create_emitted_relocation_sections(ctx)); // --emit-relocs: a .rela per section
  PASS(create_gdb_index(ctx));            // --gdb-index: sized now, after the .debug_* sections
  PASS(create_synthetic_sections(ctx));   // headers, GOT, .iplt, notes, symbol tables
  PASS(create_debuglink_section(ctx));    // --separate-debug-file: .gnu_debuglink
  PASS(check_unpaged_executable(ctx));    // -n/-N: no program interpreter, as GNU ld
  PASS(scan_relocations(ctx));            // decide GOT/.iplt/TLS needs; undefined symbols
  PASS(check_shlib_undefined(ctx));       // libraries' undefined symbols must be defined
  if (checkpoint(ctx))
    return 1;
  PASS(allocate_got_and_plt(ctx));        // serial: GOT/PLT/COPY/canonical, input order
  PASS(add_plt_unwind_info(ctx));         // .eh_frame records for the PLT, now that it is sized
  PASS(collect_dynamic_relocations(ctx)); // .rela.dyn contents, now that COPY/canonical exist
  PASS(select_relr_candidates(ctx));      // -z pack-relative-relocs: which go to .relr.dyn
  if (checkpoint(ctx))
    return 1;
  PASS(sort_output_sections(ctx));      // final section order
  PASS(layout_sections(ctx));           // addresses, offsets, program headers
  PASS(fix_linker_symbols(ctx));        // linker-defined symbols get their addresses
  PASS(resolve_entry(ctx));             // e_entry
  PASS(compress_debug_sections(ctx));   // --compress-debug-sections: final sizes, later offsets
  PASS(set_aside_debug_sections(ctx));  // --separate-debug-file: the output without them
  PASS(check_segment_permissions(ctx)); // --error-execstack, --error-rwx-segments
  PASS(link_emitted_relocation_sections(ctx)); // --emit-relocs: section indices are final
  if (checkpoint(ctx))
    return 1;
  bool opened;
  PASS(opened = open_output(ctx)); // temp file beside -o, reserved, mapped, made present
  if (!opened) {
    checkpoint(ctx);
    return 1;
  }
  PASS(write_chunks(ctx));   // copy and relocate every chunk in place
  PASS(write_emitted_relocations(ctx)); // --emit-relocs: against the written .symtab
  PASS(write_import_library(ctx));      // --out-implib: the global definitions, absolute
  PASS(rewrite_endbr(ctx));  // -z rewrite-endbr: no landing pad where no indirect branch goes
  PASS(write_gdb_index(ctx)); // addresses and .debug_info offsets are final
  PASS(write_build_id(ctx)); // hashes the finished image
  PASS(write_debuglink_crc(ctx)); // the CRC the debug file will be made to have
  PASS(report_relative_relocs(ctx));
  PASS(print_why_extract(ctx));
  PASS(print_explanations(ctx));
  PASS(print_map_file(ctx));
  PASS(print_cross_references(ctx));
  PASS(print_dependencies(ctx));
  PASS(print_memory_usage(ctx));
  PASS(write_dependency_file(ctx));
  PASS(write_reproduce_tar(ctx));
  PASS(write_separate_debug_file(ctx)); // its temporary file, beside the output's
  int status;
  PASS(status = commit_output(ctx)); // write the image, rename into place, or remove on error
  if (status == 0)
    PASS(status = commit_separate_debug_file(ctx)); // renamed into place after the output
  if (ctx->opt.time_report) {
    report_pass(ctx, link_start, "the whole link: the serial share is what more cores cannot cut",
                false);
    /* After the whole link's line: counting walks every section of every file (2 ms of
     * one thread on llvm-pie), which is the report's cost, not the link's. VmHWM is
     * the peak either way. */
    report_counts(ctx);
    report_memory();
  }
  if (ctx->opt.time_trace && status == 0)
    write_time_trace(ctx, trace_start);
  if (ctx->opt.stats) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    fprintf(stderr, "ld.rivet: total time in link: %.6f\nld.rivet: peak memory: %ld KiB\n",
            now_seconds() - trace_start, (long)ru.ru_maxrss);
  }
  return status;
}

int rv_link(Ctx *ctx) {
  start_thread_pool(ctx); // the workers are up by the first job, not starting with it
  int status = ctx->opt.relocatable ? link_relocatable(ctx) : link_final(ctx);
  leave_memory_release_to_helper(ctx); // --fork: the build waits for the output, not the cleanup
  return status;
}
