/* The architecture interface. Generic code sees relocations only as RelKinds and
 * asks the Arch for bytes (PLT entries) and for the arithmetic of one relocation.
 * Adding an architecture is one arch-NAME.c file plus one line in arch.c. */
#ifndef RIVET_ARCH_H
#define RIVET_ARCH_H

#include "rivet.h"

/* What a relocation asks of the linker, independent of the instruction set. */
typedef enum {
  RK_NONE,          /* R_*_NONE */
  RK_ABS_WORD,      /* absolute, pointer-sized: may become a dynamic relocation */
  RK_ABS_NARROW,    /* absolute, narrower than a pointer */
  RK_PC,            /* PC-relative data or code reference */
  RK_CALL,          /* PC-relative via PLT when needed */
  RK_GOT,           /* PC-relative to a GOT slot holding the address */
  RK_GOT_OFFSET,    /* offset of the slot from the GOT base (GOT64) */
  RK_GOTOFF,        /* S + A - GOT base */
  RK_GOTPC,         /* GOT base + A - P */
  RK_PLTOFF,        /* PLT entry (or S) + A - GOT base */
  RK_SIZE,          /* symbol size + A */
  RK_TLS_GD,        /* general dynamic: two GOT slots, call __tls_get_addr */
  RK_TLS_LD,        /* local dynamic: module-id slot */
  RK_TLS_DTPOFF,    /* offset within the module's TLS block */
  RK_TLS_IE,        /* initial exec: GOT slot with the TP offset */
  RK_TLS_LE,        /* local exec: TP offset as an immediate */
  RK_TLS_DESC,      /* TLS descriptor address (GOTPC32_TLSDESC) */
  RK_TLS_DESC_CALL, /* the call through the descriptor */
  RK_UNKNOWN,
} RelKind;

/* A sequence of DW_CFA_* instructions. */
typedef struct CfaInsns {
  const u8 *bytes;
  i64 size;
} CfaInsns;

struct Arch {
  const char *name;          /* the emulation (-m) */
  const char *output_format; /* the BFD target name (--oformat, --print-output-format) */
  u16 e_machine;
  i64 word_size;
  u64 max_page_size;
  u64 common_page_size;
  u64 image_base;
  i64 iplt_entry_size;
  i64 plt_header_size, plt_entry_size, pltgot_entry_size;
  u32 r_relative, r_glob_dat, r_jump_slot, r_copy, r_abs_word, r_tpoff, r_dtpmod, r_dtpoff,
      r_tlsdesc;
  u32 r_irelative;
  RelKind (*classify)(u32 r_type);
  i64 (*field_size)(u32 r_type); /* bytes patched at r_offset */
  /* Is relocation idx (TLSGD/TLSLD) followed by the call the relaxations expect? */
  bool (*valid_tls_sequence)(InputSection *isec, i64 idx);
  const char *(*reloc_name)(u32 r_type);
  /* May the GOT load at loc (with this r_type) be rewritten to address S directly? */
  bool (*can_relax_got)(const u8 *loc, u32 r_type);
  /* --emit-relocs: the type a relocation is written with, a rewritten instruction's
   * own (a relaxed GOT load is PC-relative); *place moves with its field. */
  u32 (*emitted_type)(Ctx *ctx, const InputSection *isec, const ERela *rel, Symbol *sym,
                      u64 *place);
  /* May the initial-exec access at loc be rewritten to local-exec? */
  bool (*can_relax_ie)(const u8 *loc, u32 r_type);
  /* Copies are already in place: apply every relocation of isec at out. */
  void (*apply_relocs)(Ctx *ctx, InputSection *isec, u8 *out);
  /* Non-alloc sections (debug info): only absolute-style relocations. */
  void (*apply_nonalloc_relocs)(Ctx *ctx, InputSection *isec, u8 *out);
  void (*write_iplt_entry)(Ctx *ctx, u8 *buf, u64 entry_addr, u64 slot_addr);
  /* Lazy PLT: header pushing GOT[1] and jumping through GOT[2]; entries jump through
   * their slot, then push their index and jump to the header. */
  void (*write_plt_header)(Ctx *ctx, u8 *buf, u64 plt_addr, u64 gotplt_addr);
  void (*write_plt_entry)(Ctx *ctx, u8 *buf, u64 entry_addr, u64 slot_addr, i64 index,
                          u64 plt_addr);
  /* .plt.got: a jump through the symbol's GOT slot, which GLOB_DAT fills. */
  void (*write_pltgot_entry)(Ctx *ctx, u8 *buf, u64 entry_addr, u64 got_slot_addr);
  /* Where a lazy .plt entry's slot points before the first call. */
  u64 (*plt_lazy_target)(Ctx *ctx, u64 entry_addr);
  /* Indirect-branch-tracking PLT (ctx->ibt_plt; 0: the arch has none): callers reach
   * a .plt.sec entry that jumps through the slot; .plt.got entries grow to this size. */
  i64 plt_sec_entry_size, ibt_pltgot_entry_size;
  void (*write_plt_sec_entry)(Ctx *ctx, u8 *buf, u64 entry_addr, u64 slot_addr);
  /* Call frame information for the code the linker writes (--ld-generated-unwind-info;
   * DWARF "Call Frame Information" as .eh_frame encodes it, LSB "Exception Frames"):
   * the CIE's factors, return-address column and initial instructions (the state at
   * a call's target), and the FDE instructions of the lazy .plt. The other PLT kinds
   * are one jump per entry, so the CIE's state holds throughout them. */
  u64 cfa_code_align;
  i64 cfa_data_align;
  u64 cfa_ra_column;
  CfaInsns cie_cfa_insns;
  CfaInsns (*plt_cfa_insns)(Ctx *ctx);
  /* Indirect-branch landing pads (-z rewrite-endbr; size 0: the arch has none): the
   * instruction a function starts with, a no-op of the same size to put in its place,
   * and the relocations that only branch to their target (a direct call or jump),
   * which need no landing pad there. */
  i64 landing_pad_size;
  const u8 *landing_pad, *landing_pad_nop;
  bool (*is_direct_branch)(u32 r_type);
};

/* Does the field a relocation patches at off fit in size bytes? No field is wider
 * than 8 bytes, so the exact width (an indirect call) is asked for only near the end:
 * this runs for every relocation, at read time and when applying. */
static inline bool reloc_field_fits(const Arch *arch, u64 size, u64 off, u32 type) {
  return off <= size && (size - off >= 8 || (u64)arch->field_size(type) <= size - off);
}

extern const Arch arch_x86_64;
const Arch *arch_for_machine(u16 e_machine);
const Arch *arch_for_emulation(const char *emulation);

#endif
