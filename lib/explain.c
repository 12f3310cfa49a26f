/* Telling users what the link did: --why-extract (which reference pulled each archive
 * member in) and -Map (where every input section went). --trace-symbol is printed as
 * symbols are resolved (symbols.c). */
#include "rivet.h"

#include <errno.h>

void print_why_extract(Ctx *ctx) {
  const char *path = ctx->opt.why_extract;
  if (!path)
    return;
  FILE *out = !strcmp(path, "-") ? stdout : fopen(path, "w");
  if (!out) {
    error(ctx, "cannot open --why-extract= file %s: %s", path, strerror(errno));
    return;
  }
  fprintf(out, "reference\textracted\tsymbol\n");
  for (i64 i = 0; i < ctx->objs.len; i++) {
    InputFile *f = ctx->objs.data[i];
    if (!f->archive_name)
      continue;
    const char *by = f->extracted_from_file ? f->extracted_from_file->name
                     : f->in_whole_archive  ? "--whole-archive"
                                            : "-u";
    fprintf(out, "%s\t%s\t%s\n", by, f->name, f->extracted_by ? f->extracted_by : "");
  }
  if (out != stdout)
    fclose(out);
}

void print_map_file(Ctx *ctx) {
  const char *path = ctx->opt.map_file;
  if (!path)
    return;
  FILE *out = !strcmp(path, "-") ? stdout : fopen(path, "w");
  if (!out) {
    error(ctx, "cannot open map file %s: %s", path, strerror(errno));
    return;
  }
  fprintf(out, "%16s %16s %8s %5s Out     In\n", "VMA", "LMA", "Size", "Align");
  for (i64 i = 0; i < ctx->chunks.len; i++) {
    Chunk *c = ctx->chunks.data[i];
    if (!c->shndx)
      continue;
    fprintf(out, "%16lx %16lx %8lx %5lu %s\n", (unsigned long)c->shdr.sh_addr,
            (unsigned long)c->shdr.sh_addr, (unsigned long)c->shdr.sh_size,
            (unsigned long)c->shdr.sh_addralign, c->name);
    for (i64 k = 0; k < c->members.len; k++) {
      InputSection *isec = c->members.data[k];
      fprintf(out, "%16lx %16lx %8lx %5lu         %s:(%s)\n",
              (unsigned long)(c->shdr.sh_addr + isec->offset),
              (unsigned long)(c->shdr.sh_addr + isec->offset), (unsigned long)isec->size,
              1ul << isec->p2align, isec->file->name, isec->name);
      /* The symbols defined in this input section, in file order. */
      InputFile *f = isec->file;
      for (i64 s = 1; f->syms && s < f->nsyms; s++) {
        Symbol *sym = f->syms[s];
        if (sym->isec != isec || sym->type == STT_SECTION || !sym->name[0] ||
            (!sym->is_local && sym->file != f))
          continue;
        u64 addr = symbol_definition_address(ctx, sym);
        fprintf(out, "%16lx %16lx %8lx %5d                 %s\n", (unsigned long)addr,
                (unsigned long)addr, (unsigned long)sym->size, 1, sym->name);
      }
    }
  }
  if (out != stdout)
    fclose(out);
}
