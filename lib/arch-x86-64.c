/* x86-64 (AMD64 psABI). Relocation classification, the arithmetic of each relocation
 * type, the instruction rewrites the psABI allows (GOTPCRELX relaxation, TLS model
 * transitions, Table "TLS transitions"), and .iplt entry bytes. */
#include "arch.h"
#include "rivet.h"

static const char *const reloc_names[] = {
    [R_X86_64_NONE] = "R_X86_64_NONE",
    [R_X86_64_64] = "R_X86_64_64",
    [R_X86_64_PC32] = "R_X86_64_PC32",
    [R_X86_64_GOT32] = "R_X86_64_GOT32",
    [R_X86_64_PLT32] = "R_X86_64_PLT32",
    [R_X86_64_COPY] = "R_X86_64_COPY",
    [R_X86_64_GLOB_DAT] = "R_X86_64_GLOB_DAT",
    [R_X86_64_JUMP_SLOT] = "R_X86_64_JUMP_SLOT",
    [R_X86_64_RELATIVE] = "R_X86_64_RELATIVE",
    [R_X86_64_GOTPCREL] = "R_X86_64_GOTPCREL",
    [R_X86_64_32] = "R_X86_64_32",
    [R_X86_64_32S] = "R_X86_64_32S",
    [R_X86_64_16] = "R_X86_64_16",
    [R_X86_64_PC16] = "R_X86_64_PC16",
    [R_X86_64_8] = "R_X86_64_8",
    [R_X86_64_PC8] = "R_X86_64_PC8",
    [R_X86_64_DTPMOD64] = "R_X86_64_DTPMOD64",
    [R_X86_64_DTPOFF64] = "R_X86_64_DTPOFF64",
    [R_X86_64_TPOFF64] = "R_X86_64_TPOFF64",
    [R_X86_64_TLSGD] = "R_X86_64_TLSGD",
    [R_X86_64_TLSLD] = "R_X86_64_TLSLD",
    [R_X86_64_DTPOFF32] = "R_X86_64_DTPOFF32",
    [R_X86_64_GOTTPOFF] = "R_X86_64_GOTTPOFF",
    [R_X86_64_TPOFF32] = "R_X86_64_TPOFF32",
    [R_X86_64_PC64] = "R_X86_64_PC64",
    [R_X86_64_GOTOFF64] = "R_X86_64_GOTOFF64",
    [R_X86_64_GOTPC32] = "R_X86_64_GOTPC32",
    [R_X86_64_GOT64] = "R_X86_64_GOT64",
    [R_X86_64_GOTPCREL64] = "R_X86_64_GOTPCREL64",
    [R_X86_64_GOTPC64] = "R_X86_64_GOTPC64",
    [R_X86_64_GOTPLT64] = "R_X86_64_GOTPLT64",
    [R_X86_64_PLTOFF64] = "R_X86_64_PLTOFF64",
    [R_X86_64_SIZE32] = "R_X86_64_SIZE32",
    [R_X86_64_SIZE64] = "R_X86_64_SIZE64",
    [R_X86_64_GOTPC32_TLSDESC] = "R_X86_64_GOTPC32_TLSDESC",
    [R_X86_64_TLSDESC_CALL] = "R_X86_64_TLSDESC_CALL",
    [R_X86_64_TLSDESC] = "R_X86_64_TLSDESC",
    [R_X86_64_IRELATIVE] = "R_X86_64_IRELATIVE",
    [R_X86_64_GOTPCRELX] = "R_X86_64_GOTPCRELX",
    [R_X86_64_REX_GOTPCRELX] = "R_X86_64_REX_GOTPCRELX",
};

static const char *x86_reloc_name(u32 type) {
  if (type < (u32)ARRAY_SIZE(reloc_names) && reloc_names[type])
    return reloc_names[type];
  return "unknown relocation";
}

/* Bytes a relocation of this type patches at its offset (TLS rewrites reach further
 * and are checked where they happen). */
static i64 x86_field_size(u32 type) {
  switch (type) {
  case R_X86_64_NONE:
    return 0;
  case R_X86_64_8:
  case R_X86_64_PC8:
    return 1;
  case R_X86_64_16:
  case R_X86_64_PC16:
  case R_X86_64_TLSDESC_CALL:
    return 2;
  case R_X86_64_64:
  case R_X86_64_PC64:
  case R_X86_64_GOTOFF64:
  case R_X86_64_GOTPC64:
  case R_X86_64_GOT64:
  case R_X86_64_GOTPCREL64:
  case R_X86_64_GOTPLT64:
  case R_X86_64_PLTOFF64:
  case R_X86_64_SIZE64:
  case R_X86_64_DTPOFF64:
  case R_X86_64_TPOFF64:
    return 8;
  default:
    return 4;
  }
}

static RelKind x86_classify(u32 type) {
  switch (type) {
  case R_X86_64_NONE:
    return RK_NONE;
  case R_X86_64_64:
    return RK_ABS_WORD;
  case R_X86_64_32:
  case R_X86_64_32S:
  case R_X86_64_16:
  case R_X86_64_8:
    return RK_ABS_NARROW;
  case R_X86_64_PC32:
  case R_X86_64_PC64:
  case R_X86_64_PC16:
  case R_X86_64_PC8:
    return RK_PC;
  case R_X86_64_PLT32:
    return RK_CALL;
  case R_X86_64_GOTPCREL:
  case R_X86_64_GOTPCRELX:
  case R_X86_64_REX_GOTPCRELX:
  case R_X86_64_GOTPCREL64:
    return RK_GOT;
  case R_X86_64_GOT32:
  case R_X86_64_GOT64:
  case R_X86_64_GOTPLT64:
    return RK_GOT_OFFSET;
  case R_X86_64_GOTOFF64:
    return RK_GOTOFF;
  case R_X86_64_GOTPC32:
  case R_X86_64_GOTPC64:
    return RK_GOTPC;
  case R_X86_64_PLTOFF64:
    return RK_PLTOFF;
  case R_X86_64_SIZE32:
  case R_X86_64_SIZE64:
    return RK_SIZE;
  case R_X86_64_TLSGD:
    return RK_TLS_GD;
  case R_X86_64_TLSLD:
    return RK_TLS_LD;
  case R_X86_64_DTPOFF32:
  case R_X86_64_DTPOFF64:
    return RK_TLS_DTPOFF;
  case R_X86_64_GOTTPOFF:
    return RK_TLS_IE;
  case R_X86_64_TPOFF32:
  case R_X86_64_TPOFF64:
    return RK_TLS_LE;
  case R_X86_64_GOTPC32_TLSDESC:
    return RK_TLS_DESC;
  case R_X86_64_TLSDESC_CALL:
    return RK_TLS_DESC_CALL;
  default:
    return RK_UNKNOWN;
  }
}

/* psABI B.2 "Optimize GOTPCRELX Relocations": mov foo@GOTPCREL(%rip),%reg becomes
 * lea foo(%rip),%reg; call/jmp *foo@GOTPCREL(%rip) become direct call/jmp. */
static bool x86_can_relax_got(const u8 *loc, u32 type) {
  if (type == R_X86_64_REX_GOTPCRELX)
    return loc[-2] == 0x8b && (loc[-3] & 0xf8) == 0x48;
  if (type == R_X86_64_GOTPCRELX)
    return loc[-2] == 0x8b || (loc[-2] == 0xff && (loc[-1] == 0x15 || loc[-1] == 0x25));
  return false;
}

/* --emit-relocs: a GOT load the scan relaxed (relax_got) is a PC-relative reference
 * now, with its field one byte back for jmp, and call under -z call-nop=suffix-* (GNU
 * ld writes R_X86_64_PC32 for them). Other relocations keep their type, the TLS ones
 * too (GNU ld's and lld's choice). */
static u32 x86_emitted_type(Ctx *ctx, const InputSection *isec, const ERela *rel, Symbol *sym,
                            u64 *place) {
  u32 type = ELF64_R_TYPE(rel->r_info);
  bool got_load =
      type == R_X86_64_GOTPCREL || type == R_X86_64_GOTPCRELX || type == R_X86_64_REX_GOTPCRELX;
  if (!got_load || !sym || AUX(sym)->got_idx >= 0 || rel->r_offset < 2 || !isec->contents)
    return type;
  const u8 *loc = isec->contents + rel->r_offset;
  if (loc[-2] != 0x8b && !(loc[-1] == 0x15 && !ctx->opt.call_nop_suffix))
    *place -= 1;
  return R_X86_64_PC32;
}

/* Rewrites the GOT load at loc to address the symbol directly and returns where the
 * new 32-bit displacement goes and the place it is relative to. */
static u8 *relax_got(const Options *o, u8 *loc, u64 *place) {
  if (loc[-2] == 0x8b) {
    loc[-2] = 0x8d; /* mov foo@GOTPCREL(%rip),%reg -> lea foo(%rip),%reg */
    return loc;
  }
  if (loc[-1] == 0x15 && !o->call_nop_suffix) {
    loc[-2] = o->call_nop_byte; /* call *foo@GOTPCREL(%rip) -> addr32 call foo (-z call-nop) */
    loc[-1] = 0xe8;
    return loc;
  }
  if (loc[-1] == 0x15) { /* -z call-nop=suffix-*: call foo; nop */
    loc[-2] = 0xe8;
    loc[3] = o->call_nop_byte;
    *place -= 1;
    return loc - 1;
  }
  /* jmp *foo@GOTPCREL(%rip) -> jmp foo; nop: the displacement moves one byte back. */
  loc[-2] = 0xe9;
  loc[3] = 0x90;
  *place -= 1;
  return loc - 1;
}

/* Initial-exec to local-exec: the instruction forms of psABI Table "IE -> LE". */
static bool x86_can_relax_ie(const u8 *loc, u32 type) {
  if (type != R_X86_64_GOTTPOFF)
    return false;
  u8 rex = loc[-3], op = loc[-2];
  if (rex != 0x48 && rex != 0x4c)
    return false;
  return op == 0x8b || op == 0x03;
}

static void relax_ie_to_le(u8 *loc) {
  u8 *inst = loc - 3;
  u8 reg = (loc[-1] >> 3) & 7;
  if (inst[1] == 0x03) {
    /* addq x@gottpoff(%rip),%reg: rsp and r12 need addq $imm (lea would need a SIB byte). */
    if (reg == 4) {
      inst[0] = inst[0] == 0x4c ? 0x49 : 0x48;
      inst[1] = 0x81;
      inst[2] = 0xc0 | reg;
    } else {
      inst[0] = inst[0] == 0x4c ? 0x4d : 0x48;
      inst[1] = 0x8d;
      inst[2] = 0x80 | (u8)(reg << 3) | reg;
    }
  } else {
    /* movq x@gottpoff(%rip),%reg -> movq $x,%reg */
    inst[0] = inst[0] == 0x4c ? 0x49 : 0x48;
    inst[1] = 0xc7;
    inst[2] = 0xc0 | reg;
  }
}

static void x86_write_plt_header(Ctx *ctx, u8 *buf, u64 plt, u64 gotplt) {
  /* pushq GOT+8(%rip); jmpq *GOT+16(%rip); nopl 0(%rax) */
  (void)ctx;
  static const u8 insn[16] = {0xff, 0x35, 0, 0, 0, 0, 0xff, 0x25, 0, 0, 0, 0, 0x0f, 0x1f, 0x40, 0};
  memcpy(buf, insn, 16);
  wr32(buf + 2, (u32)(gotplt + 8 - (plt + 6)));
  wr32(buf + 8, (u32)(gotplt + 16 - (plt + 12)));
}

/* endbr64; jmp *slot(%rip); nopw 0(%rax,%rax): an IBT-enabled jump through a slot
 * (GNU ld's .plt.sec and IBT .plt.got entry), 16 bytes. */
static void x86_write_ibt_jump(u8 *buf, u64 entry, u64 slot) {
  static const u8 insn[16] = {0xf3, 0x0f, 0x1e, 0xfa, 0xff, 0x25, 0,    0,
                              0,    0,    0x66, 0x0f, 0x1f, 0x44, 0,    0};
  memcpy(buf, insn, 16);
  wr32(buf + 6, (u32)(slot - (entry + 10)));
}

static void x86_write_plt_entry(Ctx *ctx, u8 *buf, u64 entry, u64 slot, i64 index, u64 plt) {
  if (ctx->ibt_plt) {
    /* endbr64; pushq $index; jmpq PLT0; xchg %ax,%ax: the lazy path only, reached
     * through the slot's initial value (the call goes to .plt.sec). */
    static const u8 insn[16] = {0xf3, 0x0f, 0x1e, 0xfa, 0x68, 0, 0, 0, 0, 0xe9, 0, 0, 0, 0, 0x66, 0x90};
    memcpy(buf, insn, 16);
    wr32(buf + 5, (u32)index);
    wr32(buf + 10, (u32)(plt - (entry + 14)));
    return;
  }
  /* jmpq *slot(%rip); pushq $index; jmpq PLT0 */
  static const u8 insn[16] = {0xff, 0x25, 0, 0, 0, 0, 0x68, 0, 0, 0, 0, 0xe9, 0, 0, 0, 0};
  memcpy(buf, insn, 16);
  wr32(buf + 2, (u32)(slot - (entry + 6)));
  wr32(buf + 7, (u32)index);
  wr32(buf + 12, (u32)(plt - (entry + 16)));
}

/* The lazy slot points at the push (entry + 6), or at an IBT entry's endbr64. */
static u64 x86_plt_lazy_target(Ctx *ctx, u64 entry) {
  return ctx->ibt_plt ? entry : entry + 6;
}

static void x86_write_plt_sec_entry(Ctx *ctx, u8 *buf, u64 entry, u64 slot) {
  (void)ctx;
  x86_write_ibt_jump(buf, entry, slot);
}

static void x86_write_pltgot_entry(Ctx *ctx, u8 *buf, u64 entry_addr, u64 got_slot_addr) {
  if (ctx->ibt_plt) {
    x86_write_ibt_jump(buf, entry_addr, got_slot_addr);
    return;
  }
  /* jmp *slot(%rip); xchg %ax,%ax (GNU ld's 8-byte .plt.got entry) */
  static const u8 insn[8] = {0xff, 0x25, 0, 0, 0, 0, 0x66, 0x90};
  memcpy(buf, insn, 8);
  wr32(buf + 2, (u32)(got_slot_addr - (entry_addr + 6)));
}

static void x86_write_iplt_entry(Ctx *ctx, u8 *buf, u64 entry_addr, u64 slot_addr) {
  /* An IFUNC's canonical address may be an indirect-call target: endbr64 first. */
  if (ctx->ibt_plt) {
    x86_write_ibt_jump(buf, entry_addr, slot_addr);
    return;
  }
  /* jmp *slot(%rip); padded with int3 to 16 bytes. */
  static const u8 insn[16] = {0xff, 0x25, 0,    0,    0,    0,    0xcc, 0xcc,
                              0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc};
  memcpy(buf, insn, 16);
  wr32(buf + 2, (u32)(slot_addr - (entry_addr + 6)));
}

/* DWARF register numbers (psABI "DWARF Register Number Mapping") and the call frame
 * and expression opcodes the PLT's unwind information uses (DWARF 5, 6.4.2 and 2.5). */
enum {
  DWARF_REG_RSP = 7,
  DWARF_REG_RIP = 16, /* the return address column */
  CFA_DEF_CFA = 0x0c,
  CFA_DEF_CFA_OFFSET = 0x0e,
  CFA_DEF_CFA_EXPRESSION = 0x0f,
  CFA_ADVANCE_LOC = 0x40, /* + delta in the low 6 bits */
  CFA_OFFSET = 0x80,      /* + register in the low 6 bits */
  OP_AND = 0x1a,
  OP_PLUS = 0x22,
  OP_SHL = 0x24,
  OP_GE = 0x2a,
  OP_LIT0 = 0x30,
  OP_BREG0 = 0x70,
};

/* At a call's target the return address is the word at rsp: CFA = rsp + 8, and the
 * return address is saved at CFA - 8 (a data alignment factor of -8 times 1). */
static const u8 x86_cie_insns[] = {CFA_DEF_CFA, DWARF_REG_RSP, 8, CFA_OFFSET | DWARF_REG_RIP, 1};

/* The lazy .plt, as laid out by x86_write_plt_header and x86_write_plt_entry. PLT0
 * is reached with the entry's relocation index pushed (CFA = rsp + 16); its pushq of
 * GOT[1] (6 bytes) makes it rsp + 24 until the jump at offset 16. In the entries CFA
 * is rsp + 8, plus 8 once the pushq of the index has run: at offset 11 of the
 * 16-byte entry (jmpq 6, pushq 5), or 9 in the IBT form (endbr64 4, pushq 5). The
 * expression is rsp + 8 + ((rip & 15) >= PUSHED) << 3, GNU ld's. */
#define X86_PLT_CFA_INSNS(PUSHED)                                                                  \
  CFA_DEF_CFA_OFFSET, 16, CFA_ADVANCE_LOC | 6, CFA_DEF_CFA_OFFSET, 24, CFA_ADVANCE_LOC | 10,       \
      CFA_DEF_CFA_EXPRESSION, 11, OP_BREG0 + DWARF_REG_RSP, 8, OP_BREG0 + DWARF_REG_RIP, 0,        \
      OP_LIT0 + 15, OP_AND, OP_LIT0 + (PUSHED), OP_GE, OP_LIT0 + 3, OP_SHL, OP_PLUS
static const u8 x86_lazy_plt_insns[] = {X86_PLT_CFA_INSNS(11)};
static const u8 x86_ibt_plt_insns[] = {X86_PLT_CFA_INSNS(9)};

static CfaInsns x86_plt_cfa_insns(Ctx *ctx) {
  if (ctx->ibt_plt)
    return (CfaInsns){x86_ibt_plt_insns, sizeof x86_ibt_plt_insns};
  return (CfaInsns){x86_lazy_plt_insns, sizeof x86_lazy_plt_insns};
}

/* A GD or LD access is a fixed instruction pair: the lea (relocation idx) and a call to
 * __tls_get_addr right after it (psABI "General Dynamic TLS Model"). Relaxation
 * rewrites both, so anything else is refused rather than half rewritten. */
static bool x86_valid_tls_sequence(InputSection *isec, i64 idx) {
  const ERela *rel = &isec->rels[idx];
  bool gd = ELF64_R_TYPE(rel->r_info) == R_X86_64_TLSGD;
  if (idx + 1 >= isec->nrels || !isec->contents)
    return false;
  const ERela *call = &isec->rels[idx + 1];
  u32 ctype = ELF64_R_TYPE(call->r_info);
  Symbol *target = isec->file->syms[ELF64_R_SYM(call->r_info)];
  if (strcmp(target->name, "__tls_get_addr"))
    return false;
  u64 off = rel->r_offset;
  const u8 *loc = isec->contents + off;
  if (gd) {
    if (off < 4 || off + 12 > isec->size || call->r_offset != off + 8)
      return false;
    bool direct = (ctype == R_X86_64_PLT32 || ctype == R_X86_64_PC32) && loc[7] == 0xe8;
    bool via_got = (ctype == R_X86_64_GOTPCRELX || ctype == R_X86_64_GOTPCREL) && loc[6] == 0xff &&
                   loc[7] == 0x15;
    return direct || via_got;
  }
  if (off < 3)
    return false;
  if (call->r_offset == off + 5 && off + 9 <= isec->size)
    return (ctype == R_X86_64_PLT32 || ctype == R_X86_64_PC32) && loc[4] == 0xe8;
  if (call->r_offset == off + 6 && off + 10 <= isec->size)
    return (ctype == R_X86_64_GOTPCRELX || ctype == R_X86_64_GOTPCREL) && loc[4] == 0xff &&
           loc[5] == 0x15;
  return false;
}

typedef struct RelocSite {
  Ctx *ctx;
  InputSection *isec;
  const ERela *rel;
  Symbol *sym;
  u64 place;
} RelocSite;

static void report_overflow(RelocSite *s, i64 value, i64 lo, i64 hi) {
  error(s->ctx,
        "%s:(%s+0x%lx): relocation %s out of range: %ld is not in [%ld, %ld]; references '%s'",
        s->isec->file->name, s->isec->name, (unsigned long)s->rel->r_offset,
        x86_reloc_name(ELF64_R_TYPE(s->rel->r_info)), (long)value, (long)lo, (long)hi,
        s->sym->name);
}

static void write_signed32(RelocSite *s, u8 *loc, i64 v) {
  if (v != (i32)v)
    report_overflow(s, v, INT32_MIN, INT32_MAX);
  wr32(loc, (u32)v);
}

static void write_unsigned32(RelocSite *s, u8 *loc, i64 v) {
  if ((u64)v > UINT32_MAX)
    report_overflow(s, v, 0, UINT32_MAX);
  wr32(loc, (u32)v);
}

static u64 got_base(Ctx *ctx) {
  return ctx->gotplt ? ctx->gotplt->shdr.sh_addr : 0;
}

static void x86_apply_relocs(Ctx *ctx, InputSection *isec, u8 *out) {
  InputFile *f = isec->file;
  u64 base = isec->osec->shdr.sh_addr + isec->offset;
  u64 tp = tls_tp_address(ctx);
  u64 got = ctx->got->shdr.sh_addr;
  /* Executables relax every TLS access; shared objects keep the dynamic models. */
  bool relax_tls = ctx->opt.kind != OUT_SHARED;
  for (i64 i = 0; i < isec->nrels; i++) {
    const ERela *rel = &isec->rels[i];
    u32 type = ELF64_R_TYPE(rel->r_info);
    if (type == R_X86_64_NONE)
      continue;
    u64 off = reloc_place_offset(isec, rel->r_offset);
    if (isec->eh_records) {
      bool dropped;
      off = eh_frame_output_offset(isec, off, &dropped);
      if (dropped)
        continue;
    }
    Symbol *sym = f->syms[ELF64_R_SYM(rel->r_info)];
    if (!reloc_field_fits(ctx->arch, isec->size, off, type)) {
      error(ctx, "%s:(%s+0x%lx): relocation %s extends past the end of the section", f->name,
            isec->name, (unsigned long)rel->r_offset, x86_reloc_name(type));
      continue;
    }
    u8 *loc = out + off;
    u64 P = base + off;
    i64 A = rel->r_addend;
    u64 S = type == R_X86_64_PLT32 || type == R_X86_64_PLTOFF64
                ? call_target_address(ctx, sym, &A)
                : reloc_target_address(ctx, sym, &A);
    RelocSite site = {ctx, isec, rel, sym, P};

    switch (type) {
    case R_X86_64_64:
      wr64(loc, S + (u64)A);
      break;
    case R_X86_64_32:
      write_unsigned32(&site, loc, (i64)(S + (u64)A));
      break;
    case R_X86_64_32S:
      write_signed32(&site, loc, (i64)(S + (u64)A));
      break;
    case R_X86_64_16: {
      i64 v = (i64)(S + (u64)A);
      if (v < INT16_MIN || v > UINT16_MAX)
        report_overflow(&site, v, INT16_MIN, UINT16_MAX);
      wr16(loc, (u16)v);
      break;
    }
    case R_X86_64_8: {
      i64 v = (i64)(S + (u64)A);
      if (v < INT8_MIN || v > UINT8_MAX)
        report_overflow(&site, v, INT8_MIN, UINT8_MAX);
      *loc = (u8)v;
      break;
    }
    case R_X86_64_PC32:
    case R_X86_64_PLT32:
      write_signed32(&site, loc, (i64)(S + (u64)A - P));
      break;
    case R_X86_64_PC16: {
      i64 v = (i64)(S + (u64)A - P);
      if (v != (i16)v)
        report_overflow(&site, v, INT16_MIN, INT16_MAX);
      wr16(loc, (u16)v);
      break;
    }
    case R_X86_64_PC8: {
      i64 v = (i64)(S + (u64)A - P);
      if (v != (i8)v)
        report_overflow(&site, v, INT8_MIN, INT8_MAX);
      *loc = (u8)v;
      break;
    }
    case R_X86_64_PC64:
      wr64(loc, S + (u64)A - P);
      break;
    case R_X86_64_GOTPCREL:
    case R_X86_64_GOTPCRELX:
    case R_X86_64_REX_GOTPCRELX:
      if (AUX(sym)->got_idx < 0) {
        /* The scan decided this load can address the symbol directly. */
        u64 place = P;
        u8 *field = relax_got(&ctx->opt, loc, &place);
        write_signed32(&site, field, (i64)(S + (u64)A - place));
      } else {
        write_signed32(&site, loc, (i64)(symbol_got_address(ctx, sym) + (u64)A - P));
      }
      break;
    case R_X86_64_GOTPCREL64:
      wr64(loc, symbol_got_address(ctx, sym) + (u64)A - P);
      break;
    case R_X86_64_GOT32:
      write_signed32(&site, loc, (i64)(symbol_got_address(ctx, sym) + (u64)A - got_base(ctx)));
      break;
    case R_X86_64_GOT64:
    case R_X86_64_GOTPLT64:
      wr64(loc, symbol_got_address(ctx, sym) + (u64)A - got_base(ctx));
      break;
    case R_X86_64_GOTOFF64:
      wr64(loc, S + (u64)A - got_base(ctx));
      break;
    case R_X86_64_GOTPC32:
      write_signed32(&site, loc, (i64)(got_base(ctx) + (u64)A - P));
      break;
    case R_X86_64_GOTPC64:
      wr64(loc, got_base(ctx) + (u64)A - P);
      break;
    case R_X86_64_PLTOFF64:
      wr64(loc, S + (u64)A - got_base(ctx));
      break;
    case R_X86_64_SIZE32:
      write_unsigned32(&site, loc, (i64)(sym->size + (u64)A));
      break;
    case R_X86_64_SIZE64:
      wr64(loc, sym->size + (u64)A);
      break;
    case R_X86_64_TPOFF32:
      write_signed32(&site, loc, (i64)(S + (u64)A - tp));
      break;
    case R_X86_64_TPOFF64:
      wr64(loc, S + (u64)A - tp);
      break;
    case R_X86_64_DTPOFF32:
      /* After LD -> LE the offset is from the thread pointer; otherwise from the start
       * of the module's TLS block. */
      write_signed32(&site, loc, (i64)(S + (u64)A - (relax_tls ? tp : ctx->tls_begin)));
      break;
    case R_X86_64_DTPOFF64:
      wr64(loc, S + (u64)A - (relax_tls ? tp : ctx->tls_begin));
      break;
    case R_X86_64_TLSGD:
      if (!relax_tls) {
        write_signed32(&site, loc, (i64)(got + (u64)AUX(sym)->tlsgd_idx * 8 + (u64)A - P));
        break;
      }
      {
        /* GD -> LE (or -> IE for a TLS variable of a shared object):
         * .byte 0x66; lea x@tlsgd(%rip),%rdi; .word 0x6666; rex64; call __tls_get_addr
         * (or the -fno-plt form with call *GOT), 16 bytes, become
         * mov %fs:0,%rax; lea x@tpoff(%rax),%rax   or   mov %fs:0,%rax; add x@gottpoff(%rip),%rax
         */
        static const u8 le[] = {0x64, 0x48, 0x8b, 0x04, 0x25, 0, 0, 0,
                                0,    0x48, 0x8d, 0x80, 0,    0, 0, 0};
        static const u8 ie[] = {0x64, 0x48, 0x8b, 0x04, 0x25, 0, 0, 0,
                                0,    0x48, 0x03, 0x05, 0,    0, 0, 0};
        if (off < 4 || off + 12 > isec->size || i + 1 >= isec->nrels ||
            isec->rels[i + 1].r_offset != rel->r_offset + 8) {
          error(ctx, "%s:(%s+0x%lx): R_X86_64_TLSGD is not followed by a call to __tls_get_addr",
                f->name, isec->name, (unsigned long)rel->r_offset);
          break;
        }
        if (AUX(sym)->gottp_idx >= 0 && sym->is_preemptible) {
          memcpy(loc - 4, ie, sizeof(ie));
          /* The GOT reference moved 8 bytes forward: its PC-relative value shrinks by 8. */
          u64 slot = ctx->got->shdr.sh_addr + (u64)AUX(sym)->gottp_idx * 8;
          write_signed32(&site, loc + 8, (i64)(slot + (u64)A - P - 8));
        } else {
          memcpy(loc - 4, le, sizeof(le));
          write_signed32(&site, loc + 8, (i64)(S + (u64)A + 4 - tp));
        }
        i++; /* the call's relocation is gone with the call */
        break;
      }
    case R_X86_64_TLSLD:
      if (!relax_tls) {
        write_signed32(&site, loc, (i64)(got + (u64)ctx->tlsld_got_idx * 8 + (u64)A - P));
        break;
      }
      {
        /* LD -> LE: lea x@tlsld(%rip),%rdi; call __tls_get_addr becomes
         * data16 data16 data16 mov %fs:0,%rax (and the same with call *GOT, one byte longer). */
        static const u8 le[] = {0x66, 0x66, 0x66, 0x64, 0x48, 0x8b, 0x04, 0x25, 0, 0, 0, 0};
        bool next_ok = i + 1 < isec->nrels;
        if (next_ok && off >= 3 && off + 9 <= isec->size && loc[4] == 0xe8 &&
            isec->rels[i + 1].r_offset == rel->r_offset + 5) {
          memcpy(loc - 3, le, sizeof(le));
        } else if (next_ok && off >= 3 && off + 10 <= isec->size && loc[4] == 0xff &&
                   loc[5] == 0x15 && isec->rels[i + 1].r_offset == rel->r_offset + 6) {
          loc[-3] = 0x66;
          memcpy(loc - 2, le, sizeof(le));
        } else {
          error(ctx, "%s:(%s+0x%lx): R_X86_64_TLSLD is not followed by a call to __tls_get_addr",
                f->name, isec->name, (unsigned long)rel->r_offset);
          break;
        }
        i++;
        break;
      }
    case R_X86_64_GOTTPOFF:
      if (AUX(sym)->gottp_idx < 0) {
        relax_ie_to_le(loc);
        write_signed32(&site, loc, (i64)(S + (u64)A + 4 - tp));
      } else {
        write_signed32(&site, loc,
                       (i64)(ctx->got->shdr.sh_addr + (u64)AUX(sym)->gottp_idx * 8 + (u64)A - P));
      }
      break;
    case R_X86_64_GOTPC32_TLSDESC:
      if (!relax_tls) {
        write_signed32(&site, loc, (i64)(got + (u64)AUX(sym)->tlsdesc_idx * 8 + (u64)A - P));
        break;
      }
      if (AUX(sym)->gottp_idx >= 0 && sym->is_preemptible) {
        /* lea x@tlsdesc(%rip),%reg -> mov x@gottpoff(%rip),%reg (TLSDESC -> IE) */
        loc[-2] = 0x8b;
        u64 slot = ctx->got->shdr.sh_addr + (u64)AUX(sym)->gottp_idx * 8;
        write_signed32(&site, loc, (i64)(slot + (u64)A - P));
        break;
      }
      /* lea x@tlsdesc(%rip),%reg -> mov $x@tpoff,%reg */
      loc[-3] = 0x48 | ((loc[-3] >> 2) & 1);
      loc[-2] = 0xc7;
      loc[-1] = 0xc0 | ((loc[-1] >> 3) & 7);
      write_signed32(&site, loc, (i64)(S + (u64)A + 4 - tp));
      break;
    case R_X86_64_TLSDESC_CALL:
      if (!relax_tls)
        break;
      /* call *(%rax) -> xchg %ax,%ax */
      loc[0] = 0x66;
      loc[1] = 0x90;
      break;
    default:
      error(ctx, "%s:(%s+0x%lx): unsupported relocation %s (type %u) against '%s'", f->name,
            isec->name, (unsigned long)rel->r_offset, x86_reloc_name(type), type, sym->name);
      break;
    }
  }
}

/* Debug sections: absolute values only. A reference to a dropped section (COMDAT
 * loser) becomes a tombstone: 0, or 1 in .debug_ranges/.debug_loc where 0 would end
 * the list early (lld does the same). */
static void x86_apply_nonalloc_relocs(Ctx *ctx, InputSection *isec, u8 *out) {
  InputFile *f = isec->file;
  bool is_list = !strcmp(isec->name, ".debug_ranges") || !strcmp(isec->name, ".debug_loc");
  for (i64 i = 0; i < isec->nrels; i++) {
    const ERela *rel = &isec->rels[i];
    u32 type = ELF64_R_TYPE(rel->r_info);
    Symbol *sym = f->syms[ELF64_R_SYM(rel->r_info)];
    if (!reloc_field_fits(ctx->arch, isec->size, rel->r_offset, type)) {
      error(ctx, "%s:(%s+0x%lx): relocation %s extends past the end of the section", f->name,
            isec->name, (unsigned long)rel->r_offset, x86_reloc_name(type));
      continue;
    }
    u8 *loc = out + rel->r_offset;
    i64 A = rel->r_addend;
    bool dead = sym->isec ? !sym->isec->is_alive
                          : (sym->is_local && !sym->is_abs && sym->type == STT_SECTION);
    u64 S = dead ? 0 : reloc_target_address(ctx, sym, &A);
    u64 tombstone = is_list ? 1 : 0;
    switch (type) {
    case R_X86_64_NONE:
      break;
    case R_X86_64_64:
      wr64(loc, dead ? tombstone : S + (u64)A);
      break;
    case R_X86_64_32:
    case R_X86_64_32S:
      wr32(loc, dead ? (u32)tombstone : (u32)(S + (u64)A));
      break;
    case R_X86_64_DTPOFF32:
      wr32(loc, dead ? 0 : (u32)(S + (u64)A - ctx->tls_begin));
      break;
    case R_X86_64_DTPOFF64:
      wr64(loc, dead ? 0 : S + (u64)A - ctx->tls_begin);
      break;
    case R_X86_64_SIZE32:
      wr32(loc, (u32)(sym->size + (u64)A));
      break;
    case R_X86_64_SIZE64:
      wr64(loc, sym->size + (u64)A);
      break;
    case R_X86_64_PC32:
      wr32(loc, (u32)(S + (u64)A - (isec->osec->shdr.sh_addr + isec->offset + rel->r_offset)));
      break;
    default:
      error(ctx, "%s:(%s+0x%lx): unsupported relocation %s in non-allocated section", f->name,
            isec->name, (unsigned long)rel->r_offset, x86_reloc_name(type));
    }
  }
}

/* CET indirect branch tracking: endbr64, and the 4-byte NOP (nopl 0(%rax)) that
 * replaces it where no indirect branch can land. */
static const u8 x86_endbr64[4] = {0xf3, 0x0f, 0x1e, 0xfa};
static const u8 x86_nop4[4] = {0x0f, 0x1f, 0x40, 0x00};

/* PLT32 is what compilers emit for `call f` and `jmp f`; a PC32 may be a `lea` taking
 * the address, and PLTOFF64 (large code model) is followed by an indirect call, so
 * neither counts. */
static bool x86_is_direct_branch(u32 type) {
  return type == R_X86_64_PLT32;
}

const Arch arch_x86_64 = {
    .name = "elf_x86_64",
    .output_format = "elf64-x86-64",
    .e_machine = EM_X86_64,
    .word_size = 8,
    .max_page_size = 4096,
    .common_page_size = 4096,
    .image_base = 0x400000,
    .iplt_entry_size = 16,
    .plt_header_size = 16,
    .plt_entry_size = 16,
    .pltgot_entry_size = 8,
    .plt_sec_entry_size = 16,
    .ibt_pltgot_entry_size = 16,
    .r_relative = R_X86_64_RELATIVE,
    .r_glob_dat = R_X86_64_GLOB_DAT,
    .r_jump_slot = R_X86_64_JUMP_SLOT,
    .r_copy = R_X86_64_COPY,
    .r_abs_word = R_X86_64_64,
    .r_tpoff = R_X86_64_TPOFF64,
    .r_dtpmod = R_X86_64_DTPMOD64,
    .r_dtpoff = R_X86_64_DTPOFF64,
    .r_tlsdesc = R_X86_64_TLSDESC,
    .r_irelative = R_X86_64_IRELATIVE,
    .classify = x86_classify,
    .valid_tls_sequence = x86_valid_tls_sequence,
    .field_size = x86_field_size,
    .reloc_name = x86_reloc_name,
    .can_relax_got = x86_can_relax_got,
    .emitted_type = x86_emitted_type,
    .can_relax_ie = x86_can_relax_ie,
    .apply_relocs = x86_apply_relocs,
    .apply_nonalloc_relocs = x86_apply_nonalloc_relocs,
    .write_iplt_entry = x86_write_iplt_entry,
    .write_plt_header = x86_write_plt_header,
    .write_plt_entry = x86_write_plt_entry,
    .write_pltgot_entry = x86_write_pltgot_entry,
    .plt_lazy_target = x86_plt_lazy_target,
    .write_plt_sec_entry = x86_write_plt_sec_entry,
    .cfa_code_align = 1,
    .cfa_data_align = -8,
    .cfa_ra_column = DWARF_REG_RIP,
    .cie_cfa_insns = {x86_cie_insns, sizeof x86_cie_insns},
    .plt_cfa_insns = x86_plt_cfa_insns,
    .landing_pad_size = 4,
    .landing_pad = x86_endbr64,
    .landing_pad_nop = x86_nop4,
    .is_direct_branch = x86_is_direct_branch,
};
