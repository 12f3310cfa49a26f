/* Orphan sections: input sections that GNU ld's default linker script (ld --verbose,
 * elf_x86_64) names in no output section statement. rivet places them by name, as GNU
 * ld's orphan rules do; --orphan-handling=warn|error reports them, and --unique without
 * a pattern gives each one an output section of its own. */
#include "rivet.h"

#include <fnmatch.h>

/* Every input section pattern of GNU ld's default script for elf_x86_64, the
 * /DISCARD/ ones (.note.GNU-stack, .gnu_debuglink, .gnu.lto_*) included. */
static const char *const default_script_patterns[] = {
    ".interp",
    ".note.gnu.build-id",
    ".hash",
    ".gnu.hash",
    ".dynsym",
    ".dynstr",
    ".gnu.version",
    ".gnu.version_d",
    ".gnu.version_r",
    ".rela.init",
    ".rela.text",
    ".rela.text.*",
    ".rela.gnu.linkonce.t.*",
    ".rela.fini",
    ".rela.rodata",
    ".rela.rodata.*",
    ".rela.gnu.linkonce.r.*",
    ".rela.data",
    ".rela.data.*",
    ".rela.gnu.linkonce.d.*",
    ".rela.tdata",
    ".rela.tdata.*",
    ".rela.gnu.linkonce.td.*",
    ".rela.tbss",
    ".rela.tbss.*",
    ".rela.gnu.linkonce.tb.*",
    ".rela.ctors",
    ".rela.dtors",
    ".rela.got",
    ".rela.bss",
    ".rela.bss.*",
    ".rela.gnu.linkonce.b.*",
    ".rela.ldata",
    ".rela.ldata.*",
    ".rela.gnu.linkonce.l.*",
    ".rela.lbss",
    ".rela.lbss.*",
    ".rela.gnu.linkonce.lb.*",
    ".rela.lrodata",
    ".rela.lrodata.*",
    ".rela.gnu.linkonce.lr.*",
    ".rela.ifunc",
    ".rela.plt",
    ".rela.iplt",
    ".relr.dyn",
    ".init",
    ".plt",
    ".iplt",
    ".plt.got",
    ".plt.sec",
    ".text",
    ".text.*",
    ".stub",
    ".gnu.linkonce.t.*",
    ".gnu.warning",
    ".fini",
    ".rodata",
    ".rodata.*",
    ".gnu.linkonce.r.*",
    ".rodata1",
    ".eh_frame_hdr",
    ".eh_frame_entry",
    ".eh_frame_entry.*",
    ".eh_frame",
    ".eh_frame.*",
    ".sframe",
    ".sframe.*",
    ".gcc_except_table",
    ".gcc_except_table.*",
    ".gnu_extab*",
    ".exception_ranges*",
    ".tdata",
    ".tdata.*",
    ".gnu.linkonce.td.*",
    ".tbss",
    ".tbss.*",
    ".gnu.linkonce.tb.*",
    ".tcommon",
    ".preinit_array",
    ".init_array",
    ".init_array.*",
    ".ctors",
    ".ctors.*",
    ".fini_array",
    ".fini_array.*",
    ".dtors",
    ".dtors.*",
    ".jcr",
    ".data.rel.ro.local*",
    ".gnu.linkonce.d.rel.ro.local.*",
    ".data.rel.ro",
    ".data.rel.ro.*",
    ".gnu.linkonce.d.rel.ro.*",
    ".dynamic",
    ".got",
    ".igot",
    ".got.plt",
    ".igot.plt",
    ".data",
    ".data.*",
    ".gnu.linkonce.d.*",
    ".data1",
    ".dynbss",
    ".bss",
    ".bss.*",
    ".gnu.linkonce.b.*",
    ".dynlbss",
    ".lbss",
    ".lbss.*",
    ".gnu.linkonce.lb.*",
    ".lrodata",
    ".lrodata.*",
    ".gnu.linkonce.lr.*",
    ".ldata",
    ".ldata.*",
    ".gnu.linkonce.l.*",
    ".stab",
    ".stabstr",
    ".stab.excl",
    ".stab.exclstr",
    ".stab.index",
    ".stab.indexstr",
    ".comment",
    ".gnu.build.attributes",
    ".gnu.build.attributes.*",
    ".debug",
    ".line",
    ".debug_srcinfo",
    ".debug_sfnames",
    ".debug_aranges",
    ".debug_pubnames",
    ".debug_info",
    ".gnu.linkonce.wi.*",
    ".debug_abbrev",
    ".debug_line",
    ".debug_line.*",
    ".debug_line_end",
    ".debug_frame",
    ".debug_str",
    ".debug_loc",
    ".debug_macinfo",
    ".debug_weaknames",
    ".debug_funcnames",
    ".debug_typenames",
    ".debug_varnames",
    ".debug_pubtypes",
    ".debug_ranges",
    ".debug_addr",
    ".debug_line_str",
    ".debug_loclists",
    ".debug_macro",
    ".debug_names",
    ".debug_rnglists",
    ".debug_str_offsets",
    ".debug_sup",
    ".gnu.attributes",
    ".note.GNU-stack",
    ".gnu_debuglink",
    ".gnu.lto_*",
};

bool is_orphan_section_name(const char *name) {
  /* GNU ld reads a .zdebug_X section (compressed the old way) as .debug_X. */
  char plain[256];
  if (starts_with(name, ".zdebug") && strlen(name) < sizeof plain) {
    plain[0] = '.';
    strcpy(plain + 1, name + 2);
    name = plain;
  }
  for (size_t i = 0; i < ARRAY_SIZE(default_script_patterns); i++)
    if (!fnmatch(default_script_patterns[i], name, 0))
      return false;
  return true;
}

static void report_orphan(Ctx *ctx, InputFile *f, const char *name, const char *out_name) {
  if (ctx->opt.orphan_handling == ORPHAN_ERROR)
    error(ctx, "unplaced orphan section `%s' from `%s'", name, f->name);
  else
    warn(ctx, "orphan section `%s' from `%s' being placed in section `%s'", name, f->name,
         out_name);
}

/* --orphan-handling=discard: the orphans are dropped, and a reference to a symbol in
 * one is an error in GNU ld's words; the objects' property notes go too. */
static void report_discarded_reference(Ctx *ctx, InputSection *from, Symbol *sym) {
  const char *name = sym->type == STT_SECTION ? sym->isec->name : display_name(ctx, sym->name);
  error(ctx, "`%s' referenced in section `%s' of %s: defined in discarded section `%s' of %s", name,
        from->name, from->file->name, sym->isec->name, sym->isec->file->name);
}

static void check_discarded_references_task(Ctx *ctx, i64 fi, void *arg) {
  (void)arg;
  InputFile *f = ctx->objs.data[fi];
  for (i64 k = 1; f->sections && k < f->nshdrs; k++) {
    InputSection *isec = f->sections[k];
    /* Debug sections get tombstones; .eh_frame drops the FDEs (GNU ld says nothing). */
    if (!isec || !isec->is_alive || !(isec->flags & SHF_ALLOC) ||
        str_equal(isec->name, ".eh_frame"))
      continue;
    for (i64 r = 0; r < isec->nrels; r++) {
      Symbol *sym = f->syms[ELF64_R_SYM(isec->rels[r].r_info)];
      if (sym->isec && !sym->isec->is_alive && sym->isec->discarded_orphan)
        report_discarded_reference(ctx, isec, sym);
    }
  }
}

static void discard_orphan_sections(Ctx *ctx) {
  for (i64 fi = 0; fi < ctx->objs.len; fi++) {
    InputFile *f = ctx->objs.data[fi];
    f->has_feature_note = false; /* .note.gnu.property is an orphan: no property note */
    f->isa_needed = f->property_1_needed = 0;
    for (i64 k = 1; f->sections && k < f->nshdrs; k++) {
      InputSection *isec = f->sections[k];
      if (isec && isec->is_alive && isec->type != SHT_GROUP && is_orphan_section_name(isec->name)) {
        isec->is_alive = false;
        isec->discarded_orphan = true;
      }
    }
  }
  parallel_for(ctx, ctx->objs.len, check_discarded_references_task, NULL);
}

/* --orphan-handling=warn|error: GNU ld's line for each orphan input section, in input
 * order. Sections the link does not keep (discarded COMDAT copies, relocation
 * sections) are no orphans; the objects' .note.gnu.property notes are merged into the
 * first one's (GNU ld reports that one). */
void report_orphan_sections(Ctx *ctx) {
  OrphanHandling how = ctx->opt.orphan_handling;
  if (how == ORPHAN_DISCARD)
    discard_orphan_sections(ctx);
  if (how != ORPHAN_WARN && how != ORPHAN_ERROR)
    return;
  bool property_seen = false;
  for (i64 fi = 0; fi < ctx->objs.len; fi++) {
    InputFile *f = ctx->objs.data[fi];
    for (i64 k = 1; f->shdrs && k < f->nshdrs; k++) {
      InputSection *isec = f->sections ? f->sections[k] : NULL;
      const char *name = isec ? isec->name : NULL;
      if (!isec && f->shdrs[k].sh_type == SHT_NOTE && f->shdrs[k].sh_name < (u64)f->shstrtab_size)
        name = f->shstrtab + f->shdrs[k].sh_name;
      if (name && !isec && str_equal(name, ".note.gnu.property") && !property_seen) {
        property_seen = true;
        report_orphan(ctx, f, name, name);
        continue;
      }
      if (!isec || !isec->is_alive || isec->type == SHT_GROUP || !is_orphan_section_name(name))
        continue;
      report_orphan(ctx, f, name, output_section_name(ctx, name, isec->flags, isec->type));
    }
  }
}
