/* Relocatable output (-r): an object file that a later link turns into the same
 * program as the objects it was made of. The live input sections are gathered into
 * output sections by name (sections.c, relocatable_place_of) and copied as they are:
 * nothing is relocated, the addends stay in the RELA entries, each relocation is
 * rewritten against the output's sections and symbols. COMDAT groups stay groups (one
 * copy per signature), commons stay common, undefined symbols undefined (gABI
 * "Relocatable files", "Section Groups"). */
#include "arch.h"
#include "rivet.h"

#include <stdlib.h>

/* A kept COMDAT group: its input SHT_GROUP section and the .group chunk it becomes. */
typedef struct GroupOut {
  InputFile *file;
  u32 shndx; /* of the input SHT_GROUP section */
  Chunk *chunk;
} GroupOut;

/* The symbol table's plan: per live object, where its locals go. */
typedef struct FileSymbols {
  i64 first;       /* .symtab index of its first written local */
  i64 count;       /* locals written */
  i64 name_offset; /* .strtab offset of its first name */
  i64 name_bytes;  /* their names, each with its NUL */
} FileSymbols;

struct RelocatableOutput {
  VEC(GroupOut) groups;
  VEC(Chunk *) sections; /* output sections made of input sections, in output order */
  FileSymbols *files;    /* per ctx->objs entry */
  VEC(Symbol *) globals; /* in .symtab order, after the locals */
  VEC(u8) global_types;  /* per global: STT_* as its writing file declares it */
  i64 nlocals; /* sh_info of .symtab: the first global's index */
  i64 globals_name_offset;
  Chunk *symtab_shndx; /* SHT_SYMTAB_SHNDX, when section indices reach SHN_LORESERVE */
};

/* -r refuses what only a final link can mean (GNU ld's and lld's messages). */
void check_relocatable_options(Ctx *ctx) {
  const Options *o = &ctx->opt;
  const char *final_only[] = {
      o->kind == OUT_SHARED ? "-shared" : NULL,
      o->kind == OUT_PIE ? "-pie" : NULL,
      o->relax_given ? "--relax" : NULL,
      o->icf != ICF_NONE ? "--icf" : NULL,
      o->gdb_index ? "--gdb-index" : NULL,
      o->separate_debug_file ? "--separate-debug-file" : NULL,
      o->pack_relative_relocs ? "-z pack-relative-relocs" : NULL,
  };
  for (i64 i = 0; i < ARRAY_SIZE(final_only); i++)
    if (final_only[i])
      error(ctx, "-r and %s may not be used together", final_only[i]);
  /* GNU ld's -r splits output sections by relocation count for it: rivet does not. */
  if (o->split_by_reloc)
    error(ctx, "--split-by-reloc: splitting relocatable output sections is not supported");
  if (o->gc_sections && !o->entry_given && !o->undefined.len && !o->required_defined.len)
    error(ctx, "--gc-sections requires a defined symbol root specified by -e or -u");
}

/* An input relocation as the output writes it: the place within the output section,
 * the symbol's .symtab index (a section symbol's addend moved by where its section
 * went). When the symbol's section was dropped (a discarded COMDAT copy, a collected
 * section), r_info is 0 and the addend 0, as GNU ld writes it. */
static void output_relocation(const InputSection *isec, const ERela *in, u64 place,
                              Elf64_Rela *out) {
  InputFile *f = isec->file;
  u64 idx = ELF64_R_SYM(in->r_info);
  i64 addend = in->r_addend, sym = -1;
  if (idx == 0) {
    sym = 0;
  } else if (idx >= (u64)f->first_global) {
    sym = f->syms[idx]->symtab_idx;
  } else if (f->syms[idx]->type == STT_SECTION) {
    InputSection *to = f->syms[idx]->isec;
    if (is_in_output(to)) {
      sym = to->osec->section_sym;
      addend += (i64)to->offset;
    }
  } else if (f->output_local_index) {
    sym = f->output_local_index[idx];
  }
  *out = (Elf64_Rela){place, 0, 0};
  if (sym >= 0) {
    out->r_info = ELF64_R_INFO((u64)sym, ELF64_R_TYPE(in->r_info));
    out->r_addend = addend;
  }
}

/* Is the symbol of the relocation still there? Only the section matters here: the
 * symbol indices come later. */
static bool relocation_target_kept(const InputSection *isec, const ERela *in) {
  InputFile *f = isec->file;
  u64 idx = ELF64_R_SYM(in->r_info);
  if (idx == 0 || idx >= (u64)f->first_global)
    return true;
  Symbol *s = f->syms[idx];
  if (s->is_abs || esym_shndx(f, (i64)idx) == SHN_UNDEF)
    return true;
  return is_in_output(s->isec);
}

/* Relocations a member keeps: an .eh_frame's those of its live records (the records
 * of dropped functions are left out whole, eh-frame.c); a non-allocated section's
 * those whose symbol is still there (GNU ld drops the others from debug sections);
 * an allocated section's all. Calls fn(isec, rel, output offset) for each. */
void for_each_kept_relocation(const InputSection *isec, KeptRelocationFn *fn, void *arg) {
  if (isec->eh_records) {
    for (i64 k = 0; k < isec->neh_records; k++) {
      const EhRecord *r = &isec->eh_records[k];
      if (!r->is_alive)
        continue;
      for (u32 j = r->rel_begin; j < r->rel_end; j++) {
        const ERela *rel = &isec->rels[j];
        fn(isec, rel, isec->offset + r->out_offset + (rel->r_offset - r->in_offset), arg);
      }
    }
    return;
  }
  bool alloc = (isec->flags & SHF_ALLOC) != 0;
  for (i64 k = 0; k < isec->nrels; k++)
    if (alloc || relocation_target_kept(isec, &isec->rels[k]))
      fn(isec, &isec->rels[k], isec->offset + reloc_place_offset(isec, isec->rels[k].r_offset),
         arg);
}

static void count_one(const InputSection *isec, const ERela *rel, u64 place, void *arg) {
  (void)isec, (void)rel, (void)place;
  ++*(i64 *)arg;
}

/* How many relocations each of n output sections keeps (counts[i]), on all threads. */
typedef struct RelocationCount {
  Chunk **sections;
  i64 *counts;
} RelocationCount;

static void count_relocations_task(Ctx *ctx, i64 i, void *arg) {
  (void)ctx;
  RelocationCount *rc = arg;
  Chunk *c = rc->sections[i];
  i64 n = 0;
  for (i64 m = 0; m < c->members.len; m++)
    for_each_kept_relocation(c->members.data[m], count_one, &n);
  rc->counts[i] = n;
}

/* A .rela section after each of the n sections that keeps relocations. */
void add_relocation_sections(Ctx *ctx, Chunk **sections, i64 n) {
  i64 *counts = calloc((size_t)MAX(n, 1), sizeof(i64));
  if (!counts)
    fatal(ctx, "out of memory");
  parallel_for(ctx, n, count_relocations_task, &(RelocationCount){sections, counts});
  for (i64 i = 0; i < n; i++) {
    Chunk *c = sections[i];
    if (!counts[i])
      continue;
    const char *name = arena_sprintf(&ctx->arena, ".rela%s", c->name);
    Chunk *rela =
        new_chunk(ctx, CK_BLOB, name, SHT_RELA, SHF_INFO_LINK | (c->shdr.sh_flags & SHF_GROUP), 8);
    rela->shdr.sh_entsize = sizeof(Elf64_Rela);
    rela->shdr.sh_size = (u64)counts[i] * sizeof(Elf64_Rela);
    c->relocations = rela;
  }
  free(counts);
}

static Chunk *new_table_chunk(Ctx *ctx, const char *name, u32 type, u64 entsize, u64 align) {
  Chunk *c = new_chunk(ctx, CK_BLOB, name, type, 0, align);
  c->shdr.sh_entsize = entsize;
  return c;
}

/* Member m (1 ...) of f's SHT_GROUP section sh, if it is in the output. */
static InputSection *group_member(InputFile *f, const EShdr *sh, u64 m) {
  InputSection *isec = f->sections[rd32(f->mf->data + sh->sh_offset + 4 * m)];
  return is_in_output(isec) ? isec : NULL;
}

/* The kept COMDAT groups of f, with the members that survived --gc-sections. */
static void list_groups(Ctx *ctx, RelocatableOutput *r, InputFile *f) {
  for (i64 k = 0; k < f->ncomdat_refs; k++) {
    if (f->comdat_refs[k].group->owner != f)
      continue;
    const EShdr *sh = &f->shdrs[f->comdat_refs[k].shndx];
    i64 live = 0;
    for (u64 m = 1; m < sh->sh_size / 4; m++) {
      InputSection *isec = group_member(f, sh, m);
      if (isec) {
        isec->osec->shdr.sh_flags |= SHF_GROUP;
        live++;
      }
    }
    if (!live)
      continue;
    Chunk *c = new_table_chunk(ctx, ".group", SHT_GROUP, 4, 4);
    vec_push(&r->groups, ((GroupOut){f, f->comdat_refs[k].shndx, c}));
  }
}

/* x86 feature bits, AND-merged as for a final link; .note.GNU-stack as decide_stack
 * found (executable when an input's is, or an input has none), written when some
 * input had one or -z [no]execstack decides (GNU ld). */
static void create_notes(Ctx *ctx, RelocatableOutput *r) {
  merge_gnu_properties(ctx);
  i64 nprops = ctx->emit_feature_and + ctx->emit_isa_needed + (ctx->property_1_needed != 0);
  if (nprops) {
    ctx->gnu_property =
        new_chunk(ctx, CK_GNU_PROPERTY, ".note.gnu.property", SHT_NOTE, SHF_ALLOC, 8);
    ctx->gnu_property->shdr.sh_size = 16 + 16 * (u64)nprops;
  }
  bool any_note = false;
  for (i64 i = 0; i < ctx->objs.len; i++)
    any_note |= ctx->objs.data[i]->has_gnu_stack;
  if (!any_note && !ctx->opt.z_execstack_set)
    return;
  new_chunk(ctx, CK_BLOB, ".note.GNU-stack", SHT_PROGBITS, ctx->opt.z_execstack ? SHF_EXECINSTR : 0,
            1);
}

/* An output section a SECTIONS rule made: PROGBITS if any member has bytes (the
 * members' own type if they agree), NOBITS otherwise; the members' flags together,
 * SHF_MERGE/SHF_STRINGS only if every member has them with one entry size (GNU ld). */
static void describe_scripted_section(Chunk *c) {
  u32 type = SHT_NOBITS;
  u64 flags = 0, merge = SHF_MERGE | SHF_STRINGS, entsize = 0;
  for (i64 i = 0; i < c->members.len; i++) {
    InputSection *isec = c->members.data[i];
    if (isec->type != SHT_NOBITS)
      type = type == SHT_NOBITS || type == isec->type ? isec->type : SHT_PROGBITS;
    flags |= isec->flags;
    merge &= isec->flags;
    u64 e = isec->flags & SHF_MERGE ? isec->shdr->sh_entsize : 0;
    if (i > 0 && e != entsize)
      merge = 0;
    entsize = e;
  }
  c->shdr.sh_type = type;
  c->shdr.sh_flags = (flags & ~(u64)(SHF_MERGE | SHF_STRINGS)) | merge;
  c->shdr.sh_entsize = merge ? entsize : 0;
}

/* --split-by-file=SIZE (GNU ld): where an output section's members reach SIZE bytes,
 * the next member starts a new section, NAME.0, NAME.1, ..., at the address it had;
 * the new sections follow all others. Merged-string sections stay whole (GNU ld
 * merges them first). */
static void split_sections_by_size(Ctx *ctx, RelocatableOutput *r) {
  u64 limit = ctx->opt.split_by_file;
  i64 n = r->sections.len;
  for (i64 i = 0; i < n; i++) {
    Chunk *c = r->sections.data[i], *cur = c;
    if (c->members.len < 2 || (c->shdr.sh_flags & SHF_MERGE) || starts_with(c->name, ".stab"))
      continue;
    u64 size = 0, base = 0; /* bytes in cur so far; where cur starts within c */
    i64 kept = 0, count = 0;
    for (i64 m = 0; m < c->members.len; m++) {
      InputSection *isec = c->members.data[m];
      if (m > 0 && size + isec->size >= limit) {
        const char *name = arena_sprintf(&ctx->arena, "%s.%ld", c->name, (long)count++);
        cur = new_chunk(ctx, CK_OSEC, name, c->shdr.sh_type, c->shdr.sh_flags, 1);
        base = isec->offset;
        cur->shdr.sh_addr = c->shdr.sh_addr + base;
        cur->shdr.sh_entsize = c->shdr.sh_entsize;
        vec_push(&r->sections, cur);
        size = 0;
      }
      /* Offsets keep their distances, so that alignment within holds. */
      isec->offset -= base;
      isec->osec = cur;
      if (cur == c)
        c->members.data[kept++] = isec;
      else
        vec_push(&cur->members, isec);
      cur->shdr.sh_size = isec->offset + isec->size;
      size += isec->size;
    }
    c->members.len = kept;
  }
}

/* Output sections, their relocation sections right after each, groups first (as GNU
 * ld orders them), then the tables. */
void create_relocatable_sections(Ctx *ctx) {
  RelocatableOutput *r = ARENA_NEW(&ctx->arena, RelocatableOutput);
  ctx->relocatable = r;
  for (i64 i = 0; i < ctx->chunks.len; i++)
    vec_push(&r->sections, ctx->chunks.data[i]);
  if (ctx->opt.split_by_file)
    split_sections_by_size(ctx, r);
  ctx->chunks.len = 0;
  for (i64 i = 0; i < ctx->objs.len; i++)
    if (ctx->objs.data[i]->ncomdat_refs)
      list_groups(ctx, r, ctx->objs.data[i]);
  /* new_chunk appended the groups, then the .rela sections: the chunks are the groups,
   * then each section with its relocations after it (GNU ld's order). */
  add_relocation_sections(ctx, r->sections.data, r->sections.len);
  ctx->chunks.len = r->groups.len;
  for (i64 i = 0; i < r->sections.len; i++) {
    Chunk *c = r->sections.data[i];
    vec_push(&ctx->chunks, c);
    if (c->relocations)
      vec_push(&ctx->chunks, c->relocations);
    if (c->shdr.sh_type == SHT_NULL)
      describe_scripted_section(c);
    /* As aligned as the inputs asked, though .eh_frame records are packed at 4 bytes
     * (eh-frame.c): the final link places the section as GNU ld's would. */
    for (i64 m = 0; m < c->members.len; m++)
      c->shdr.sh_addralign = MAX(c->shdr.sh_addralign, c->members.data[m]->shdr->sh_addralign);
  }
  /* Section addresses: 0, or what --section-start / -Ttext asked for (GNU ld). */
  for (i64 i = 0; i < ctx->opt.section_starts.len; i++)
    for (i64 k = 0; k < r->sections.len; k++)
      if (!strcmp(r->sections.data[k]->name, ctx->opt.section_starts.data[i].name))
        r->sections.data[k]->shdr.sh_addr = ctx->opt.section_starts.data[i].addr;
  create_notes(ctx, r);
  /* --build-id: GNU ld writes the note in relocatable output too. */
  if (ctx->opt.build_id != BUILD_ID_NONE) {
    ctx->build_id = new_chunk(ctx, CK_BUILD_ID, ".note.gnu.build-id", SHT_NOTE, SHF_ALLOC, 4);
    size_build_id_note(ctx);
  }
  ctx->symtab_chunk = new_table_chunk(ctx, ".symtab", SHT_SYMTAB, sizeof(Elf64_Sym), 8);
  ctx->strtab = new_table_chunk(ctx, ".strtab", SHT_STRTAB, 0, 1);
  ctx->shstrtab = new_table_chunk(ctx, ".shstrtab", SHT_STRTAB, 0, 1);
  ctx->shdr = new_chunk(ctx, CK_SHDR, "", SHT_NULL, 0, 8);
}

/* ---- The symbol table ---- */

/* Locals a relocation names (other than section symbols) or a group's signature is:
 * written whatever -x or -X say, for the relocation to keep its meaning. */
static void mark_needed_locals(InputFile *f, bool *needed) {
  for (i64 i = 0; i < f->nshdrs; i++) {
    InputSection *isec = f->sections[i];
    if (!is_in_output(isec))
      continue;
    for (i64 k = 0; k < isec->nrels; k++) {
      u64 idx = ELF64_R_SYM(isec->rels[k].r_info);
      if (idx && idx < (u64)f->first_global)
        needed[idx] = true;
    }
  }
  for (i64 k = 0; k < f->ncomdat_refs; k++)
    if (f->comdat_refs[k].group->owner == f) {
      u32 sig = f->shdrs[f->comdat_refs[k].shndx].sh_info;
      if (sig < (u64)f->first_global)
        needed[sig] = true;
    }
}

/* The kept group whose input SHT_GROUP section is f's section shndx, or NULL. Groups
 * are listed in file order, each file's by section index: a binary search. */
static GroupOut *find_group(RelocatableOutput *r, InputFile *f, i64 shndx) {
  i64 lo = 0, hi = r->groups.len - 1;
  while (lo <= hi) {
    i64 mid = lo + (hi - lo) / 2;
    GroupOut *g = &r->groups.data[mid];
    if (g->file == f && g->shndx == shndx)
      return g;
    bool before = g->file->priority < f->priority || (g->file == f && g->shndx < shndx);
    if (before)
      lo = mid + 1;
    else
      hi = mid - 1;
  }
  return NULL;
}

/* GCC names some groups (the D5 constructor and destructor comdats) by a local symbol
 * defined in the SHT_GROUP section itself: it stays, in the output's .group. */
static Chunk *signature_group_chunk(RelocatableOutput *r, InputFile *f, i64 i) {
  i64 shndx = esym_section(f, i);
  if (shndx < 0 || shndx >= f->nshdrs || f->shdrs[shndx].sh_type != SHT_GROUP)
    return NULL;
  GroupOut *g = find_group(r, f, shndx);
  return g ? g->chunk : NULL;
}

static bool writes_local(Ctx *ctx, InputFile *f, i64 i, bool needed) {
  Symbol *s = f->syms[i];
  if (s->type == STT_SECTION || esym_shndx(f, i) == SHN_UNDEF)
    return false;
  bool placed = s->is_abs || is_in_output(s->isec) || signature_group_chunk(ctx->relocatable, f, i);
  if (needed || ctx->opt.strip_all) /* -s: only what relocations and groups need (GNU ld) */
    return placed && needed;
  return placed && keeps_local_symbol(ctx, f, s, i);
}

static void plan_file_locals_task(Ctx *ctx, i64 fi, void *arg) {
  RelocatableOutput *r = arg;
  InputFile *f = ctx->objs.data[fi];
  FileSymbols *fs = &r->files[fi];
  if (!f->syms || f->first_global <= 1)
    return;
  bool *needed = calloc((size_t)f->first_global, 1);
  if (!needed)
    fatal(ctx, "out of memory");
  mark_needed_locals(f, needed);
  i32 *index = ARENA_ARRAY(local_arena(ctx), i32, f->first_global);
  f->output_local_index = index;
  index[0] = -1;
  for (i64 i = 1; i < f->first_global; i++) {
    index[i] = -1;
    if (!writes_local(ctx, f, i, needed[i]))
      continue;
    index[i] = (i32)fs->count++; /* relative to fs->first until numbered */
    fs->name_bytes += (i64)strlen(f->syms[i]->name) + 1;
  }
  free(needed);
}

static void number_file_locals_task(Ctx *ctx, i64 fi, void *arg) {
  FileSymbols *fs = &((RelocatableOutput *)arg)->files[fi];
  InputFile *f = ctx->objs.data[fi];
  for (i64 i = 0; f->output_local_index && i < f->first_global; i++)
    if (f->output_local_index[i] >= 0)
      f->output_local_index[i] += (i32)fs->first;
}

/* Is the symbol defined by an object under its own name? A plain "foo" that resolution
 * bound to the definition of "foo@@VER" is not: GNU ld's -r leaves it undefined, for
 * the final link to bind. */
static bool defined_here(const Symbol *s) {
  if (s->is_defined_by_linker)
    return true; /* --defsym */
  return s->file && s->file->kind == FILE_OBJ && s->sym_idx >= 0 && s->file->syms &&
         s->file->syms[s->sym_idx] == s;
}

/* Is f where the global is written? At its definer, or, when it has none among the
 * objects, at its first reference. */
static bool writes_global(InputFile *f, Symbol *s, i64 i) {
  if (s->symtab_idx >= 0 || s->is_defined_by_linker) /* --defsym's come after */
    return false;
  /* A definition --gc-sections collected goes with its section (GNU ld). */
  if (defined_here(s))
    return s->file == f && s->sym_idx == i && (!s->isec || s->isec->is_alive);
  return true;
}

static void add_global(RelocatableOutput *r, Symbol *s, i64 index, u8 type) {
  s->symtab_idx = (i32)index;
  vec_push(&r->globals, s);
  vec_push(&r->global_types, type);
}

/* Section symbols, each file's locals, then the globals in file order: indices and
 * .strtab offsets, so that every part can be written on its own thread. */
void number_relocatable_symbols(Ctx *ctx) {
  RelocatableOutput *r = ctx->relocatable;
  i64 next = 1;
  for (i64 i = 0; i < r->sections.len; i++)
    r->sections.data[i]->section_sym = (i32)next++;
  r->files = calloc((size_t)MAX(ctx->objs.len, 1), sizeof(FileSymbols));
  if (!r->files)
    fatal(ctx, "out of memory");
  parallel_for(ctx, ctx->objs.len, plan_file_locals_task, r);
  i64 name_offset = 1;
  for (i64 fi = 0; fi < ctx->objs.len; fi++) {
    FileSymbols *fs = &r->files[fi];
    fs->first = next;
    fs->name_offset = name_offset;
    next += fs->count;
    name_offset += fs->name_bytes;
  }
  parallel_for(ctx, ctx->objs.len, number_file_locals_task, r);
  r->nlocals = next;
  r->globals_name_offset = name_offset;
  for (i64 fi = 0; fi < ctx->objs.len; fi++) {
    InputFile *f = ctx->objs.data[fi];
    for (i64 i = f->first_global; f->syms && i < f->nsyms; i++) {
      Symbol *s = f->syms[i];
      if (writes_global(f, s, i))
        add_global(r, s, next++, ELF64_ST_TYPE(f->esyms[i].st_info));
    }
  }
  /* --defsym's symbols, absolute or relative to another definition (GNU ld). */
  for (i64 i = 0; i < ctx->linker_syms.len; i++)
    if (ctx->linker_syms.data[i]->symtab_idx < 0)
      add_global(r, ctx->linker_syms.data[i], next++, STT_NOTYPE);
  /* -u names nobody defined stay undefined references (GNU ld writes them). */
  for (i64 i = 0; i < ctx->opt.undefined.len; i++) {
    Symbol *s = find_symbol(ctx, ctx->opt.undefined.data[i]);
    if (s && s->symtab_idx < 0 && !s->file)
      add_global(r, s, next++, STT_NOTYPE);
  }
  for (i64 i = 0; i < r->globals.len; i++)
    name_offset += (i64)strlen(r->globals.data[i]->name) + 1;
  ctx->symtab_chunk->shdr.sh_size = (u64)next * sizeof(Elf64_Sym);
  ctx->symtab_chunk->shdr.sh_info = (u32)r->nlocals;
  ctx->strtab->shdr.sh_size = (u64)name_offset;
}

/* ---- Layout ---- */

/* The .symtab index of a group's signature: a section symbol names the group after
 * its section (gABI "Section Groups"). */
static i64 group_signature_index(const GroupOut *g) {
  InputFile *f = g->file;
  u32 sig = f->shdrs[g->shndx].sh_info;
  if (sig >= (u64)f->first_global)
    return f->syms[sig]->symtab_idx;
  if (f->syms[sig]->type == STT_SECTION) {
    InputSection *isec = f->syms[sig]->isec;
    return isec && isec->osec ? isec->osec->section_sym : 0;
  }
  return f->output_local_index ? f->output_local_index[sig] : -1;
}

/* ---- Contents ---- */

static void copy_members(Ctx *ctx, Chunk *c, u8 *base) {
  for (i64 i = 0; i < c->members.len; i++) {
    InputSection *isec = c->members.data[i];
    if (isec->eh_records)
      write_eh_frame_section(ctx, isec, base + isec->offset);
    else if (isec->type != SHT_NOBITS && isec->size)
      memcpy(base + isec->offset, isec->contents, isec->size);
  }
}

typedef struct CopyJob {
  Chunk **chunks;
  u8 **bufs;
} CopyJob;

static void copy_members_task(Ctx *ctx, i64 i, void *arg) {
  CopyJob *job = arg;
  copy_members(ctx, job->chunks[i], job->bufs[i]);
}

/* The sections' bytes as the inputs hold them, for compress_debug_chunks. */
static void copy_sections_into(Ctx *ctx, Chunk **chunks, u8 **bufs, i64 n) {
  parallel_for(ctx, n, copy_members_task, &(CopyJob){chunks, bufs});
}

/* Section indices, file offsets, links. Past SHN_LORESERVE sections, symbols name
 * theirs through SHT_SYMTAB_SHNDX and the ELF header through section 0 (gABI). */
void layout_relocatable(Ctx *ctx) {
  RelocatableOutput *r = ctx->relocatable;
  compress_debug_chunks(ctx, r->sections.data, r->sections.len, copy_sections_into);
  /* zlib-gnu renamed .debug_* to .zdebug_*: their relocations follow (GNU ld). */
  for (i64 i = 0; i < r->sections.len; i++) {
    Chunk *c = r->sections.data[i];
    if (c->relocations && starts_with(c->name, ".zdebug"))
      c->relocations->name = arena_sprintf(&ctx->arena, ".rela%s", c->name);
  }
  i64 nsections = 1;
  for (i64 i = 0; i < ctx->chunks.len; i++)
    if (ctx->chunks.data[i]->kind != CK_SHDR)
      nsections++;
  if (nsections + 1 >= SHN_LORESERVE) {
    r->symtab_shndx = new_table_chunk(ctx, ".symtab_shndx", SHT_SYMTAB_SHNDX, 4, 4);
    r->symtab_shndx->shdr.sh_size = ctx->symtab_chunk->shdr.sh_size / sizeof(Elf64_Sym) * 4;
    /* keep the section headers last */
    ctx->chunks.data[ctx->chunks.len - 1] = r->symtab_shndx;
    vec_push(&ctx->chunks, ctx->shdr);
  }
  i64 shndx = 1;
  u64 names = 1;
  for (i64 i = 0; i < ctx->chunks.len; i++) {
    Chunk *c = ctx->chunks.data[i];
    if (c->kind != CK_SHDR) {
      c->shndx = shndx++;
      names += strlen(c->name) + 1;
    }
  }
  ctx->shstrtab->shdr.sh_size = names;
  ctx->shdr->shdr.sh_size = (u64)shndx * sizeof(Elf64_Shdr);
  u64 symtab = (u64)ctx->symtab_chunk->shndx;
  for (i64 i = 0; i < r->groups.len; i++) {
    GroupOut *g = &r->groups.data[i];
    g->chunk->shdr.sh_link = (u32)symtab;
    const EShdr *sh = &g->file->shdrs[g->shndx];
    u64 words = 1; /* the flags, then each member and its relocation section */
    for (u64 m = 1; m < sh->sh_size / 4; m++) {
      InputSection *isec = group_member(g->file, sh, m);
      if (isec)
        words += isec->osec->relocations ? 2 : 1;
    }
    g->chunk->shdr.sh_size = words * 4;
    g->chunk->shdr.sh_info = (u32)MAX(group_signature_index(g), 0);
  }
  for (i64 i = 0; i < r->sections.len; i++) {
    Chunk *c = r->sections.data[i];
    if (c->relocations) {
      c->relocations->shdr.sh_link = (u32)symtab;
      c->relocations->shdr.sh_info = (u32)c->shndx;
    }
    /* An SHF_LINK_ORDER section (alone in its output section) links to where the
     * section it describes went. */
    if ((c->shdr.sh_flags & SHF_LINK_ORDER) && c->members.len == 1) {
      InputSection *isec = c->members.data[0];
      u32 link = isec->shdr->sh_link;
      InputSection *to = link < (u64)isec->file->nshdrs ? isec->file->sections[link] : NULL;
      c->shdr.sh_link = is_in_output(to) ? (u32)to->osec->shndx : 0;
    }
  }
  ctx->symtab_chunk->shdr.sh_link = (u32)ctx->strtab->shndx;
  if (r->symtab_shndx)
    r->symtab_shndx->shdr.sh_link = (u32)symtab;
  u64 off = sizeof(Elf64_Ehdr);
  for (i64 i = 0; i < ctx->chunks.len; i++) {
    Chunk *c = ctx->chunks.data[i];
    off = align_to(off, MAX(c->shdr.sh_addralign, 1));
    c->shdr.sh_offset = off;
    if (c->shdr.sh_type != SHT_NOBITS)
      off += c->shdr.sh_size;
  }
  ctx->filesize = (i64)off;
}

/* ---- Writing ---- */

static void write_group(Ctx *ctx, GroupOut *g) {
  InputFile *f = g->file;
  const EShdr *sh = &f->shdrs[g->shndx];
  u8 *out = ctx->buf + g->chunk->shdr.sh_offset;
  wr32(out, rd32(f->mf->data + sh->sh_offset)); /* GRP_COMDAT */
  i64 n = 1;
  for (u64 m = 1; m < sh->sh_size / 4; m++) {
    InputSection *isec = group_member(f, sh, m);
    if (!isec)
      continue;
    wr32(out + 4 * n++, (u32)isec->osec->shndx);
    if (isec->osec->relocations)
      wr32(out + 4 * n++, (u32)isec->osec->relocations->shndx);
  }
}

static void write_one(const InputSection *isec, const ERela *rel, u64 place, void *arg) {
  Elf64_Rela out;
  output_relocation(isec, rel, place, &out);
  ERela **next = arg;
  memcpy((*next)++, &out, sizeof out);
}

static void write_section_relocations(Ctx *ctx, Chunk *c) {
  ERela *next = (ERela *)(ctx->buf + c->relocations->shdr.sh_offset);
  for (i64 m = 0; m < c->members.len; m++)
    for_each_kept_relocation(c->members.data[m], write_one, &next);
}

/* Section indices as put_symbol takes them: a real one (the output's index, which may
 * be past SHN_LORESERVE), or one of these for the reserved ones. */
enum { IN_ABS = -1, IN_COMMON = -2 };

static void put_symbol(u8 *symtab, u32 *shndx_table, i64 index, u32 name, u8 info, u8 other,
                       i64 shndx, u64 value, u64 size) {
  Elf64_Sym es = {name, info, other, (u16)shndx, value, size};
  if (shndx == IN_ABS || shndx == IN_COMMON) {
    es.st_shndx = shndx == IN_ABS ? SHN_ABS : SHN_COMMON;
  } else if (shndx >= SHN_LORESERVE) {
    es.st_shndx = SHN_XINDEX;
    shndx_table[index] = (u32)shndx;
  }
  memcpy(symtab + index * (i64)sizeof(Elf64_Sym), &es, sizeof es);
}

typedef struct SymtabOut {
  u8 *symtab;
  char *strtab;
  u32 *shndx; /* SHT_SYMTAB_SHNDX contents, or NULL */
} SymtabOut;

static SymtabOut symtab_out(Ctx *ctx) {
  Chunk *x = ctx->relocatable->symtab_shndx;
  return (SymtabOut){ctx->buf + ctx->symtab_chunk->shdr.sh_offset,
                     (char *)ctx->buf + ctx->strtab->shdr.sh_offset,
                     x ? (u32 *)(void *)(ctx->buf + x->shdr.sh_offset) : NULL};
}

static void write_file_locals_task(Ctx *ctx, i64 fi, void *arg) {
  (void)arg;
  RelocatableOutput *r = ctx->relocatable;
  InputFile *f = ctx->objs.data[fi];
  if (!f->output_local_index)
    return;
  SymtabOut o = symtab_out(ctx);
  i64 name = r->files[fi].name_offset;
  for (i64 i = 1; i < f->first_global; i++) {
    i64 index = f->output_local_index[i];
    if (index < 0)
      continue;
    Symbol *s = f->syms[i];
    const ESym *es = &f->esyms[i];
    size_t len = strlen(s->name);
    memcpy(o.strtab + name, s->name, len + 1);
    bool placed = !s->is_abs && s->isec;
    Chunk *group = placed || s->is_abs ? NULL : signature_group_chunk(r, f, i);
    i64 shndx = placed ? s->isec->osec->shndx : group ? group->shndx : IN_ABS;
    u64 value = placed ? s->isec->offset + s->value : s->value;
    put_symbol(o.symtab, o.shndx, index, (u32)name, es->st_info, es->st_other, shndx, value,
               s->size);
    name += (i64)len + 1;
  }
}

/* Where a global is defined in the output, if it is. */
static bool global_definition(const Symbol *s, i64 *shndx, u64 *value) {
  if (!defined_here(s))
    return false;
  if (s->rank == RANK_COMMON) {
    *shndx = IN_COMMON;
    *value = (u64)1 << s->common_p2align; /* gABI: a common's value is its alignment */
    return true;
  }
  if (s->is_abs) {
    *shndx = IN_ABS;
    *value = s->value;
    return true;
  }
  if (!is_in_output(s->isec))
    return false;
  *shndx = s->isec->osec->shndx;
  *value = s->isec->offset + s->value;
  return true;
}

static void write_globals(Ctx *ctx) {
  RelocatableOutput *r = ctx->relocatable;
  SymtabOut o = symtab_out(ctx);
  i64 name = r->globals_name_offset;
  for (i64 i = 0; i < r->globals.len; i++) {
    Symbol *s = r->globals.data[i];
    size_t len = strlen(s->name);
    memcpy(o.strtab + name, s->name, len + 1);
    i64 shndx = SHN_UNDEF;
    u64 value = 0;
    u8 info;
    /* -z common (GNU ld): a common's type says so; STT_OBJECT otherwise, whatever the
     * inputs said. */
    if (global_definition(s, &shndx, &value))
      info = ELF64_ST_INFO(
          s->binding, shndx == IN_COMMON ? (ctx->opt.z_common ? STT_COMMON : STT_OBJECT) : s->type);
    else
      info = ELF64_ST_INFO(s->has_strong_ref ? STB_GLOBAL : STB_WEAK, r->global_types.data[i]);
    put_symbol(o.symtab, o.shndx, s->symtab_idx, (u32)name, info, s->visibility, shndx, value,
               shndx == SHN_UNDEF ? 0 : s->size);
    name += (i64)len + 1;
  }
}

static void write_section_symbols(Ctx *ctx) {
  RelocatableOutput *r = ctx->relocatable;
  SymtabOut o = symtab_out(ctx);
  for (i64 i = 0; i < r->sections.len; i++) {
    Chunk *c = r->sections.data[i];
    put_symbol(o.symtab, o.shndx, c->section_sym, 0, ELF64_ST_INFO(STB_LOCAL, STT_SECTION), 0,
               c->shndx, 0, 0);
  }
}

static void write_section_contents(Ctx *ctx, Chunk *c) {
  u8 *base = ctx->buf + c->shdr.sh_offset;
  if (c->blob)
    memcpy(base, c->blob, c->shdr.sh_size); /* compressed by layout_relocatable */
  else if (c->shdr.sh_type != SHT_NOBITS)
    copy_members(ctx, c, base);
  if (c->relocations)
    write_section_relocations(ctx, c);
}

/* Work items: each output section with its relocations, each file's locals, then the
 * single writers. */
static void write_relocatable_task(Ctx *ctx, i64 i, void *arg) {
  (void)arg;
  RelocatableOutput *r = ctx->relocatable;
  if (i < r->sections.len) {
    write_section_contents(ctx, r->sections.data[i]);
    return;
  }
  i -= r->sections.len;
  if (i < ctx->objs.len) {
    write_file_locals_task(ctx, i, NULL);
    return;
  }
  i -= ctx->objs.len;
  if (i < r->groups.len) {
    write_group(ctx, &r->groups.data[i]);
    return;
  }
  switch (i - r->groups.len) {
  case 0:
    write_globals(ctx);
    break;
  case 1:
    write_section_symbols(ctx);
    break;
  case 2:
    write_shdrs_and_names(ctx);
    break;
  case 3:
    if (ctx->gnu_property)
      write_gnu_property(ctx);
    break;
  }
}

void write_relocatable(Ctx *ctx) {
  RelocatableOutput *r = ctx->relocatable;
  write_ehdr(ctx, ctx->buf);
  parallel_for(ctx, r->sections.len + ctx->objs.len + r->groups.len + 4, write_relocatable_task,
               NULL);
  /* Past SHN_LORESERVE sections, section 0 holds the count and .shstrtab's index. */
  i64 nsections = (i64)(ctx->shdr->shdr.sh_size / sizeof(Elf64_Shdr));
  Elf64_Shdr *first = (Elf64_Shdr *)(void *)(ctx->buf + ctx->shdr->shdr.sh_offset);
  if (nsections >= SHN_LORESERVE)
    first->sh_size = (u64)nsections;
  if (ctx->shstrtab->shndx >= SHN_LORESERVE)
    first->sh_link = (u32)ctx->shstrtab->shndx;
}
