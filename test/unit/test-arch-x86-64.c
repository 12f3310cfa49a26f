/* The x86-64 Arch: relocation kinds, names, which GOT loads and initial-exec accesses
 * may be rewritten (psABI B.2 "Optimize GOTPCRELX Relocations" and the TLS transition
 * tables), .iplt entry bytes, and the arithmetic of apply_relocs on a hand-placed
 * section: S + A (absolute), S + A - P (PC-relative), G + GOT + A - P (GOT), S - TP
 * (local exec, TP just past the TLS block), with range checks that name the
 * relocation and the symbol. Expected values are computed here by hand from those
 * formulas, not by calling the library. */
#include "unit-helpers.h"

#include <stdlib.h>

/* ---- classify / reloc_name ---- */

Test(x86_64, classify_every_relocation) {
  static const struct {
    u32 type;
    RelKind kind;
  } cases[] = {
      {R_X86_64_NONE, RK_NONE},
      {R_X86_64_64, RK_ABS_WORD},
      {R_X86_64_32, RK_ABS_NARROW},
      {R_X86_64_32S, RK_ABS_NARROW},
      {R_X86_64_16, RK_ABS_NARROW},
      {R_X86_64_8, RK_ABS_NARROW},
      {R_X86_64_PC32, RK_PC},
      {R_X86_64_PC64, RK_PC},
      {R_X86_64_PC16, RK_PC},
      {R_X86_64_PC8, RK_PC},
      {R_X86_64_PLT32, RK_CALL},
      {R_X86_64_GOTPCREL, RK_GOT},
      {R_X86_64_GOTPCRELX, RK_GOT},
      {R_X86_64_REX_GOTPCRELX, RK_GOT},
      {R_X86_64_GOTPCREL64, RK_GOT},
      {R_X86_64_GOT32, RK_GOT_OFFSET},
      {R_X86_64_GOT64, RK_GOT_OFFSET},
      {R_X86_64_GOTPLT64, RK_GOT_OFFSET},
      {R_X86_64_GOTOFF64, RK_GOTOFF},
      {R_X86_64_GOTPC32, RK_GOTPC},
      {R_X86_64_GOTPC64, RK_GOTPC},
      {R_X86_64_PLTOFF64, RK_PLTOFF},
      {R_X86_64_SIZE32, RK_SIZE},
      {R_X86_64_SIZE64, RK_SIZE},
      {R_X86_64_TLSGD, RK_TLS_GD},
      {R_X86_64_TLSLD, RK_TLS_LD},
      {R_X86_64_DTPOFF32, RK_TLS_DTPOFF},
      {R_X86_64_DTPOFF64, RK_TLS_DTPOFF},
      {R_X86_64_GOTTPOFF, RK_TLS_IE},
      {R_X86_64_TPOFF32, RK_TLS_LE},
      {R_X86_64_TPOFF64, RK_TLS_LE},
      {R_X86_64_GOTPC32_TLSDESC, RK_TLS_DESC},
      {R_X86_64_TLSDESC_CALL, RK_TLS_DESC_CALL},
      /* Dynamic relocations never appear in relocatable input. */
      {R_X86_64_COPY, RK_UNKNOWN},
      {R_X86_64_GLOB_DAT, RK_UNKNOWN},
      {R_X86_64_JUMP_SLOT, RK_UNKNOWN},
      {R_X86_64_RELATIVE, RK_UNKNOWN},
      {R_X86_64_IRELATIVE, RK_UNKNOWN},
      {R_X86_64_TLSDESC, RK_UNKNOWN},
      {R_X86_64_NUM, RK_UNKNOWN},
      {0xffff, RK_UNKNOWN},
  };
  for (i64 i = 0; i < ARRAY_SIZE(cases); i++) {
    RelKind got = arch_x86_64.classify(cases[i].type);
    cr_assert_eq(got, cases[i].kind, "expected %s (type %u) to classify as %d, got %d",
                 arch_x86_64.reloc_name(cases[i].type), cases[i].type, cases[i].kind, got);
  }
}

Test(x86_64, reloc_names) {
  static const struct {
    u32 type;
    const char *name;
  } cases[] = {
      {R_X86_64_NONE, "R_X86_64_NONE"},
      {R_X86_64_64, "R_X86_64_64"},
      {R_X86_64_PC32, "R_X86_64_PC32"},
      {R_X86_64_PLT32, "R_X86_64_PLT32"},
      {R_X86_64_GOTPCREL, "R_X86_64_GOTPCREL"},
      {R_X86_64_32S, "R_X86_64_32S"},
      {R_X86_64_TLSGD, "R_X86_64_TLSGD"},
      {R_X86_64_GOTTPOFF, "R_X86_64_GOTTPOFF"},
      {R_X86_64_TPOFF32, "R_X86_64_TPOFF32"},
      {R_X86_64_GOTPC32_TLSDESC, "R_X86_64_GOTPC32_TLSDESC"},
      {R_X86_64_TLSDESC_CALL, "R_X86_64_TLSDESC_CALL"},
      {R_X86_64_IRELATIVE, "R_X86_64_IRELATIVE"},
      {R_X86_64_GOTPCRELX, "R_X86_64_GOTPCRELX"},
      {R_X86_64_REX_GOTPCRELX, "R_X86_64_REX_GOTPCRELX"},
      {R_X86_64_RELATIVE64, "unknown relocation"}, /* a hole in the table */
      {39, "unknown relocation"},
      {R_X86_64_NUM, "unknown relocation"},
      {1000000, "unknown relocation"},
  };
  for (i64 i = 0; i < ARRAY_SIZE(cases); i++) {
    const char *got = arch_x86_64.reloc_name(cases[i].type);
    cr_assert_not_null(got, "expected a name for type %u", cases[i].type);
    cr_assert_str_eq(got, cases[i].name, "expected type %u to be named %s, got %s", cases[i].type,
                     cases[i].name, got);
  }
}

Test(x86_64, registry) {
  cr_assert_eq(arch_for_machine(EM_X86_64), &arch_x86_64, "expected EM_X86_64 -> arch_x86_64");
  cr_assert_null(arch_for_machine(EM_AARCH64), "expected no arch for EM_AARCH64");
  cr_assert_eq(arch_for_emulation("elf_x86_64"), &arch_x86_64, "expected -m elf_x86_64");
  cr_assert_null(arch_for_emulation("elf_i386"), "expected no arch for elf_i386");
  cr_assert_eq(arch_x86_64.iplt_entry_size, 16, "expected 16-byte .iplt entries");
  cr_assert_eq(arch_x86_64.r_irelative, R_X86_64_IRELATIVE, "expected R_X86_64_IRELATIVE");
}

/* ---- can_relax_got / can_relax_ie: loc points at the 32-bit displacement ---- */

static bool relax_got(const u8 *insn, int disp_at, u32 type) {
  return arch_x86_64.can_relax_got(insn + disp_at, type);
}

Test(x86_64, can_relax_got_accepts_the_psabi_forms) {
  static const u8 mov_rax[] = {0x48, 0x8b, 0x05, 0, 0, 0, 0}; /* mov foo@GOTPCREL(%rip),%rax */
  static const u8 mov_r15[] = {0x4c, 0x8b, 0x3d, 0, 0, 0, 0}; /* mov foo@GOTPCREL(%rip),%r15 */
  static const u8 mov_eax[] = {0x90, 0x8b, 0x05, 0, 0, 0, 0}; /* mov foo@GOTPCREL(%rip),%eax */
  static const u8 call[] = {0x90, 0xff, 0x15, 0, 0, 0, 0};    /* call *foo@GOTPCREL(%rip) */
  static const u8 jmp[] = {0x90, 0xff, 0x25, 0, 0, 0, 0};     /* jmp *foo@GOTPCREL(%rip) */
  cr_assert(relax_got(mov_rax, 3, R_X86_64_REX_GOTPCRELX), "expected REX.W mov (48 8b) relaxable");
  cr_assert(relax_got(mov_r15, 3, R_X86_64_REX_GOTPCRELX), "expected REX.WR mov (4c 8b) relaxable");
  cr_assert(relax_got(mov_eax, 3, R_X86_64_GOTPCRELX), "expected mov without REX (8b) relaxable");
  cr_assert(relax_got(call, 3, R_X86_64_GOTPCRELX), "expected call *GOT (ff 15) relaxable");
  cr_assert(relax_got(jmp, 3, R_X86_64_GOTPCRELX), "expected jmp *GOT (ff 25) relaxable");
}

Test(x86_64, can_relax_got_rejects_other_forms) {
  static const u8 mov_rax[] = {0x48, 0x8b, 0x05, 0, 0, 0, 0};
  static const u8 add_rax[] = {0x48, 0x03, 0x05, 0, 0, 0, 0}; /* add foo@GOTPCREL(%rip),%rax */
  static const u8 test_rax[] = {0x48, 0x85, 0x05, 0, 0, 0, 0};
  static const u8 push[] = {0x90, 0xff, 0x35, 0, 0, 0, 0}; /* push *foo@GOTPCREL(%rip) */
  static const u8 movl_imm[] = {0x90, 0xc7, 0x05, 0, 0, 0, 0};
  static const u8 mov_no_w[] = {0x44, 0x8b, 0x05, 0, 0, 0, 0}; /* REX.R only: 32-bit */
  cr_assert_not(relax_got(mov_rax, 3, R_X86_64_GOTPCREL),
                "expected plain R_X86_64_GOTPCREL never to be relaxed (no relaxable marker)");
  cr_assert_not(relax_got(mov_rax, 3, R_X86_64_PC32), "expected a non-GOT relocation rejected");
  cr_assert_not(relax_got(add_rax, 3, R_X86_64_REX_GOTPCRELX),
                "expected add (03) rejected: only mov has a lea form here");
  cr_assert_not(relax_got(test_rax, 3, R_X86_64_REX_GOTPCRELX), "expected test (85) rejected");
  cr_assert_not(relax_got(push, 3, R_X86_64_GOTPCRELX), "expected push (ff 35) rejected");
  cr_assert_not(relax_got(movl_imm, 3, R_X86_64_GOTPCRELX),
                "expected an unknown opcode (c7) rejected");
  cr_assert_not(relax_got(mov_no_w, 3, R_X86_64_REX_GOTPCRELX),
                "expected a REX prefix without W (44) rejected for REX_GOTPCRELX");
}

Test(x86_64, can_relax_ie) {
  static const struct {
    u8 insn[3];
    u32 type;
    bool ok;
    const char *what;
  } cases[] = {
      {{0x48, 0x8b, 0x05}, R_X86_64_GOTTPOFF, true, "movq x@gottpoff(%rip),%rax"},
      {{0x4c, 0x8b, 0x25}, R_X86_64_GOTTPOFF, true, "movq x@gottpoff(%rip),%r12"},
      {{0x48, 0x03, 0x05}, R_X86_64_GOTTPOFF, true, "addq x@gottpoff(%rip),%rax"},
      {{0x4c, 0x03, 0x0d}, R_X86_64_GOTTPOFF, true, "addq x@gottpoff(%rip),%r9"},
      {{0x90, 0x8b, 0x05}, R_X86_64_GOTTPOFF, false, "movl without REX.W"},
      {{0x48, 0x2b, 0x05}, R_X86_64_GOTTPOFF, false, "subq (no LE form)"},
      {{0x48, 0x8b, 0x05}, R_X86_64_GOTPCREL, false, "a non-IE relocation"},
      {{0x48, 0x8b, 0x05}, R_X86_64_TLSGD, false, "R_X86_64_TLSGD"},
  };
  for (i64 i = 0; i < ARRAY_SIZE(cases); i++) {
    u8 buf[7] = {cases[i].insn[0], cases[i].insn[1], cases[i].insn[2], 0, 0, 0, 0};
    bool got = arch_x86_64.can_relax_ie(buf + 3, cases[i].type);
    cr_assert_eq(got, cases[i].ok, "expected can_relax_ie(%s) = %d", cases[i].what, cases[i].ok);
  }
}

/* ---- .iplt entries ---- */

Test(x86_64, iplt_entry_is_jmp_through_slot) {
  Ctx *ctx = new_test_ctx();
  u8 buf[16];
  memset(buf, 0xaa, sizeof(buf));
  arch_x86_64.write_iplt_entry(ctx, buf, 0x401000, 0x404018);
  cr_assert_eq(buf[0], 0xff, "expected ff 25 (jmp *disp32(%%rip)), got %02x", buf[0]);
  cr_assert_eq(buf[1], 0x25, "expected ff 25 (jmp *disp32(%%rip)), got %02x", buf[1]);
  cr_assert_eq(rd32(buf + 2), 0x404018 - 0x401006,
               "expected disp = slot - (entry + 6) = 0x3012, got 0x%x", rd32(buf + 2));
  for (int i = 6; i < 16; i++)
    cr_assert_eq(buf[i], 0xcc, "expected int3 padding at byte %d, got %02x", i, buf[i]);

  arch_x86_64.write_iplt_entry(ctx, buf, 0x405000, 0x404000);
  cr_assert_eq((i32)rd32(buf + 2), 0x404000 - 0x405006,
               "expected a negative displacement for a slot below the entry, got %d",
               (i32)rd32(buf + 2));
}

/* ---- apply_relocs ---- */

enum {
  TEXT_ADDR = 0x401000, /* .text output section */
  TEXT_OFF = 0x20,      /* our input section within it */
  DATA_ADDR = 0x404000,
  DATA_OFF = 0x10,
  TDATA_ADDR = 0x405000,
  GOT_ADDR = 0x403000,
  GOTPLT_ADDR = 0x403800,
};

enum { SYM_NULL, SYM_TARGET, SYM_ABS, SYM_TLS, SYM_TLS_GET_ADDR, NSYMS };

typedef struct Fx {
  Ctx *ctx;
  InputFile *f;
  InputSection *text, *data, *tdata;
  Symbol *target; /* in .data at value 8: S = DATA_ADDR + DATA_OFF + 8 */
  Symbol *abs;    /* absolute, value set per test */
  Symbol *tls;    /* in .tdata at value 4 */
  u8 in[64];      /* .text contents */
  u8 out[96];     /* output copy, with sentinel bytes past the section */
  Elf64_Rela rels[16];
  i64 nrels;
} Fx;

static const u64 S_TARGET = DATA_ADDR + DATA_OFF + 8;
static const u64 S_TLS = TDATA_ADDR + 4;
static const u64 TP = TDATA_ADDR + 0x10; /* TLS block [0x405000, 0x405010), align 16 */

static Fx *new_fx(void) {
  Fx *fx = calloc(1, sizeof(Fx));
  Ctx *ctx = fx->ctx = new_test_ctx();
  fx->f = fake_file(ctx, "a.o", 4, NSYMS);
  fx->text = fake_section(ctx, fx->f, 1, ".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 0, 4,
                          fx->in, sizeof(fx->in));
  fx->text->osec = fake_chunk(ctx, CK_OSEC, ".text", TEXT_ADDR);
  fx->text->offset = TEXT_OFF;
  static const u8 zeros[64];
  fx->data =
      fake_section(ctx, fx->f, 2, ".data", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, 0, 3, zeros, 64);
  fx->data->osec = fake_chunk(ctx, CK_OSEC, ".data", DATA_ADDR);
  fx->data->offset = DATA_OFF;
  fx->tdata = fake_section(ctx, fx->f, 3, ".tdata", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE | SHF_TLS,
                           0, 4, zeros, 16);
  fx->tdata->osec = fake_chunk(ctx, CK_OSEC, ".tdata", TDATA_ADDR);
  ctx->tls_begin = TDATA_ADDR;
  ctx->tls_end = TDATA_ADDR + 0x10;
  ctx->tls_align = 16;
  ctx->has_tls = true;
  ctx->got = fake_chunk(ctx, CK_GOT, ".got", GOT_ADDR);
  ctx->gotplt = fake_chunk(ctx, CK_GOTPLT, ".got.plt", GOTPLT_ADDR);

  fx->f->syms[SYM_NULL] = fake_local(ctx, "", STT_NOTYPE, fx->f, NULL, 0);
  fx->target = fx->f->syms[SYM_TARGET] = fake_global(ctx, "target", fx->f, fx->data, 8);
  fx->target->type = STT_OBJECT;
  fx->target->size = 0x30;
  fx->abs = fx->f->syms[SYM_ABS] = fake_global(ctx, "absval", fx->f, NULL, 0);
  fx->abs->is_abs = true;
  fx->tls = fx->f->syms[SYM_TLS] = fake_global(ctx, "tlsvar", fx->f, fx->tdata, 4);
  fx->tls->type = STT_TLS;
  fx->f->syms[SYM_TLS_GET_ADDR] = fake_global(ctx, "__tls_get_addr", NULL, NULL, 0);
  fx->f->syms[SYM_TLS_GET_ADDR]->rank = RANK_UNDEF;
  cr_assert_eq(tls_tp_address(ctx), TP, "test setup: expected TP 0x%llx, got 0x%llx",
               (unsigned long long)TP, (unsigned long long)tls_tp_address(ctx));
  return fx;
}

static void put_bytes(Fx *fx, u64 at, const u8 *bytes, i64 n) {
  memcpy(fx->in + at, bytes, (size_t)n);
}

static void add_rel(Fx *fx, u64 offset, u32 type, u32 sym, i64 addend) {
  cr_assert_lt(fx->nrels, ARRAY_SIZE(fx->rels), "test setup: too many relocations");
  Elf64_Rela r = {.r_offset = offset, .r_info = ELF64_R_INFO(sym, type), .r_addend = addend};
  fx->rels[fx->nrels++] = r;
}

/* Copies the section to the output (as the writer does) and applies its relocations. */
static void apply(Fx *fx) {
  memset(fx->out, 0xee, sizeof(fx->out));
  memcpy(fx->out, fx->in, fx->text->size);
  fx->text->rels = fx->rels;
  fx->text->nrels = fx->nrels;
  fx->ctx->arch->apply_relocs(fx->ctx, fx->text, fx->out);
}

static u64 P(u64 off) {
  return TEXT_ADDR + TEXT_OFF + off;
}

static void expect_no_errors(Fx *fx) {
  cr_assert_eq(fx->ctx->nerrors, 0, "expected no errors, got: %s", all_errors(fx->ctx));
}

static void expect_u32(Fx *fx, u64 at, u64 want, const char *what) {
  u32 got = rd32(fx->out + at);
  cr_assert_eq(got, (u32)want, "%s: expected 0x%08x at +%llu, got 0x%08x", what, (u32)want,
               (unsigned long long)at, got);
}

static void expect_u64(Fx *fx, u64 at, u64 want, const char *what) {
  u64 got = rd64(fx->out + at);
  cr_assert_eq(got, want, "%s: expected 0x%llx at +%llu, got 0x%llx", what,
               (unsigned long long)want, (unsigned long long)at, (unsigned long long)got);
}

static void expect_bytes(Fx *fx, u64 at, const u8 *want, i64 n, const char *what) {
  for (i64 i = 0; i < n; i++)
    cr_assert_eq(fx->out[at + i], want[i], "%s: expected byte %02x at +%llu, got %02x", what,
                 want[i], (unsigned long long)(at + i), fx->out[at + i]);
}

/* One relocation of type at offset 0 against the absolute symbol; returns whether it
 * reported an overflow. */
static bool overflows(u32 type, u64 abs_value, i64 addend) {
  Fx *fx = new_fx();
  fx->abs->value = abs_value;
  add_rel(fx, 0, type, SYM_ABS, addend);
  apply(fx);
  if (fx->ctx->nerrors)
    cr_assert(has_error(fx->ctx, "out of range"), "expected an out-of-range error, got: %s",
              all_errors(fx->ctx));
  return fx->ctx->nerrors > 0;
}

Test(x86_64, absolute_and_pc_relative) {
  Fx *fx = new_fx();
  fx->abs->value = 0x1000;
  add_rel(fx, 0, R_X86_64_64, SYM_TARGET, 5);
  add_rel(fx, 8, R_X86_64_32, SYM_TARGET, 0);
  add_rel(fx, 12, R_X86_64_32S, SYM_TARGET, -0x10);
  add_rel(fx, 16, R_X86_64_PC32, SYM_TARGET, -4);
  add_rel(fx, 20, R_X86_64_PLT32, SYM_TARGET, -4);
  add_rel(fx, 24, R_X86_64_PC64, SYM_TARGET, 0);
  add_rel(fx, 32, R_X86_64_PC32, SYM_ABS, 0);
  apply(fx);
  expect_no_errors(fx);
  expect_u64(fx, 0, S_TARGET + 5, "R_X86_64_64 = S + A");
  expect_u32(fx, 8, S_TARGET, "R_X86_64_32 = S + A");
  expect_u32(fx, 12, S_TARGET - 0x10, "R_X86_64_32S = S + A");
  expect_u32(fx, 16, S_TARGET - 4 - P(16), "R_X86_64_PC32 = S + A - P");
  expect_u32(fx, 20, S_TARGET - 4 - P(20), "R_X86_64_PLT32 to a local function = S + A - P");
  expect_u64(fx, 24, S_TARGET - P(24), "R_X86_64_PC64 = S + A - P");
  expect_u32(fx, 32, 0x1000 - P(32), "R_X86_64_PC32 backwards = S - P (negative)");
  cr_assert_eq(fx->out[64], 0xee, "expected nothing written past the section");
}

Test(x86_64, none_is_ignored) {
  Fx *fx = new_fx();
  memset(fx->in, 0x5a, 8);
  add_rel(fx, 0, R_X86_64_NONE, SYM_TARGET, 0);
  apply(fx);
  expect_no_errors(fx);
  expect_u64(fx, 0, 0x5a5a5a5a5a5a5a5aULL, "R_X86_64_NONE leaves the bytes alone");
}

Test(x86_64, narrow_ranges) {
  /* R_X86_64_32 zero-extends: [0, 2^32). */
  cr_assert_not(overflows(R_X86_64_32, 0xffffffffULL, 0), "expected 0xffffffff to fit R_X86_64_32");
  cr_assert(overflows(R_X86_64_32, 0x100000000ULL, 0), "expected 2^32 to overflow R_X86_64_32");
  cr_assert(overflows(R_X86_64_32, 0, -1), "expected -1 to overflow zero-extended R_X86_64_32");
  /* R_X86_64_32S sign-extends: [-2^31, 2^31). */
  cr_assert_not(overflows(R_X86_64_32S, 0x7fffffffULL, 0), "expected 2^31-1 to fit R_X86_64_32S");
  cr_assert(overflows(R_X86_64_32S, 0x80000000ULL, 0), "expected 2^31 to overflow R_X86_64_32S");
  cr_assert_not(overflows(R_X86_64_32S, 0, -0x80000000LL), "expected -2^31 to fit R_X86_64_32S");
  cr_assert(overflows(R_X86_64_32S, 0, -0x80000001LL), "expected -2^31-1 to overflow R_X86_64_32S");
  cr_assert_not(overflows(R_X86_64_16, 0xffff, 0), "expected 0xffff to fit R_X86_64_16");
  cr_assert(overflows(R_X86_64_16, 0x10000, 0), "expected 0x10000 to overflow R_X86_64_16");
  cr_assert_not(overflows(R_X86_64_8, 0xff, 0), "expected 0xff to fit R_X86_64_8");
  cr_assert(overflows(R_X86_64_8, 0x100, 0), "expected 0x100 to overflow R_X86_64_8");
  cr_assert_not(overflows(R_X86_64_16, 0, -0x8000), "expected -32768 to fit R_X86_64_16");
  cr_assert(overflows(R_X86_64_16, 0, -0x8001), "expected -32769 to overflow R_X86_64_16");
  cr_assert_not(overflows(R_X86_64_8, 0, -0x80), "expected -128 to fit R_X86_64_8");
  cr_assert(overflows(R_X86_64_8, 0, -0x81), "expected -129 to overflow R_X86_64_8");
}

Test(x86_64, pc_relative_ranges) {
  u64 p = P(0);
  cr_assert_not(overflows(R_X86_64_PC32, p + 0x7fffffffULL, 0), "expected +2^31-1 to fit PC32");
  cr_assert(overflows(R_X86_64_PC32, p + 0x80000000ULL, 0), "expected +2^31 to overflow PC32");
  cr_assert_not(overflows(R_X86_64_PC32, p - 0x80000000ULL, 0), "expected -2^31 to fit PC32");
  cr_assert(overflows(R_X86_64_PLT32, p + 0x80000000ULL, 0), "expected +2^31 to overflow PLT32");
  cr_assert_not(overflows(R_X86_64_PC16, p + 0x7fff, 0), "expected +32767 to fit PC16");
  cr_assert(overflows(R_X86_64_PC16, p + 0x8000, 0), "expected +32768 to overflow PC16");
  cr_assert_not(overflows(R_X86_64_PC8, p - 128, 0), "expected -128 to fit PC8");
  cr_assert(overflows(R_X86_64_PC8, p + 128, 0), "expected +128 to overflow PC8");
}

Test(x86_64, overflow_message_names_place_type_and_symbol) {
  Fx *fx = new_fx();
  fx->abs->value = 0x90000000ULL;
  add_rel(fx, 0x10, R_X86_64_PC32, SYM_ABS, -4);
  apply(fx);
  cr_assert_eq(fx->ctx->nerrors, 1, "expected one error, got: %s", all_errors(fx->ctx));
  cr_assert(has_error(fx->ctx, "a.o:(.text+0x10)"), "expected the place a.o:(.text+0x10), got: %s",
            all_errors(fx->ctx));
  cr_assert(has_error(fx->ctx, "relocation R_X86_64_PC32 out of range"),
            "expected 'relocation R_X86_64_PC32 out of range', got: %s", all_errors(fx->ctx));
  cr_assert(has_error(fx->ctx, "'absval'"), "expected the symbol named, got: %s",
            all_errors(fx->ctx));
}

Test(x86_64, small_fields) {
  Fx *fx = new_fx();
  fx->abs->value = P(4) + 100;
  add_rel(fx, 0, R_X86_64_16, SYM_TARGET, -(i64)S_TARGET + 0x1234);
  add_rel(fx, 2, R_X86_64_8, SYM_TARGET, -(i64)S_TARGET + 0x56);
  add_rel(fx, 4, R_X86_64_PC16, SYM_ABS, 0);
  add_rel(fx, 6, R_X86_64_PC8, SYM_ABS, -10);
  apply(fx);
  expect_no_errors(fx);
  cr_assert_eq(rd16(fx->out), 0x1234, "expected R_X86_64_16 = 0x1234, got 0x%x", rd16(fx->out));
  cr_assert_eq(fx->out[2], 0x56, "expected R_X86_64_8 = 0x56, got 0x%x", fx->out[2]);
  cr_assert_eq(rd16(fx->out + 4), 100, "expected R_X86_64_PC16 = 100, got %d", rd16(fx->out + 4));
  cr_assert_eq(fx->out[6], 100 - 10 - 2, "expected R_X86_64_PC8 = S + A - P = 88, got %d",
               fx->out[6]);
  cr_assert_eq(fx->out[7], fx->in[7], "expected the byte after an 8-bit field untouched");
}

Test(x86_64, size_relocations) {
  Fx *fx = new_fx();
  add_rel(fx, 0, R_X86_64_SIZE32, SYM_TARGET, 2);
  add_rel(fx, 8, R_X86_64_SIZE64, SYM_TARGET, -1);
  apply(fx);
  expect_no_errors(fx);
  expect_u32(fx, 0, 0x32, "R_X86_64_SIZE32 = Z + A");
  expect_u64(fx, 8, 0x2f, "R_X86_64_SIZE64 = Z + A");
}

Test(x86_64, got_relative_family) {
  Fx *fx = new_fx();
  sym_aux(fx->ctx, fx->target)->got_idx = 2;
  const u64 G = GOT_ADDR + 2 * 8; /* the symbol's GOT slot */
  static const u8 mov[] = {0x48, 0x8b, 0x05};
  put_bytes(fx, 0, mov, 3);
  add_rel(fx, 3, R_X86_64_REX_GOTPCRELX, SYM_TARGET, -4); /* slot kept: not relaxed */
  add_rel(fx, 8, R_X86_64_GOTPCREL, SYM_TARGET, -4);
  add_rel(fx, 12, R_X86_64_GOT32, SYM_TARGET, 0);
  add_rel(fx, 16, R_X86_64_GOTPC32, SYM_TARGET, 3);
  add_rel(fx, 24, R_X86_64_GOTOFF64, SYM_TARGET, 0);
  add_rel(fx, 32, R_X86_64_GOT64, SYM_TARGET, 0);
  add_rel(fx, 40, R_X86_64_GOTPCREL64, SYM_TARGET, 0);
  add_rel(fx, 48, R_X86_64_GOTPC64, SYM_TARGET, 0);
  add_rel(fx, 56, R_X86_64_PLTOFF64, SYM_TARGET, 0);
  apply(fx);
  expect_no_errors(fx);
  expect_bytes(fx, 0, mov, 3, "a GOT load through a kept slot stays a mov");
  expect_u32(fx, 3, G - 4 - P(3), "REX_GOTPCRELX with a slot = G + A - P");
  expect_u32(fx, 8, G - 4 - P(8), "GOTPCREL = G + A - P");
  expect_u32(fx, 12, G - GOTPLT_ADDR, "GOT32 = G - GOT base");
  expect_u32(fx, 16, GOTPLT_ADDR + 3 - P(16), "GOTPC32 = GOT base + A - P");
  expect_u64(fx, 24, S_TARGET - GOTPLT_ADDR, "GOTOFF64 = S - GOT base");
  expect_u64(fx, 32, G - GOTPLT_ADDR, "GOT64 = G - GOT base");
  expect_u64(fx, 40, G - P(40), "GOTPCREL64 = G - P");
  expect_u64(fx, 48, GOTPLT_ADDR - P(48), "GOTPC64 = GOT base - P");
  expect_u64(fx, 56, S_TARGET - GOTPLT_ADDR, "PLTOFF64 of a local function = S - GOT base");
}

Test(x86_64, gotpcrelx_relaxations) {
  Fx *fx = new_fx();                              /* target->got_idx < 0: the scan chose to relax */
  static const u8 mov_r12[] = {0x4c, 0x8b, 0x25}; /* mov foo@GOTPCREL(%rip),%r12 */
  static const u8 mov_eax[] = {0x8b, 0x05};       /* mov foo@GOTPCREL(%rip),%eax */
  static const u8 call[] = {0xff, 0x15};
  static const u8 jmp[] = {0xff, 0x25};
  put_bytes(fx, 0, mov_r12, 3);
  add_rel(fx, 3, R_X86_64_REX_GOTPCRELX, SYM_TARGET, -4);
  put_bytes(fx, 7, mov_eax, 2);
  add_rel(fx, 9, R_X86_64_GOTPCRELX, SYM_TARGET, -4);
  put_bytes(fx, 13, call, 2);
  add_rel(fx, 15, R_X86_64_GOTPCRELX, SYM_TARGET, -4);
  put_bytes(fx, 19, jmp, 2);
  add_rel(fx, 21, R_X86_64_GOTPCRELX, SYM_TARGET, -4);
  fx->in[25] = 0xc3;
  apply(fx);
  expect_no_errors(fx);

  static const u8 lea_r12[] = {0x4c, 0x8d, 0x25};
  expect_bytes(fx, 0, lea_r12, 3, "mov GOT(%rip),%r12 becomes lea foo(%rip),%r12");
  expect_u32(fx, 3, S_TARGET - 4 - P(3), "the lea addresses the symbol: S + A - P");
  static const u8 lea_eax[] = {0x8d, 0x05};
  expect_bytes(fx, 7, lea_eax, 2, "mov GOT(%rip),%eax becomes lea");
  expect_u32(fx, 9, S_TARGET - 4 - P(9), "S + A - P");
  static const u8 addr32_call[] = {0x67, 0xe8};
  expect_bytes(fx, 13, addr32_call, 2, "call *GOT(%rip) becomes addr32 call foo");
  expect_u32(fx, 15, S_TARGET - 4 - P(15), "the call's displacement is from the end: S + A - P");
  static const u8 jmp_rel32[] = {0xe9};
  expect_bytes(fx, 19, jmp_rel32, 1, "jmp *GOT(%rip) becomes jmp foo");
  expect_u32(fx, 20, S_TARGET - P(24), "jmp rel32 is one byte shorter: displacement from byte 24");
  cr_assert_eq(fx->out[24], 0x90, "expected a nop after the 5-byte jmp, got %02x", fx->out[24]);
  cr_assert_eq(fx->out[25], 0xc3, "expected the next instruction untouched");
}

Test(x86_64, local_exec_and_initial_exec) {
  Fx *fx = new_fx();
  const i64 tpoff = (i64)S_TLS - (i64)TP; /* -12 */
  add_rel(fx, 0, R_X86_64_TPOFF32, SYM_TLS, 0);
  add_rel(fx, 8, R_X86_64_TPOFF64, SYM_TLS, 2);
  apply(fx);
  expect_no_errors(fx);
  expect_u32(fx, 0, (u64)tpoff, "TPOFF32 = S - TP (negative in variant II)");
  expect_u64(fx, 8, (u64)(tpoff + 2), "TPOFF64 = S + A - TP");
}

Test(x86_64, initial_exec_through_got_slot) {
  Fx *fx = new_fx();
  sym_aux(fx->ctx, fx->tls)->gottp_idx = 3;
  static const u8 mov[] = {0x48, 0x8b, 0x05};
  put_bytes(fx, 0, mov, 3);
  add_rel(fx, 3, R_X86_64_GOTTPOFF, SYM_TLS, -4);
  apply(fx);
  expect_no_errors(fx);
  expect_bytes(fx, 0, mov, 3, "a kept IE access stays a mov");
  expect_u32(fx, 3, GOT_ADDR + 3 * 8 - 4 - P(3), "GOTTPOFF = slot + A - P");
}

Test(x86_64, initial_exec_to_local_exec) {
  Fx *fx = new_fx(); /* tls->gottp_idx < 0: the scan chose IE -> LE */
  static const struct {
    u8 from[3], to[3];
    const char *what;
  } forms[] = {
      {{0x48, 0x8b, 0x05}, {0x48, 0xc7, 0xc0}, "movq x@gottpoff(%rip),%rax -> movq $x,%rax"},
      {{0x4c, 0x8b, 0x25}, {0x49, 0xc7, 0xc4}, "movq ...,%r12 -> movq $x,%r12"},
      {{0x48, 0x03, 0x05}, {0x48, 0x8d, 0x80}, "addq ...,%rax -> leaq x(%rax),%rax"},
      {{0x4c, 0x03, 0x0d}, {0x4d, 0x8d, 0x89}, "addq ...,%r9 -> leaq x(%r9),%r9"},
      {{0x48, 0x03, 0x25}, {0x48, 0x81, 0xc4}, "addq ...,%rsp -> addq $x,%rsp"},
      {{0x4c, 0x03, 0x25}, {0x49, 0x81, 0xc4}, "addq ...,%r12 -> addq $x,%r12"},
  };
  for (i64 i = 0; i < ARRAY_SIZE(forms); i++) {
    put_bytes(fx, (u64)i * 8, forms[i].from, 3);
    add_rel(fx, (u64)i * 8 + 3, R_X86_64_GOTTPOFF, SYM_TLS, -4);
  }
  apply(fx);
  expect_no_errors(fx);
  for (i64 i = 0; i < ARRAY_SIZE(forms); i++) {
    expect_bytes(fx, (u64)i * 8, forms[i].to, 3, forms[i].what);
    expect_u32(fx, (u64)i * 8 + 3, S_TLS - TP, "the immediate is x@tpoff = S - TP");
  }
}

Test(x86_64, general_dynamic_to_local_exec) {
  Fx *fx = new_fx();
  /* .byte 0x66; lea x@tlsgd(%rip),%rdi; .word 0x6666; rex64; call __tls_get_addr@PLT */
  static const u8 gd[16] = {0x66, 0x48, 0x8d, 0x3d, 0, 0, 0, 0, 0x66, 0x66, 0x48, 0xe8, 0, 0, 0, 0};
  put_bytes(fx, 0, gd, 16);
  fx->in[16] = 0xc3;
  add_rel(fx, 4, R_X86_64_TLSGD, SYM_TLS, -4);
  add_rel(fx, 12, R_X86_64_PLT32, SYM_TLS_GET_ADDR, -4);
  apply(fx);
  expect_no_errors(fx);
  /* mov %fs:0,%rax; lea x@tpoff(%rax),%rax */
  static const u8 le[12] = {0x64, 0x48, 0x8b, 0x04, 0x25, 0, 0, 0, 0, 0x48, 0x8d, 0x80};
  expect_bytes(fx, 0, le, 12, "GD -> LE sequence");
  expect_u32(fx, 12, S_TLS - TP, "lea's displacement is x@tpoff (the call's relocation is gone)");
  cr_assert_eq(fx->out[16], 0xc3, "expected the next instruction untouched");
}

Test(x86_64, general_dynamic_without_call_is_an_error) {
  Fx *fx = new_fx();
  static const u8 gd[8] = {0x66, 0x48, 0x8d, 0x3d, 0, 0, 0, 0};
  put_bytes(fx, 0, gd, 8);
  add_rel(fx, 4, R_X86_64_TLSGD, SYM_TLS, -4);
  apply(fx);
  cr_assert(has_error(fx->ctx, "R_X86_64_TLSGD is not followed by a call to __tls_get_addr"),
            "expected a TLSGD-without-call error, got: %s", all_errors(fx->ctx));
}

Test(x86_64, local_dynamic_to_local_exec) {
  Fx *fx = new_fx();
  /* lea x@tlsld(%rip),%rdi; call __tls_get_addr@PLT; lea x@dtpoff(%rax),%rcx */
  static const u8 ld[19] = {0x48, 0x8d, 0x3d, 0,    0,    0, 0, 0xe8, 0, 0,
                            0,    0,    0x48, 0x8d, 0x88, 0, 0, 0,    0};
  put_bytes(fx, 0, ld, 19);
  add_rel(fx, 3, R_X86_64_TLSLD, SYM_TLS, -4);
  add_rel(fx, 8, R_X86_64_PLT32, SYM_TLS_GET_ADDR, -4);
  add_rel(fx, 15, R_X86_64_DTPOFF32, SYM_TLS, 0);
  apply(fx);
  expect_no_errors(fx);
  /* data16 data16 data16 mov %fs:0,%rax */
  static const u8 le[12] = {0x66, 0x66, 0x66, 0x64, 0x48, 0x8b, 0x04, 0x25, 0, 0, 0, 0};
  expect_bytes(fx, 0, le, 12, "LD -> LE sequence");
  expect_u32(fx, 15, S_TLS - TP, "after LD -> LE, DTPOFF32 is the TP offset");
}

Test(x86_64, local_dynamic_no_plt_form) {
  Fx *fx = new_fx();
  /* lea x@tlsld(%rip),%rdi; call *__tls_get_addr@GOTPCREL(%rip) */
  static const u8 ld[13] = {0x48, 0x8d, 0x3d, 0, 0, 0, 0, 0xff, 0x15, 0, 0, 0, 0};
  put_bytes(fx, 0, ld, 13);
  fx->in[13] = 0xc3;
  add_rel(fx, 3, R_X86_64_TLSLD, SYM_TLS, -4);
  add_rel(fx, 9, R_X86_64_GOTPCRELX, SYM_TLS_GET_ADDR, -4);
  apply(fx);
  expect_no_errors(fx);
  static const u8 le[13] = {0x66, 0x66, 0x66, 0x66, 0x64, 0x48, 0x8b, 0x04, 0x25, 0, 0, 0, 0};
  expect_bytes(fx, 0, le, 13, "LD -> LE for the -fno-plt call, one byte longer");
  cr_assert_eq(fx->out[13], 0xc3, "expected the next instruction untouched");
}

/* Regression test for a fixed bug (lib/arch-x86-64.c, x86_apply_relocs, case R_X86_64_TLSLD): the
 * bounds check for the "call __tls_get_addr" form is `off + 5 <= isec->size`, but the rewrite
 * copies 12 bytes from loc - 3, i.e. up to off + 9. A section that ends right after the e8 byte
 * (with a bogus next relocation at off + 5) is rewritten 4 bytes past its end, over the
 * next section's output, instead of reporting "is not followed by a call". The GOT form
 * checks off + 10 correctly. Expected: an error and no write past the section. */
Test(x86_64, local_dynamic_truncated_call_stays_in_bounds) {
  Fx *fx = new_fx();
  static const u8 ld[8] = {0x48, 0x8d, 0x3d, 0, 0, 0, 0, 0xe8};
  put_bytes(fx, 0, ld, 8);
  fx->text->size = 8; /* the section ends after the call opcode */
  add_rel(fx, 3, R_X86_64_TLSLD, SYM_TLS, -4);
  add_rel(fx, 8, R_X86_64_PLT32, SYM_TLS_GET_ADDR, -4);
  apply(fx);
  for (int i = 8; i < 12; i++)
    cr_assert_eq(fx->out[i], 0xee, "expected no write past the 8-byte section, byte %d is %02x", i,
                 fx->out[i]);
  cr_assert(has_error(fx->ctx, "R_X86_64_TLSLD is not followed by a call"),
            "expected a TLSLD-without-call error, got: %s", all_errors(fx->ctx));
}

Test(x86_64, tls_descriptor_to_local_exec) {
  Fx *fx = new_fx();
  /* lea x@tlsdesc(%rip),%rax; call *x@tlscall(%rax); lea x@tlsdesc(%rip),%r8 */
  static const u8 desc[16] = {0x48, 0x8d, 0x05, 0,    0, 0, 0, 0xff,
                              0x10, 0x4c, 0x8d, 0x05, 0, 0, 0, 0};
  put_bytes(fx, 0, desc, 16);
  add_rel(fx, 3, R_X86_64_GOTPC32_TLSDESC, SYM_TLS, -4);
  add_rel(fx, 7, R_X86_64_TLSDESC_CALL, SYM_TLS, 0);
  add_rel(fx, 12, R_X86_64_GOTPC32_TLSDESC, SYM_TLS, -4);
  apply(fx);
  expect_no_errors(fx);
  static const u8 mov_rax[] = {0x48, 0xc7, 0xc0};
  static const u8 nop2[] = {0x66, 0x90};
  static const u8 mov_r8[] = {0x49, 0xc7, 0xc0};
  expect_bytes(fx, 0, mov_rax, 3, "lea x@tlsdesc(%rip),%rax -> mov $x@tpoff,%rax");
  expect_u32(fx, 3, S_TLS - TP, "the immediate is x@tpoff");
  expect_bytes(fx, 7, nop2, 2, "call *(%rax) -> xchg %ax,%ax");
  expect_bytes(fx, 9, mov_r8, 3, "REX.R moves to REX.B: lea ...,%r8 -> mov $x@tpoff,%r8");
  expect_u32(fx, 12, S_TLS - TP, "the immediate is x@tpoff");
}

Test(x86_64, shared_object_keeps_dynamic_tls_models) {
  /* In a shared object the TLS sequences stay as they are and point at GOT slots; a
   * DTPOFF is relative to the module's TLS block, not to TP. */
  Fx *fx = new_fx();
  fx->ctx->opt.kind = OUT_SHARED;
  sym_aux(fx->ctx, fx->tls)->tlsgd_idx = 4;
  fx->ctx->tlsld_got_idx = 6;
  static const u8 gd[16] = {0x66, 0x48, 0x8d, 0x3d, 0, 0, 0, 0, 0x66, 0x66, 0x48, 0xe8, 0, 0, 0, 0};
  put_bytes(fx, 0, gd, 16);
  add_rel(fx, 4, R_X86_64_TLSGD, SYM_TLS, -4);
  add_rel(fx, 12, R_X86_64_PLT32, SYM_TLS_GET_ADDR, -4);
  static const u8 ld[12] = {0x48, 0x8d, 0x3d, 0, 0, 0, 0, 0xe8, 0, 0, 0, 0};
  put_bytes(fx, 16, ld, 12);
  add_rel(fx, 19, R_X86_64_TLSLD, SYM_TLS, -4);
  add_rel(fx, 32, R_X86_64_DTPOFF32, SYM_TLS, 0);
  add_rel(fx, 40, R_X86_64_DTPOFF64, SYM_TLS, 1);
  apply(fx);
  expect_no_errors(fx);
  expect_bytes(fx, 0, gd, 4, "the GD sequence is kept");
  expect_bytes(fx, 8, gd + 8, 4, "the GD call is kept");
  expect_u32(fx, 4, GOT_ADDR + 4 * 8 - 4 - P(4), "TLSGD = GOT slot pair + A - P");
  expect_bytes(fx, 16, ld, 3, "the LD lea is kept");
  cr_assert_eq(fx->out[23], 0xe8, "expected the LD call kept");
  expect_u32(fx, 19, GOT_ADDR + 6 * 8 - 4 - P(19), "TLSLD = module-id slot + A - P");
  expect_u32(fx, 32, S_TLS - TDATA_ADDR, "DTPOFF32 = offset in the TLS block");
  expect_u64(fx, 40, S_TLS + 1 - TDATA_ADDR, "DTPOFF64 = offset in the TLS block + A");
}

Test(x86_64, merged_section_symbol_uses_addend_to_pick_piece) {
  /* other.o puts "world" first, so in a.o's merged section "world" (input offset 6)
   * moves to chunk offset 0. A reference .rodata.str+8 (the "rld" of "world") must
   * follow the piece: chunk+2, not (address of input offset 0) + 8. */
  Fx *fx = new_fx();
  static const char other[] = "world";
  static const char mine[] = "hello\0world";
  InputFile *o = fake_file(fx->ctx, "other.o", 2, 0);
  fake_section(fx->ctx, o, 1, ".rodata.str1.1", SHT_PROGBITS, SHF_ALLOC | SHF_MERGE | SHF_STRINGS,
               1, 0, other, sizeof(other));
  /* Reuse a.o's section slot 3 (.tdata is not needed here) for the merged section. */
  InputSection *ms = fake_section(fx->ctx, fx->f, 3, ".rodata.str1.1", SHT_PROGBITS,
                                  SHF_ALLOC | SHF_MERGE | SHF_STRINGS, 1, 0, mine, sizeof(mine));
  fx->ctx->objs.data[0] = o; /* other.o first on the command line */
  fx->ctx->objs.data[1] = fx->f;
  split_mergeable_sections(fx->ctx);
  expect_no_errors(fx);
  cr_assert_not_null(ms->osec, "test setup: expected the section merged");
  layout_merged_chunk(ms->osec);
  ms->osec->shdr.sh_addr = 0x402000;
  fx->f->syms[SYM_TLS] = fake_local(fx->ctx, ".rodata.str1.1", STT_SECTION, fx->f, ms, 0);
  fx->f->syms[SYM_ABS] = fake_local(fx->ctx, ".LC1", STT_OBJECT, fx->f, ms, 6);
  add_rel(fx, 0, R_X86_64_64, SYM_TLS, 8);  /* section symbol + 8 */
  add_rel(fx, 8, R_X86_64_64, SYM_TLS, 0);  /* section symbol + 0: "hello" at 6 */
  add_rel(fx, 16, R_X86_64_64, SYM_ABS, 2); /* .LC1 ("world") + 2 */
  add_rel(fx, 24, R_X86_64_PC32, SYM_ABS, -4);
  apply(fx);
  expect_no_errors(fx);
  expect_u64(fx, 0, 0x402002, "section symbol + 8 is 'rld' in the kept \"world\"");
  expect_u64(fx, 8, 0x402006, "section symbol + 0 is the kept \"hello\"");
  expect_u64(fx, 16, 0x402002, "a named symbol in a merged section: its piece's address + A");
  expect_u32(fx, 24, 0x402000 - 4 - P(24), "PC32 to .LC1 = piece address + A - P");
}

Test(x86_64, unsupported_relocation_is_an_error) {
  Fx *fx = new_fx();
  add_rel(fx, 0, R_X86_64_COPY, SYM_TARGET, 0);
  apply(fx);
  cr_assert_eq(fx->ctx->nerrors, 1, "expected one error, got: %s", all_errors(fx->ctx));
  cr_assert(has_error(fx->ctx, "unsupported relocation R_X86_64_COPY") &&
                has_error(fx->ctx, "'target'"),
            "expected 'unsupported relocation R_X86_64_COPY ... against 'target'', got: %s",
            all_errors(fx->ctx));
}

/* ---- apply_nonalloc_relocs: debug sections ---- */

static void apply_debug(Fx *fx, const char *name) {
  fx->text->name = name;
  fx->text->flags = 0;
  memset(fx->out, 0xee, sizeof(fx->out));
  memcpy(fx->out, fx->in, fx->text->size);
  fx->text->rels = fx->rels;
  fx->text->nrels = fx->nrels;
  fx->ctx->arch->apply_nonalloc_relocs(fx->ctx, fx->text, fx->out);
}

Test(x86_64, debug_relocations_and_tombstones) {
  Fx *fx = new_fx();
  fx->data->is_alive = false; /* e.g. a discarded COMDAT copy */
  fx->f->syms[SYM_ABS] = fake_local(fx->ctx, ".tdata", STT_SECTION, fx->f, fx->tdata, 0);
  add_rel(fx, 0, R_X86_64_64, SYM_TARGET, 4);
  add_rel(fx, 8, R_X86_64_32, SYM_TARGET, 0);
  add_rel(fx, 16, R_X86_64_64, SYM_ABS, 7);
  add_rel(fx, 24, R_X86_64_DTPOFF32, SYM_TLS, 0);
  apply_debug(fx, ".debug_info");
  expect_no_errors(fx);
  expect_u64(fx, 0, 0, "a reference to a dead section in .debug_info is 0");
  expect_u32(fx, 8, 0, "a 32-bit reference to a dead section is 0");
  expect_u64(fx, 16, TDATA_ADDR + 7, "a live section symbol + A");
  expect_u32(fx, 24, 4, "DTPOFF32 in debug info is the offset in the TLS block");

  Fx *r = new_fx();
  r->data->is_alive = false;
  add_rel(r, 0, R_X86_64_64, SYM_TARGET, 4);
  apply_debug(r, ".debug_ranges");
  expect_u64(r, 0, 1, "in .debug_ranges the tombstone is 1 (0 would end the list)");
}

Test(x86_64, debug_section_rejects_got_relocations) {
  Fx *fx = new_fx();
  add_rel(fx, 0, R_X86_64_GOTPCREL, SYM_TARGET, 0);
  apply_debug(fx, ".debug_info");
  cr_assert(has_error(fx->ctx, "unsupported relocation R_X86_64_GOTPCREL in non-allocated section"),
            "expected an unsupported-relocation error, got: %s", all_errors(fx->ctx));
}
