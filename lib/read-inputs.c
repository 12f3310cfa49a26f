/* Turns the command line into input files, in three steps:
 *  1. walk the command line (and linker scripts): map every file and list what it
 *     loads, in order (LoadStep);
 *  2. read the objects that are certainly loaded (command-line objects and
 *     --whole-archive members) in parallel, interning their global names;
 *  3. replay the steps in order on one thread: claim COMDAT groups and resolve;
 *     the archive members it extracts are read meanwhile by the other threads
 *     (the parse pipeline, drain).
 * Archive members become lazy symbols and are extracted when a strong undefined
 * reference meets them, wherever the archive stands on the command line (lld's
 * rule; it makes --start-group unnecessary but keeps GNU ld's choice of member in
 * ordinary links). Resolution order is the step order, so the thread count cannot
 * change the result. */
#include "rivet.h"

#include "arch.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct InputState {
  bool whole_archive;
  bool bstatic;
  bool as_needed;
  bool copy_dt_needed;
} InputState;

typedef enum { STEP_OBJECT, STEP_ARCHIVE, STEP_DSO } StepKind;

typedef struct LoadStep {
  StepKind kind;
  InputFile *file;     /* STEP_OBJECT, STEP_DSO */
  MappedFile *archive; /* STEP_ARCHIVE: (NULL: the objects of a --start-lib) */
  InputFile **members; /*   member files, NULL where a member is not ELF */
  ArchiveMemberVec member_list;
  ArchiveIndexVec index;
  Symbol **index_syms;       /*   the index's names, interned in parallel */
  InputFile **index_members; /*   the member each names; NULL: no ELF member there */
  bool whole_archive;        /*   --whole-archive was in force */
  bool failed;               /*   unreadable (reported) */
  i32 group;                 /* --start-group it is in (1, 2, ...), 0: none */
} LoadStep;

typedef struct Loader {
  Ctx *ctx;
  VEC(LoadStep) steps;
  InputState st;
  InputState stack[64];
  i64 depth;
  i64 script_depth;
  i64 first_priority; /* ctx->next_priority before the walk */
  i32 group, ngroups; /* the --start-group in force (0: none), and how many there were */
  i64 lib_step;       /* the --start-lib step objects join, -1: none (0: not yet made) */
  bool in_lib;        /* between --start-lib and --end-lib */
} Loader;

static void load_path(Loader *ld, const char *path, bool from_script, bool by_l);
static void load_mapped(Loader *ld, MappedFile *mf, bool by_l);

/* Safe on any thread. */
static const char *search_lib_dirs(Ctx *ctx, const char *filename) {
  for (i64 i = 0; i < ctx->opt.lib_paths.len; i++) {
    const char *dir = ctx->opt.lib_paths.data[i];
    const char *path = arena_sprintf(local_arena(ctx), "%s/%s", dir, filename);
    if (input_file_exists(ctx, path))
      return path;
  }
  return NULL;
}

/* An ELF header's class, byte order and machine against the output's. */
static bool elf_header_fits(Ctx *ctx, const u8 *h, i64 n) {
  return n >= 20 && h[EI_CLASS] == ELFCLASS64 && h[EI_DATA] == ELFDATA2LSB &&
         rd16(h + 18) == ctx->arch->e_machine;
}

/* Whether a library file found by -l is for this link's target: a shared object or an
 * archive's first object of another class or machine (the 32-bit libraries of a
 * multilib system), or a script whose OUTPUT_FORMAT names another, is skipped and the
 * search goes on (GNU ld). Anything unreadable or unrecognised is taken, to be
 * reported when it is read. */
static bool library_fits(Ctx *ctx, const char *path) {
  int fd = open_input_file(ctx, path);
  if (fd < 0)
    return true;
  u8 head[4096];
  i64 n = pread(fd, head, sizeof head - 1, 0);
  bool fits = true;
  if (n >= 4 && !memcmp(head, ELFMAG, SELFMAG)) {
    fits = elf_header_fits(ctx, head, n);
  } else if (n >= 8 && !memcmp(head, "!<arch>\n", 8)) {
    /* The first member that is not an index or a name table. */
    i64 off = 8;
    for (int k = 0; k < 4; k++) {
      u8 hdr[60 + 20];
      if (pread(fd, hdr, sizeof hdr, off) != (ssize_t)sizeof hdr)
        break;
      if (hdr[0] != '/') {
        fits = memcmp(hdr + 60, ELFMAG, SELFMAG) || elf_header_fits(ctx, hdr + 60, 20);
        break;
      }
      off += 60 + ((strtoll((const char *)hdr + 48, NULL, 10) + 1) & ~1ll);
    }
  } else if (n > 0) {
    head[n] = 0;
    const char *format = strstr((const char *)head, "OUTPUT_FORMAT");
    if (format && (format = strchr(format, '('))) {
      format += 1 + strspn(format + 1, " \t\n\"");
      const char *ours = ctx->arch->output_format;
      fits = strncmp(format, "elf", 3) || !strncmp(format, ours, strlen(ours));
    }
  }
  close(fd);
  return fits;
}

/* -lNAME (or -l:FILE) in the -L directories; safe on any thread. *skipped (if given) is
 * set when a file of another target was passed over. */
static const char *find_library_file(Ctx *ctx, const char *name, bool bstatic, bool *skipped) {
  if (name[0] == ':')
    return search_lib_dirs(ctx, name + 1);
  Arena *arena = local_arena(ctx);
  for (i64 i = 0; i < ctx->opt.lib_paths.len; i++) {
    const char *dir = ctx->opt.lib_paths.data[i];
    for (int static_only = bstatic; static_only < 2; static_only++) {
      const char *path = arena_sprintf(arena, "%s/lib%s.%s", dir, name, static_only ? "a" : "so");
      if (!input_file_exists(ctx, path))
        continue;
      if (library_fits(ctx, path))
        return path;
      if (skipped)
        *skipped = true;
      else
        inform(ctx, "skipping incompatible %s when searching for -l%s", path, name);
    }
  }
  return NULL;
}

static const char *find_library(Loader *ld, const char *name) {
  return find_library_file(ld->ctx, name, ld->st.bstatic, NULL);
}

/* Makes an object live. It is read, its COMDAT groups claimed and its symbols
 * resolved by drain(), in queue order; extractions its references cause queue up
 * behind it. */
static void add_object(Ctx *ctx, InputFile *f) {
  f->is_alive = true;
  vec_push(&ctx->objs, f);
}

void extract_member(Ctx *ctx, InputFile *member, Symbol *why, InputFile *by) {
  if (member->is_alive)
    return;
  member->extracted_by = why ? why->name : NULL;
  member->extracted_from_file = by;
  add_object(ctx, member);
}

/* Only what the symbol table's sizing needs: the symbols themselves are checked by
 * read_contents_task, just before the same task reads them again, while they are in
 * the cache (a separate pass over every symbol table first, as before, brought them in
 * from memory twice: llvm-shared's checks took 7.7 ms at --threads=1, 12.5 ms of CPU
 * at 2). */
static void read_headers_task(Ctx *ctx, i64 i, void *arg) {
  InputFile *f = ((InputFile **)arg)[i];
  populate_mapping(f->mf); /* all of it is read from here on */
  read_object_headers(ctx, f);
}

static void read_contents_task(Ctx *ctx, i64 i, void *arg) {
  InputFile *f = ((InputFile **)arg)[i];
  read_object_contents(ctx, f);
  intern_object_symbols(ctx, f);
}

/* Larger files first, so that none is left to run alone at the end. */
static i64 *file_sizes(InputFile **files, i64 n) {
  i64 *sizes = malloc((size_t)MAX(n, 1) * sizeof(i64));
  if (!sizes)
    return NULL;
  for (i64 i = 0; i < n; i++)
    sizes[i] = files[i]->mf->size;
  return sizes;
}

/* Objects on all threads, their headers read already and the symbol and group tables
 * sized for every global name and group: sections, relocations and names. */
static void read_objects_in_parallel(Ctx *ctx, InputFile **files, i64 n, const i64 *sizes) {
  for (i64 i = 0; i < n; i++)
    atomic_store(&files[i]->parse_state, PARSE_DONE);
  parallel_for_heaviest_first(ctx, n, read_contents_task, files, sizes);
}

/* The parse pipeline. One thread resolves the queued files (ctx->objs) in order, as
 * they were queued; the archive members it extracts are read meanwhile by the other
 * threads, and by the resolving thread itself when it would otherwise wait. Reading a
 * file depends on no other file, so which thread reads what cannot change the
 * result; the order of claims and resolution stays the queue order. */
typedef struct ParseQueue {
  /* Readers take files by moving next; on its own cache line, so that their
   * compare-and-swaps do not slow the resolving thread's reads of the rest. */
  _Alignas(64) _Atomic i64 next;      /* the lowest queue index no thread has taken yet */
  _Alignas(64) _Atomic i64 published; /* ctx->objs.data[0, published) may be read by any thread */
  i64 published_here;                 /* the resolving thread's copy of published */
  _Atomic bool closed;                /* resolution is over: readers return */
  _Atomic i64 sleepers;               /* readers waiting for more files */
  pthread_mutex_t lock;
  pthread_cond_t more;
  /* Members likely to be extracted soon, read when no queued file is left: the
   * extraction chain (a member's references extract the next) otherwise leaves all
   * threads but one waiting. Each member is listed once; a slot is NULL until its
   * lister has filled it. */
  InputFile *_Atomic *ahead;
  _Alignas(64) _Atomic i64 ahead_next; /* the first listed member nobody has taken */
  _Alignas(64) _Atomic i64 ahead_len;
} ParseQueue;

/* Diagnostics of the pipeline sort by queue position: what a step (an archive's or a
 * shared object's names) raises before the files it queues, reading errors before
 * resolution errors of the same file. */
static i64 step_item(i64 queue_len) {
  return 3 * queue_len;
}
static i64 read_item(i64 index) {
  return 3 * index + 1;
}
static i64 resolve_item(i64 index) {
  return 3 * index + 2;
}

static void wake_readers(ParseQueue *q) {
  if (atomic_load(&q->sleepers) > 0) {
    pthread_mutex_lock(&q->lock);
    pthread_cond_broadcast(&q->more);
    pthread_mutex_unlock(&q->lock);
  }
}

/* Lists the members that f's strong references will most likely extract, so that
 * idle threads read them before the resolution walk asks for them. A wrong guess
 * costs a read and changes nothing else. */
static void list_likely_extractions(ParseQueue *q, InputFile *f) {
  if (!f->syms)
    return;
  bool listed = false;
  for (i64 i = f->first_global; i < f->nsyms; i++) {
    const ESym *esym = &f->esyms[i];
    if (esym->st_shndx != SHN_UNDEF || ELF64_ST_BIND(esym->st_info) == STB_WEAK)
      continue;
    InputFile *m =
        atomic_load_explicit(&global_symbol(f->syms[i])->likely_definer, memory_order_relaxed);
    if (!m || atomic_load_explicit(&m->parse_state, memory_order_relaxed) != PARSE_NOT_STARTED ||
        atomic_load_explicit(&m->read_ahead, memory_order_relaxed) ||
        atomic_exchange(&m->read_ahead, true))
      continue;
    atomic_store_explicit(&q->ahead[atomic_fetch_add(&q->ahead_len, 1)], m, memory_order_release);
    listed = true;
  }
  if (listed)
    wake_readers(q);
}

/* Reads f, which this thread claimed. What the reading says is held with f and said
 * when the resolution walk reaches it, so that it comes out in queue order, and not
 * at all for a member read ahead and never extracted. */
static void read_claimed_file(Ctx *ctx, ParseQueue *q, InputFile *f) {
  hold_messages(&f->read_messages);
  populate_mapping(f->mf);
  i64 nnames = 0, ngroups = 0;
  if (read_object_symbols(ctx, f)) {
    nnames = f->nsyms - f->first_global;
    ngroups = f->ngroups;
  }
  lock_name_tables(ctx, nnames, ngroups);
  read_object_contents(ctx, f);
  intern_object_symbols(ctx, f);
  unlock_name_tables(ctx, nnames, ngroups);
  hold_messages(NULL);
  list_likely_extractions(q, f);
  atomic_store_explicit(&f->parse_state, PARSE_DONE, memory_order_release);
}

static bool claim(InputFile *f) {
  u8 expected = PARSE_NOT_STARTED;
  return atomic_compare_exchange_strong(&f->parse_state, &expected, PARSE_CLAIMED);
}

/* Takes the next listed likely member nobody has taken and reads it; false if none. */
static bool read_ahead(Ctx *ctx, ParseQueue *q) {
  for (;;) {
    i64 i = atomic_load(&q->ahead_next);
    if (i >= atomic_load(&q->ahead_len))
      return false;
    InputFile *f = atomic_load_explicit(&q->ahead[i], memory_order_acquire);
    if (!f)
      return false; /* its lister is still filling the slot */
    if (!atomic_compare_exchange_weak(&q->ahead_next, &i, i + 1))
      continue;
    if (claim(f)) {
      note_busy(ctx, true);
      read_claimed_file(ctx, q, f);
      note_busy(ctx, false);
    }
    return true;
  }
}

static bool has_work(ParseQueue *q) {
  return atomic_load(&q->next) < atomic_load(&q->published) ||
         atomic_load(&q->ahead_next) < atomic_load(&q->ahead_len);
}

/* Takes the next queued file nobody has taken and reads it; false if there is none. */
static bool read_next_queued(Ctx *ctx, ParseQueue *q) {
  for (;;) {
    i64 i = atomic_load(&q->next);
    if (i >= atomic_load_explicit(&q->published, memory_order_acquire))
      return false;
    if (!atomic_compare_exchange_weak(&q->next, &i, i + 1))
      continue;
    InputFile *f = ctx->objs.data[i];
    if (claim(f)) {
      note_busy(ctx, true);
      read_claimed_file(ctx, q, f);
      note_busy(ctx, false);
    }
    return true;
  }
}

/* About 50 us of PAUSE before a reader sleeps or the resolver yields. */
enum { QUEUE_SPIN_ROUNDS = 2048 };

static void reader_task(Ctx *ctx, i64 i, void *arg) {
  (void)i;
  ParseQueue *q = arg;
  for (;;) {
    if (read_next_queued(ctx, q) || read_ahead(ctx, q))
      continue;
    for (int k = 0; k < QUEUE_SPIN_ROUNDS && !has_work(q) && !atomic_load(&q->closed); k++)
      cpu_relax();
    if (has_work(q))
      continue;
    if (atomic_load(&q->closed))
      return;
    pthread_mutex_lock(&q->lock);
    atomic_fetch_add(&q->sleepers, 1);
    while (!has_work(q) && !atomic_load(&q->closed))
      pthread_cond_wait(&q->more, &q->lock);
    atomic_fetch_sub(&q->sleepers, 1);
    pthread_mutex_unlock(&q->lock);
  }
}

/* Makes newly queued files visible to the readers and wakes a sleeping one. The
 * sleeper count is read after the store (both sequentially consistent), so a reader
 * that missed the new files has announced itself and gets the broadcast. */
static void publish_queue(Ctx *ctx, ParseQueue *q) {
  if (q->published_here == ctx->objs.len)
    return;
  q->published_here = ctx->objs.len;
  atomic_store(&q->published, ctx->objs.len);
  wake_readers(q);
}

static void close_queue(ParseQueue *q) {
  pthread_mutex_lock(&q->lock);
  atomic_store(&q->closed, true);
  pthread_cond_broadcast(&q->more);
  pthread_mutex_unlock(&q->lock);
}

/* The resolving thread needs f read: it reads it itself if nobody has begun, else
 * reads other queued files (or waits) until the reader of f is done. */
static void wait_until_read(Ctx *ctx, ParseQueue *q, InputFile *f) {
  if (claim(f)) {
    read_claimed_file(ctx, q, f);
    return;
  }
  if (atomic_load_explicit(&f->parse_state, memory_order_acquire) == PARSE_DONE)
    return;
  note_busy(ctx, false);
  for (int k = 0; atomic_load_explicit(&f->parse_state, memory_order_acquire) != PARSE_DONE; k++) {
    if (read_next_queued(ctx, q) || read_ahead(ctx, q))
      continue;
    if (k % QUEUE_SPIN_ROUNDS == QUEUE_SPIN_ROUNDS - 1)
      sched_yield();
    else
      cpu_relax();
  }
  note_busy(ctx, true);
}

static ParseQueue *active_queue;

/* For resolution rules that look into an extracted member before its turn (a common
 * meeting a lazy definition): its symbol table must be complete. */
void wait_for_member(Ctx *ctx, InputFile *member) {
  if (active_queue && member->is_alive)
    wait_until_read(ctx, active_queue, member);
}

/* Resolves the queued files in order. The members they extract join the queue and
 * are read by the other threads while this one resolves. */
static void drain(Ctx *ctx, ParseQueue *q, i64 *cursor) {
  publish_queue(ctx, q);
  for (; *cursor < ctx->objs.len; (*cursor)++) {
    InputFile *f = ctx->objs.data[*cursor];
    wait_until_read(ctx, q, f);
    set_diagnostic_item(read_item(*cursor));
    release_messages(ctx, &f->read_messages);
    set_diagnostic_item(resolve_item(*cursor));
    claim_comdat_groups(ctx, f);
    if (f->syms)
      resolve_file_symbols(ctx, f);
    publish_queue(ctx, q);
  }
  set_diagnostic_item(step_item(ctx->objs.len));
}

static void add_step(Loader *ld, LoadStep step) {
  step.group = ld->group;
  if (step.file)
    step.file->group = ld->group;
  vec_push(&ld->steps, step);
}

/* --start-lib (lld): the objects up to --end-lib make one archive without an index,
 * each member named by its own path; read like any other archive's members. */
static void add_lazy_object(Loader *ld, MappedFile *mf) {
  if (ld->lib_step < 0) {
    add_step(ld, (LoadStep){.kind = STEP_ARCHIVE});
    ld->lib_step = ld->steps.len - 1;
  }
  ArchiveMember m = {.name = mf->path, .data = mf->data, .size = mf->size, .is_elf = true};
  vec_push(&ld->steps.data[ld->lib_step].member_list, m);
}

/* Archives are only listed by the walk; their members are found in parallel by
 * parse_archives, which also expands --whole-archive ones into their objects. */
static void load_archive(Loader *ld, MappedFile *mf) {
  add_step(ld,
           (LoadStep){.kind = STEP_ARCHIVE, .archive = mf, .whole_archive = ld->st.whole_archive});
}

static void parse_archive_task(Ctx *ctx, i64 i, void *arg) {
  LoadStep *step = ((LoadStep **)arg)[i];
  MappedFile *mf = step->archive;
  if (mf && !read_archive(ctx, mf, &step->member_list, step->whole_archive ? NULL : &step->index)) {
    step->failed = true;
    return;
  }
  Arena *arena = local_arena(ctx);
  i64 n = step->member_list.len;
  step->members = ARENA_ARRAY(arena, InputFile *, n);
  for (i64 k = 0; k < n; k++) {
    ArchiveMember *m = &step->member_list.data[k];
    if (!m->is_elf) {
      if (step->whole_archive)
        error(ctx, "%s(%s): member is not an ELF object", mf->path, m->name);
      continue;
    }
    MappedFile *mmf = ARENA_NEW(arena, MappedFile);
    mmf->path = m->name;
    mmf->data = m->data;
    mmf->size = m->size;
    mmf->parent = mf;
    step->members[k] = new_unregistered_object_file(ctx, mmf, mf ? mf->path : NULL);
    step->members[k]->in_whole_archive = step->whole_archive;
    step->members[k]->is_member = true;
  }
}

/* Parses every listed archive at once, then gives all files their priorities in
 * command-line order (an archive's members take its place) and expands
 * --whole-archive archives into object steps. */
static void parse_archives(Ctx *ctx, Loader *ld) {
  VEC(LoadStep *) archives = {0};
  for (i64 i = 0; i < ld->steps.len; i++)
    if (ld->steps.data[i].kind == STEP_ARCHIVE)
      vec_push(&archives, &ld->steps.data[i]);
  /* The largest first: read last, one would be left to run alone. */
  i64 *sizes = malloc((size_t)MAX(archives.len, 1) * sizeof(i64));
  if (!sizes)
    fatal(ctx, "out of memory");
  for (i64 i = 0; i < archives.len; i++)
    sizes[i] = archives.data[i]->archive ? archives.data[i]->archive->size : 0;
  parallel_for_heaviest_first(ctx, archives.len, parse_archive_task, archives.data, sizes);
  free(sizes);
  free(archives.data);
  /* The walk numbered objects and shared objects but not archives; number everything
   * again in step order, each member in its archive's place. */
  VEC(LoadStep) steps = {0};
  ctx->next_priority = ld->first_priority;
  for (i64 i = 0; i < ld->steps.len; i++) {
    LoadStep *step = &ld->steps.data[i];
    if (step->kind != STEP_ARCHIVE) {
      step->file->priority = ctx->next_priority++;
      vec_push(&steps, *step);
      continue;
    }
    if (step->failed) {
      free(step->member_list.data);
      free(step->index.data);
      continue;
    }
    for (i64 k = 0; k < step->member_list.len; k++)
      if (step->members[k]) {
        register_file(ctx, step->members[k]);
        step->members[k]->group = step->group;
      }
    if (!step->whole_archive) {
      vec_push(&steps, *step);
      continue;
    }
    for (i64 k = 0; k < step->member_list.len; k++)
      if (step->members[k])
        vec_push(&steps, ((LoadStep){.kind = STEP_OBJECT, .file = step->members[k]}));
    free(step->member_list.data);
    free(step->index.data);
  }
  free(ld->steps.data);
  ld->steps.data = steps.data;
  ld->steps.len = steps.len;
  ld->steps.cap = steps.cap;
}

/* Lazy symbols for an archive's members, from its index, or from the members'
 * symbol tables when it has none. */
static void add_archive_symbols(Ctx *ctx, LoadStep *step) {
  ArchiveMemberVec *members = &step->member_list;
  ArchiveIndexVec *index = &step->index;
  if (index->len == 0) {
    /* No symbol index (ar without s): read each member's symbol table instead. */
    for (i64 i = 0; i < members->len; i++) {
      InputFile *f = step->members[i];
      if (!f)
        continue;
      /* Only the symbol table: parsing would claim COMDAT groups for a member that
       * may never be extracted. */
      if (!read_object_symbols(ctx, f))
        continue;
      for (i64 k = f->first_global; k < f->nsyms; k++)
        if (esym_shndx(f, k) != SHN_UNDEF)
          add_lazy_symbol(ctx, intern_symbol(ctx, esym_name(f, &f->esyms[k])), f);
    }
    return;
  }
  const char *path = step->archive->path;
  for (i64 i = 0; i < index->len; i++) {
    InputFile *member = step->index_members[i];
    if (!member) {
      bool is_member = false;
      for (i64 k = 0; k < members->len; k++)
        is_member |= members->data[k].header_offset == index->data[i].member_offset;
      if (is_member)
        error(ctx, "%s: symbol index: '%s' is defined by a member that is not an ELF object", path,
              index->data[i].name);
      else
        error(ctx, "%s: symbol index: '%s' refers to offset %ld, which is not a member", path,
              index->data[i].name, (long)index->data[i].member_offset);
      break;
    }
    add_lazy_symbol(ctx, step->index_syms[i], member);
  }
}

static void load_script(Loader *ld, MappedFile *mf) {
  Ctx *ctx = ld->ctx;
  if (++ld->script_depth > 16) {
    error(ctx, "%s: linker scripts nested too deeply (a script includes itself?)", mf->path);
    ld->script_depth--;
    return;
  }
  InputArgVec args = {0};
  if (parse_linker_script(ctx, mf, &args)) {
    for (i64 i = 0; i < args.len && ctx->nerrors == 0; i++) {
      InputArg *a = &args.data[i];
      switch (a->kind) {
      case ARG_SCRIPT_FILE:
      case ARG_FILE: {
        const char *p = sysroot_path(ctx, a->str);
        /* A relative name not in the working directory: beside the script (GNU ld and
         * lld), then in the -L directories. */
        const char *slash = strrchr(mf->path, '/');
        if (!input_file_exists(ctx, p) && p[0] != '/' && slash) {
          const char *beside =
              arena_sprintf(&ctx->arena, "%.*s/%s", (int)(slash - mf->path), mf->path, p);
          if (input_file_exists(ctx, beside))
            p = beside;
        }
        if (!input_file_exists(ctx, p) && p[0] != '/' && search_lib_dirs(ctx, p))
          p = search_lib_dirs(ctx, p);
        if (!input_file_exists(ctx, p) && !(ctx->opt.sysroot && p[0] == '/')) {
          error(ctx, "%s: cannot find %s, named by this linker script", mf->path, a->str);
          break;
        }
        load_path(ld, p, true, false);
        break;
      }
      case ARG_LIBRARY: {
        const char *p = find_library(ld, a->str);
        if (p)
          load_path(ld, p, false, true);
        else
          error(ctx, "%s: unable to find library -l%s, named by this linker script", mf->path,
                a->str);
        break;
      }
      case ARG_AS_NEEDED:
        ld->st.as_needed = true;
        break;
      case ARG_PUSH_STATE:
        if (ld->depth < ARRAY_SIZE(ld->stack))
          ld->stack[ld->depth++] = ld->st;
        break;
      case ARG_POP_STATE:
        if (ld->depth > 0)
          ld->st = ld->stack[--ld->depth];
        break;
      case ARG_GROUP_START: /* GROUP(...): a group, unless the script is read in one */
        if (!ld->group)
          ld->group = -(++ld->ngroups);
        break;
      case ARG_GROUP_END:
        if (ld->group < 0)
          ld->group = 0;
        break;
      default:
        break;
      }
    }
  }
  free(args.data);
  ld->script_depth--;
}

static void load_path(Loader *ld, const char *path, bool from_script, bool by_l) {
  Ctx *ctx = ld->ctx;
  if (from_script && !input_file_exists(ctx, path) && path[0] != '/') {
    const char *found = search_lib_dirs(ctx, path);
    if (found)
      path = found;
  }
  if (from_script && ctx->opt.sysroot && path[0] == '/' && !input_file_exists(ctx, path))
    path = arena_sprintf(&ctx->arena, "%s%s", ctx->opt.sysroot, path);
  MappedFile *mf = map_file_or_error(ctx, path);
  if (mf)
    load_mapped(ld, mf, by_l);
}

/* What a mapped file loads: an archive, a shared object, an object or a script. */
static void load_mapped(Loader *ld, MappedFile *mf, bool by_l) {
  Ctx *ctx = ld->ctx;
  const char *path = mf->path;
  if (is_archive(mf->data, mf->size)) {
    load_archive(ld, mf);
  } else if (is_elf_object(mf->data, mf->size)) {
    if (is_shared_object(mf->data, mf->size)) {
      if (ld->st.bstatic) {
        error(ctx, "attempted static link of dynamic object `%s'", path);
        return;
      }
      /* Without DT_SONAME, DT_NEEDED gets the name as given, or libNAME.so for -lNAME. */
      const char *base = strrchr(path, '/');
      const char *hint = by_l && base ? base + 1 : path;
      InputFile *dso = new_shared_file(ctx, mf, hint, ld->st.as_needed);
      if (dso) {
        dso->copy_dt_needed = ld->st.copy_dt_needed;
        ctx->is_dynamic = true;
        add_step(ld, (LoadStep){.kind = STEP_DSO, .file = dso});
      }
      return;
    }
    if (ld->in_lib)
      add_lazy_object(ld, mf);
    else
      add_step(ld, (LoadStep){.kind = STEP_OBJECT, .file = new_object_file(ctx, mf, NULL)});
  } else if (mf->size >= 4 && !memcmp(mf->data, "BC\xc0\xde", 4)) {
    error(ctx,
          "%s: LLVM bitcode (LTO) input is not supported by this rivet yet: compile "
          "without -flto",
          path);
  } else if (looks_like_linker_script(mf->data, mf->size)) {
    load_script(ld, mf);
  } else {
    error(ctx, "%s: file format not recognized: neither ELF, an archive, nor a linker script",
          path);
  }
}

/* --just-symbols FILE: an object step whose file gives symbols only (just-symbols.c). */
static void load_just_symbols(Loader *ld, const char *path) {
  Ctx *ctx = ld->ctx;
  MappedFile *mf = map_file_or_error(ctx, path);
  if (!mf || !check_just_symbols_file(ctx, mf))
    return;
  InputFile *f = new_object_file(ctx, mf, NULL);
  f->just_symbols = true;
  add_step(ld, (LoadStep){.kind = STEP_OBJECT, .file = f});
}

static int compare_priority(const void *a, const void *b) {
  const InputFile *x = *(InputFile *const *)a, *y = *(InputFile *const *)b;
  return (x->priority > y->priority) - (x->priority < y->priority);
}

/* A run of names to intern: part of an archive's index or of a shared object's
 * dynamic symbols. Large tables are split so that both threads share them. */
typedef struct NameBlock {
  LoadStep *step;
  i64 begin, end;
} NameBlock;

enum { NAME_BLOCK = 1024 };

/* The member at an index entry's offset; NULL if none there is an ELF object. */
static InputFile *member_at(LoadStep *step, i64 header_offset) {
  ArchiveMemberVec *members = &step->member_list;
  for (i64 lo = 0, hi = members->len - 1; lo <= hi;) {
    i64 mid = (lo + hi) / 2;
    if (members->data[mid].header_offset == header_offset)
      return step->members[mid];
    if (members->data[mid].header_offset < header_offset)
      lo = mid + 1;
    else
      hi = mid - 1;
  }
  return NULL;
}

/* Keeps the first member in command-line order as the name's likely definer. */
static void note_likely_definer(Symbol *sym, InputFile *member) {
  InputFile *_Atomic *hint = &global_symbol(sym)->likely_definer;
  InputFile *seen = atomic_load_explicit(hint, memory_order_relaxed);
  while ((!seen || member->priority < seen->priority) &&
         !atomic_compare_exchange_weak_explicit(hint, &seen, member, memory_order_relaxed,
                                                memory_order_relaxed))
    ;
}

static void intern_names_task(Ctx *ctx, i64 i, void *arg) {
  NameBlock *b = &((NameBlock *)arg)[i];
  LoadStep *step = b->step;
  if (step->kind == STEP_DSO) {
    intern_dso_symbols(ctx, step->file, b->begin, b->end);
    return;
  }
  for (i64 k = b->begin; k < b->end; k++)
    step->index_members[k] = member_at(step, step->index.data[k].member_offset);
  for (i64 k = b->begin; k < b->end; k += INTERN_BATCH) {
    i64 n = MIN(INTERN_BATCH, b->end - k);
    const char *names[INTERN_BATCH];
    u64 hashes[INTERN_BATCH];
    for (i64 j = 0; j < n; j++) {
      names[j] = step->index.data[k + j].name;
      hashes[j] = hash_string(names[j], (i64)strlen(names[j]));
    }
    intern_symbols(ctx, n, names, hashes, &step->index_syms[k]);
    for (i64 j = 0; j < n; j++)
      if (step->index_members[k + j])
        note_likely_definer(step->index_syms[k + j], step->index_members[k + j]);
  }
}

/* Step 2: every object the command line certainly loads, the names of every archive
 * index and every shared object's symbols, at once, after one reservation of the
 * symbol table for all of them. */
static void read_listed_objects(Ctx *ctx, Loader *ld) {
  VEC(InputFile *) files = {0};
  VEC(NameBlock) blocks = {0};
  i64 nnames = 0;
  for (i64 i = 0; i < ld->steps.len; i++) {
    LoadStep *step = &ld->steps.data[i];
    i64 n = 0;
    if (step->kind == STEP_OBJECT)
      vec_push(&files, step->file);
    if (step->kind == STEP_ARCHIVE) {
      step->index_syms = ARENA_ARRAY(&ctx->arena, Symbol *, step->index.len);
      step->index_members = ARENA_ARRAY(&ctx->arena, InputFile *, step->index.len);
      n = step->index.len;
    }
    if (step->kind == STEP_DSO)
      n = step->file->nsyms;
    for (i64 k = 0; k < n; k += NAME_BLOCK)
      vec_push(&blocks, ((NameBlock){step, k, MIN(k + NAME_BLOCK, n)}));
    nnames += step->kind == STEP_DSO ? dso_name_count(step->file) : n;
  }
  i64 *sizes = file_sizes(files.data, files.len);
  if (!sizes)
    fatal(ctx, "out of memory");
  parallel_for_heaviest_first(ctx, files.len, read_headers_task, files.data, sizes);
  i64 ngroups = 0;
  for (i64 i = 0; i < files.len; i++) {
    nnames += files.data[i]->nsyms - files.data[i]->first_global;
    ngroups += files.data[i]->ngroups;
  }
  reserve_symbols(ctx, nnames);
  reserve_comdats(ctx, ngroups);
  parallel_for(ctx, blocks.len, intern_names_task, blocks.data);
  read_objects_in_parallel(ctx, files.data, files.len, sizes);
  free(sizes);
  free(files.data);
  free(blocks.data);
}

static void finish_object_task(Ctx *ctx, i64 i, void *arg) {
  (void)arg;
  InputFile *f = ctx->objs.data[i];
  if (f->syms)
    finish_object(ctx, f);
}

/* The objects before the command line's first archive or shared object, read
 * already, resolved on all threads where resolve_leading_objects can. Returns the
 * first step left to the walk. */
static i64 resolve_leading_run(Ctx *ctx, Loader *ld, i64 *cursor) {
  i64 n = 0;
  while (n < ld->steps.len && ld->steps.data[n].kind == STEP_OBJECT)
    n++;
  if (n == 0 || ctx->objs.len != 0)
    return 0;
  for (i64 i = 0; i < n; i++)
    add_object(ctx, ld->steps.data[i].file);
  if (!resolve_leading_objects(ctx, ctx->objs.data, n, resolve_item)) {
    ctx->objs.len = 0; /* the walk queues them again */
    return 0;
  }
  *cursor = n;
  set_diagnostic_item(step_item(n));
  return n;
}

/* Step 3: resolution, in command-line order, with the extracted members read on the
 * other threads meanwhile (the parse pipeline). */
static void replay_load_steps(Ctx *ctx, Loader *ld) {
  i64 cursor = ctx->objs.len; /* a second replay resolves only what it queues */
  ParseQueue q = {.lock = PTHREAD_MUTEX_INITIALIZER, .more = PTHREAD_COND_INITIALIZER};
  /* The readers index ctx->objs while it grows: it must never move. Every object
   * that can be queued is registered already. */
  if (ctx->objs.cap < ctx->objs.len + ctx->all_files.len)
    vec_grow(&ctx->objs.data, &ctx->objs.cap, ctx->objs.len + ctx->all_files.len,
             sizeof(InputFile *));
  i64 objs_cap = ctx->objs.cap;
  q.ahead = calloc((size_t)MAX(ctx->all_files.len, 1), sizeof(InputFile *));
  if (!q.ahead)
    fatal(ctx, "out of memory");
  bool has_members = false;
  for (i64 i = 0; i < ld->steps.len; i++)
    has_members |= ld->steps.data[i].kind == STEP_ARCHIVE;
  begin_ordered_diagnostics();
  set_diagnostic_item(step_item(0));
  i64 first_step = resolve_leading_run(ctx, ld, &cursor);
  ctx->names_shared = true;
  active_queue = &q;
  i64 nreaders = has_members ? start_background(ctx, reader_task, &q) : 0;
  note_busy(ctx, true);
  for (i64 i = first_step; i < ld->steps.len; i++) {
    LoadStep *step = &ld->steps.data[i];
    switch (step->kind) {
    case STEP_OBJECT:
      add_object(ctx, step->file);
      break;
    case STEP_ARCHIVE:
      add_archive_symbols(ctx, step);
      free(step->member_list.data);
      free(step->index.data);
      break;
    case STEP_DSO:
      resolve_dso_symbols(ctx, step->file);
      break;
    }
    drain(ctx, &q, &cursor);
  }
  note_busy(ctx, false);
  close_queue(&q);
  if (nreaders > 0)
    join_background(ctx);
  end_ordered_diagnostics();
  active_queue = NULL;
  free(q.ahead);
  for (i64 i = 0; i < ctx->all_files.len; i++)
    if (!ctx->all_files.data[i]->is_alive)
      drop_messages(&ctx->all_files.data[i]->read_messages);
  ctx->names_shared = false;
  if (ctx->objs.cap != objs_cap)
    fatal(ctx, "internal error: the object queue moved while it was being read");
}

/* A -l option found ahead of the walk, with the -Bstatic state it was looked up in. */
typedef struct FoundLibrary {
  const char *path; /* NULL: not found */
  bool bstatic;
  bool skipped; /* a file of another target was passed over: the walk searches again */
} FoundLibrary;

/* An input's file: a named one, or an -l option's, searched for here. */
static const char *input_path_task(Ctx *ctx, i64 i, void *arg) {
  FoundLibrary *libs = arg;
  InputArg *a = &ctx->opt.inputs.data[i];
  if (a->kind == ARG_LIBRARY)
    libs[i].path = find_library_file(ctx, a->str, libs[i].bstatic, &libs[i].skipped);
  return a->kind == ARG_FILE ? a->str : a->kind == ARG_LIBRARY ? libs[i].path : NULL;
}

/* Step 0: the files named on the command line and every -l option's, found, opened
 * and mapped on all threads: with hundreds of libraries and a dozen -L directories,
 * the stat calls are much of a link's start. The -Bstatic state each -l sees is the
 * walk's, replayed here (the walk checks it). */
static void find_and_map_inputs(Ctx *ctx, FoundLibrary *libs, MappedFile **premapped) {
  bool bstatic = ctx->opt.relocatable, stack[64];
  i64 depth = 0;
  for (i64 i = 0; i < ctx->opt.inputs.len; i++) {
    switch (ctx->opt.inputs.data[i].kind) {
    case ARG_BSTATIC:
      bstatic = true;
      break;
    case ARG_BDYNAMIC:
      bstatic = false;
      break;
    case ARG_PUSH_STATE:
      if (depth < ARRAY_SIZE(stack))
        stack[depth++] = bstatic;
      break;
    case ARG_POP_STATE:
      if (depth > 0)
        bstatic = stack[--depth];
      break;
    default:
      break;
    }
    libs[i].bstatic = bstatic;
  }
  premap_files(ctx, ctx->opt.inputs.len, input_path_task, libs, premapped);
}

/* Step 1: every input in command-line order, with the state flags in force. */
static void walk_command_line(Ctx *ctx, Loader *ldp, MappedFile **premapped,
                              const FoundLibrary *libs) {
  Options *o = &ctx->opt;
  for (i64 i = 0; i < o->inputs.len; i++) {
    InputArg *a = &o->inputs.data[i];
    switch (a->kind) {
    case ARG_FILE:
      if (premapped[i])
        load_mapped(ldp, premapped[i], false);
      else
        load_path(ldp, a->str, false, false);
      break;
    case ARG_SCRIPT_FILE:
      load_path(ldp, a->str, true, false);
      break;
    case ARG_JUST_SYMBOLS:
      load_just_symbols(ldp, a->str);
      break;
    case ARG_LIBRARY: {
      bool found_ahead = libs[i].bstatic == ldp->st.bstatic && !libs[i].skipped;
      if (premapped[i] && found_ahead) {
        load_mapped(ldp, premapped[i], true);
        break;
      }
      /* Searched again where the search has something to say, in command-line order. */
      const char *p = found_ahead ? libs[i].path : find_library(ldp, a->str);
      if (p) {
        load_path(ldp, p, false, true);
      } else {
        run_error_handling_script(ctx, "missing-lib", arena_sprintf(&ctx->arena, "-l%s", a->str));
        error(ctx, "unable to find library -l%s", a->str);
      }
      break;
    }
    case ARG_GROUP_START: /* extraction does not depend on position: no rescans */
      ldp->group = ++ldp->ngroups;
      break;
    case ARG_GROUP_END:
      ldp->group = 0;
      break;
    case ARG_WHOLE_ARCHIVE:
      ldp->st.whole_archive = true;
      break;
    case ARG_NO_WHOLE_ARCHIVE:
      ldp->st.whole_archive = false;
      break;
    case ARG_BSTATIC:
      ldp->st.bstatic = true;
      break;
    case ARG_BDYNAMIC:
      ldp->st.bstatic = false;
      break;
    case ARG_AS_NEEDED:
      ldp->st.as_needed = true;
      break;
    case ARG_NO_AS_NEEDED:
      ldp->st.as_needed = false;
      break;
    case ARG_COPY_DT_NEEDED:
      ldp->st.copy_dt_needed = true;
      break;
    case ARG_NO_COPY_DT_NEEDED:
      ldp->st.copy_dt_needed = false;
      break;
    case ARG_START_LIB:
      if (ldp->in_lib)
        error(ctx, "nested --start-lib");
      ldp->in_lib = true;
      ldp->lib_step = -1;
      break;
    case ARG_END_LIB:
      if (!ldp->in_lib)
        error(ctx, "stray --end-lib");
      ldp->in_lib = false;
      break;
    case ARG_PUSH_STATE:
      if (ldp->depth < ARRAY_SIZE(ldp->stack))
        ldp->stack[ldp->depth++] = ldp->st;
      else
        error(ctx, "--push-state nested too deeply");
      break;
    case ARG_POP_STATE:
      if (ldp->depth > 0)
        ldp->st = ldp->stack[--ldp->depth];
      else
        error(ctx, "--pop-state without --push-state");
      break;
    }
  }
}

/* Step 3b, --copy-dt-needed-entries: the libraries it adds, resolved after every
 * command-line input as GNU ld reads them; their undefined symbols may still extract
 * archive members. */
static void read_copied_dependencies(Ctx *ctx) {
  bool any = false;
  for (i64 i = 0; i < ctx->dsos.len && !any; i++)
    any = ctx->dsos.data[i]->copy_dt_needed;
  if (!any)
    return;
  decide_needed_dsos(ctx);
  i64 first = load_copied_dependencies(ctx);
  if (first == ctx->dsos.len)
    return;
  Loader ld = {.ctx = ctx};
  for (i64 i = first; i < ctx->dsos.len; i++)
    vec_push(&ld.steps, ((LoadStep){.kind = STEP_DSO, .file = ctx->dsos.data[i]}));
  read_listed_objects(ctx, &ld);
  replay_load_steps(ctx, &ld);
  free(ld.steps.data);
}

/* --undefined-glob (lld): every name an archive's index lists that matches one of the
 * globs is an undefined reference from the start, as -u makes it (and a gc root). */
static void add_undefined_globs(Ctx *ctx, Loader *ld) {
  const Options *o = &ctx->opt;
  for (i64 i = 0; o->undefined_globs.len && i < ld->steps.len; i++) {
    LoadStep *step = &ld->steps.data[i];
    if (step->kind != STEP_ARCHIVE || step->failed)
      continue;
    for (i64 k = 0; k < step->index.len; k++) {
      const char *name = step->index.data[k].name;
      for (i64 g = 0; g < o->undefined_globs.len; g++)
        if (!fnmatch(o->undefined_globs.data[g], name, 0)) {
          Symbol *sym = intern_symbol(ctx, name);
          if (!sym->has_strong_ref)
            vec_push(&ctx->opt.undefined, sym->name);
          sym->has_strong_ref = true;
          break;
        }
    }
  }
}

void read_inputs(Ctx *ctx) {
  Loader ld = {.ctx = ctx, .first_priority = ctx->next_priority};
  ld.st.bstatic = ctx->opt.relocatable; /* -r: no shared objects (GNU ld, lld) */
  /* Small: read_listed_objects sizes the table for every name it will hold. */
  init_symbol_table(ctx, 256);
  Options *o = &ctx->opt;
  /* -u names, and the -e symbol, are undefined references from the start: they
   * extract archive members (GNU ld adds the entry symbol as -u does). */
  for (i64 i = 0; i < o->undefined.len; i++)
    intern_symbol(ctx, o->undefined.data[i])->has_strong_ref = true;
  if (o->entry_given && o->entry && !isdigit((unsigned char)o->entry[0]))
    intern_symbol(ctx, o->entry)->has_strong_ref = true;
  MappedFile **premapped = calloc((size_t)MAX(o->inputs.len, 1), sizeof(MappedFile *));
  FoundLibrary *libs = calloc((size_t)MAX(o->inputs.len, 1), sizeof(FoundLibrary));
  if (!premapped || !libs)
    fatal(ctx, "out of memory");
  TIMED_STEP(ctx, "find and map command-line files", find_and_map_inputs(ctx, libs, premapped));
  TIMED_STEP(ctx, "walk the command line", walk_command_line(ctx, &ld, premapped, libs));
  free(libs);
  TIMED_STEP(ctx, "parse archives", parse_archives(ctx, &ld));
  add_undefined_globs(ctx, &ld);
  free(premapped);
  TIMED_STEP(ctx, "read listed objects", read_listed_objects(ctx, &ld));
  TIMED_STEP(ctx, "resolve in command-line order", replay_load_steps(ctx, &ld));
  TIMED_STEP(ctx, "read --copy-dt-needed-entries libraries", read_copied_dependencies(ctx));
  /* Step 4: relocations and local symbols of every live object, all at once. */
  i64 *sizes = file_sizes(ctx->objs.data, ctx->objs.len);
  if (!sizes)
    fatal(ctx, "out of memory");
  TIMED_STEP(ctx, "relocations and local symbols",
             parallel_for_heaviest_first(ctx, ctx->objs.len, finish_object_task, NULL, sizes));
  free(sizes);
  free(ld.steps.data);
  /* Archive members take the place of their archive on the command line (their
   * priority was given when the archive was read), as with GNU ld: crtend.o's
   * .eh_frame terminator must stay after every extracted member's frames. */
  if (ctx->objs.len > 1)
    qsort(ctx->objs.data, (size_t)ctx->objs.len, sizeof(InputFile *), compare_priority);
}
