/* The relocation scan: for each relocation of a live allocated section, decide what
 * the symbol needs (GOT slot, TP-offset slot, .iplt entry) and record it as flags on
 * the symbol. Entries are then allocated once, serially, in input order.
 * This is the static-link subset of the decision table of DESIGN.md sec. 5: every
 * definition is local to the output, so references are link-time constants, GOT
 * loads are relaxed where the instruction allows it (psABI B.2), and TLS accesses
 * are relaxed to local-exec. IFUNCs are reached through a canonical .iplt entry
 * whose slot the startup code fills from .rela.iplt (IRELATIVE). */
#include "arch.h"
#include "rivet.h"

#include <stdlib.h>

typedef struct UndefRef {
  Symbol *sym;
  InputSection *isec;
  u64 offset;
} UndefRef;

typedef VEC(UndefRef) UndefRefVec;

static bool is_undefined_strong(InputFile *f, i64 idx, Symbol *sym) {
  if (sym->is_local || symbol_is_defined(sym))
    return false;
  return ELF64_ST_BIND(f->esyms[idx].st_info) != STB_WEAK;
}

/* Can the GOT-indirect access be rewritten to address the symbol itself? Only when
 * the symbol has a final address inside the output (not absolute, not undefined). */
bool got_load_is_relaxable(Ctx *ctx, InputSection *isec, const Elf64_Rela *rel, Symbol *sym) {
  u32 type = ELF64_R_TYPE(rel->r_info);
  if (rel->r_offset < 3 || !isec->contents)
    return false;
  bool placed = (sym->isec && sym->isec->is_alive) || sym->chunk;
  if (!placed)
    return false;
  return ctx->arch->can_relax_got(isec->contents + rel->r_offset, type);
}

static void scan_section(Ctx *ctx, InputSection *isec, UndefRefVec *undefs) {
  InputFile *f = isec->file;
  const Arch *arch = ctx->arch;
  for (i64 i = 0; i < isec->nrels; i++) {
    const Elf64_Rela *rel = &isec->rels[i];
    u32 type = ELF64_R_TYPE(rel->r_info);
    i64 idx = (i64)ELF64_R_SYM(rel->r_info);
    Symbol *sym = f->syms[idx];
    RelKind kind = arch->classify(type);
    if (kind == RK_NONE)
      continue;
    if (kind == RK_UNKNOWN) {
      error(ctx, "%s:(%s+0x%lx): unsupported relocation type %u against '%s'", f->name,
            isec->name, (unsigned long)rel->r_offset, type, sym->name);
      continue;
    }
    if (is_undefined_strong(f, idx, sym)) {
      UndefRef u = {sym, isec, rel->r_offset};
      vec_push(undefs, u);
    }
    switch (kind) {
    case RK_ABS_WORD:
    case RK_ABS_NARROW:
    case RK_PC:
    case RK_CALL:
    case RK_PLTOFF:
      if (symbol_is_ifunc(sym))
        atomic_fetch_or(&sym->flags, NEEDS_PLT);
      break;
    case RK_GOT:
      if (symbol_is_ifunc(sym))
        atomic_fetch_or(&sym->flags, NEEDS_PLT);
      if (!got_load_is_relaxable(ctx, isec, rel, sym))
        atomic_fetch_or(&sym->flags, NEEDS_GOT);
      break;
    case RK_GOT_OFFSET:
      if (symbol_is_ifunc(sym))
        atomic_fetch_or(&sym->flags, NEEDS_PLT);
      atomic_fetch_or(&sym->flags, NEEDS_GOT);
      break;
    case RK_TLS_IE:
      if (rel->r_offset < 3 || !arch->can_relax_ie(isec->contents + rel->r_offset, type))
        atomic_fetch_or(&sym->flags, NEEDS_GOTTP);
      break;
    case RK_TLS_GD:
    case RK_TLS_LD:
      /* Relaxed to local-exec: the call to __tls_get_addr that follows disappears with
       * its relocation, so it is no reference (psABI "TLS transitions"). */
      i++;
      break;
    case RK_TLS_DESC:
    case RK_TLS_DESC_CALL:
    case RK_TLS_DTPOFF:
    case RK_TLS_LE:
      if (sym->type != STT_TLS && symbol_is_defined(sym) && !sym->is_local)
        error(ctx, "%s:(%s+0x%lx): TLS relocation %s against non-TLS symbol '%s'", f->name,
              isec->name, (unsigned long)rel->r_offset, arch->reloc_name(type), sym->name);
      break;
    default:
      break;
    }
  }
}

/* "undefined symbol: NAME" once per symbol, with up to three referencing places. */
static void report_undefined(Ctx *ctx, UndefRef *refs, i64 n) {
  for (i64 i = 0; i < n; i++) {
    Symbol *sym = refs[i].sym;
    if (!sym)
      continue;
    char buf[2048];
    i64 len = snprintf(buf, sizeof buf, "undefined symbol: %s", sym->name);
    i64 shown = 0, more = 0;
    for (i64 k = i; k < n; k++) {
      if (refs[k].sym != sym)
        continue;
      if (shown < 3 && len < (i64)sizeof buf - 200)
        len += snprintf(buf + len, sizeof buf - (size_t)len, "\n>>> referenced by %s:(%s+0x%lx)",
                        refs[k].isec->file->name, refs[k].isec->name, (unsigned long)refs[k].offset);
      else
        more++;
      shown++;
      refs[k].sym = NULL;
    }
    if (more)
      snprintf(buf + len, sizeof buf - (size_t)len, "\n>>> referenced %ld more times", (long)more);
    error(ctx, "%s", buf);
  }
}

void scan_relocations(Ctx *ctx) {
  UndefRefVec undefs = {0};
  for (i64 fi = 0; fi < ctx->objs.len; fi++) {
    InputFile *f = ctx->objs.data[fi];
    for (i64 i = 0; i < f->nshdrs; i++) {
      InputSection *isec = f->sections[i];
      if (isec && isec->is_alive && (isec->flags & SHF_ALLOC) && isec->nrels)
        scan_section(ctx, isec, &undefs);
    }
  }
  report_undefined(ctx, undefs.data, undefs.len);
  free(undefs.data);
}

static void allocate_symbol(Ctx *ctx, Symbol *sym, i64 *nplt) {
  u16 flags = atomic_load(&sym->flags);
  if (!flags)
    return;
  if ((flags & NEEDS_PLT) && sym->plt_idx < 0) {
    sym->plt_idx = (i32)(*nplt)++;
    vec_push(&ctx->plt_syms, sym);
  }
  if ((flags & NEEDS_GOT) && sym->got_idx < 0) {
    sym->got_idx = (i32)ctx->got_slots++;
    vec_push(&ctx->got_syms, sym);
  }
  if ((flags & NEEDS_GOTTP) && sym->gottp_idx < 0) {
    sym->gottp_idx = (i32)ctx->got_slots++;
    vec_push(&ctx->got_syms, sym);
  }
}

/* Serial and in input order, so slot numbers do not depend on thread scheduling. */
void allocate_got_and_plt(Ctx *ctx) {
  i64 nplt = 0;
  for (i64 fi = 0; fi < ctx->objs.len; fi++) {
    InputFile *f = ctx->objs.data[fi];
    for (i64 i = 0; i < f->nsyms; i++)
      allocate_symbol(ctx, f->syms[i], &nplt);
  }
  for (i64 i = 0; i < ctx->linker_syms.len; i++)
    allocate_symbol(ctx, ctx->linker_syms.data[i], &nplt);
}
