/* .eh_frame splitting: split_eh_frames() cuts each .eh_frame input section into CIE and
 * FDE records (LSB "Exception Frames": u32 length, then u32 CIE id 0 for a CIE or, for an
 * FDE, the distance back to its CIE), drops FDEs whose function (the target of the
 * relocation at pc_begin) lives in a dead section, and gives the survivors packed output
 * offsets. eh_frame_output_offset() maps input offsets through that, apply_relocs skips
 * relocations of dropped FDEs, and write_eh_frame_section() copies the survivors with
 * CIE pointers recomputed. */
#include "unit-helpers.h"

#include <stdlib.h>

enum { REC = 24 }; /* every record built here is 24 bytes (length field 20) */

typedef struct EhFx {
  Ctx *ctx;
  InputFile *f;
  InputSection *eh;
  InputSection *text[3]; /* .text.a (live), .text.b (dead), .text.c (live) */
  u8 data[512];
  u32 size;
  Elf64_Rela rels[16];
  i64 nrels;
} EhFx;

enum {
  SYM_NULL,
  SYM_SEC_A,   /* section symbol of .text.a */
  SYM_SEC_B,   /* section symbol of .text.b (dead) */
  SYM_SEC_C,   /* section symbol of .text.c */
  SYM_G_DEAD,  /* global defined in .text.b */
  SYM_G_UNDEF, /* global, undefined (no section) */
  NSYMS
};

static EhFx *new_eh_fx(void) {
  EhFx *fx = calloc(1, sizeof(EhFx));
  Ctx *ctx = fx->ctx = new_test_ctx();
  ctx->got = fake_chunk(ctx, CK_GOT, ".got", 0x3000); /* apply_relocs reads its address */
  fx->f = fake_file(ctx, "fde.o", 5, NSYMS);
  static const u8 code[16];
  static const char *const names[] = {".text.a", ".text.b", ".text.c"};
  for (int i = 0; i < 3; i++) {
    fx->text[i] = fake_section(ctx, fx->f, i + 1, names[i], SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR,
                               0, 4, code, 16);
    fx->text[i]->osec = fake_chunk(ctx, CK_OSEC, ".text", 0x2000);
    fx->text[i]->offset = (u64)i * 0x10;
  }
  fx->text[1]->is_alive = false;
  fx->f->syms[SYM_NULL] = fake_local(ctx, "", STT_NOTYPE, fx->f, NULL, 0);
  for (int i = 0; i < 3; i++)
    fx->f->syms[SYM_SEC_A + i] = fake_local(ctx, names[i], STT_SECTION, fx->f, fx->text[i], 0);
  fx->f->syms[SYM_G_DEAD] = fake_global(ctx, "in_dead_comdat", fx->f, fx->text[1], 0);
  fx->f->syms[SYM_G_UNDEF] = fake_global(ctx, "undefined_fn", NULL, NULL, 0);
  fx->f->syms[SYM_G_UNDEF]->rank = RANK_UNDEF;
  return fx;
}

/* A CIE with augmentation "zR" (pointer encoding pcrel|sdata4) and two CFA instructions. */
static u32 add_cie(EhFx *fx) {
  static const u8 cie[REC] = {20, 0,    0,    0, 0,    0,    0,    0,    1,    'z',  'R', 0,
                              1,  0x78, 0x10, 1, 0x1b, 0x0c, 0x07, 0x08, 0x90, 0x01, 0,   0};
  u32 off = fx->size;
  memcpy(fx->data + off, cie, REC);
  fx->size += REC;
  return off;
}

/* An FDE for cie_off whose pc_begin is relocated against sym (no relocation if sym < 0).
 * pc_range and the tail carry the record's offset, to tell copies apart. */
static u32 add_fde(EhFx *fx, u32 cie_off, int sym) {
  u32 off = fx->size;
  u8 *p = fx->data + off;
  memset(p, 0, REC);
  wr32(p, 20);
  wr32(p + 4, off + 4 - cie_off);
  wr32(p + 12, 0x100 + off); /* pc_range */
  p[16] = 0;                 /* augmentation data length */
  p[20] = (u8)off;
  fx->size += REC;
  if (sym >= 0) {
    Elf64_Rela r = {
        .r_offset = off + 8, .r_info = ELF64_R_INFO((u32)sym, R_X86_64_PC32), .r_addend = 0};
    fx->rels[fx->nrels++] = r;
  }
  return off;
}

/* Makes the .eh_frame section (index 4) from what was added and splits it. */
static void split(EhFx *fx) {
  fx->eh = fake_section(fx->ctx, fx->f, 4, ".eh_frame", SHT_X86_64_UNWIND, SHF_ALLOC, 0, 3,
                        fx->data, fx->size);
  fx->eh->rels = fx->rels;
  fx->eh->nrels = fx->nrels;
  split_eh_frames(fx->ctx);
}

static u64 out_offset(EhFx *fx, u64 in, bool *dropped) {
  *dropped = false;
  return eh_frame_output_offset(fx->eh, in, dropped);
}

static void expect_maps(EhFx *fx, u64 in, u64 want) {
  bool dropped = true;
  u64 got = out_offset(fx, in, &dropped);
  cr_assert_not(dropped, "expected input offset %llu to be kept", (unsigned long long)in);
  cr_assert_eq(got, want, "expected input offset %llu -> output %llu, got %llu",
               (unsigned long long)in, (unsigned long long)want, (unsigned long long)got);
}

static void expect_dropped(EhFx *fx, u64 in) {
  bool dropped = false;
  out_offset(fx, in, &dropped);
  cr_assert(dropped, "expected input offset %llu to be dropped", (unsigned long long)in);
}

/* CIE, FDE(.text.a), FDE(.text.b: dead), FDE(.text.c). */
static EhFx *standard(void) {
  EhFx *fx = new_eh_fx();
  u32 cie = add_cie(fx);
  add_fde(fx, cie, SYM_SEC_A);
  add_fde(fx, cie, SYM_SEC_B);
  add_fde(fx, cie, SYM_SEC_C);
  split(fx);
  cr_assert_eq(fx->ctx->nerrors, 0, "expected no errors, got: %s", all_errors(fx->ctx));
  return fx;
}

Test(eh_frame, dead_fde_is_dropped_and_later_records_move_up) {
  EhFx *fx = standard();
  InputSection *eh = fx->eh;
  cr_assert(eh->is_eh_frame, "expected the section marked as .eh_frame");
  cr_assert_eq(eh->neh_records, 4, "expected 4 records, got %lld", (long long)eh->neh_records);
  cr_assert_eq(eh->size, 3 * REC, "expected the output size 72 (one 24-byte FDE dropped), got %llu",
               (unsigned long long)eh->size);
  cr_assert(eh->p2align <= 2,
            "expected at most 4-byte alignment so no zero padding appears, got 2^%u", eh->p2align);
  const EhRecord *r = eh->eh_records;
  cr_assert(r[0].is_cie && r[0].is_alive, "expected record 0 to be a live CIE");
  cr_assert(!r[1].is_cie && r[1].is_alive, "expected record 1 (.text.a) to be a live FDE");
  cr_assert(!r[2].is_cie && !r[2].is_alive, "expected record 2 (.text.b is dead) to be dropped");
  cr_assert(!r[3].is_cie && r[3].is_alive, "expected record 3 (.text.c) to be a live FDE");
  for (int i = 1; i < 4; i++) {
    cr_assert_eq(r[i].cie, 0, "expected FDE %d to point at record 0, got %d", i, r[i].cie);
    cr_assert_eq(r[i].in_offset, (u32)(i * REC), "expected FDE %d at input %d", i, i * REC);
    cr_assert_eq(r[i].size, REC, "expected 24-byte records");
    cr_assert_eq(r[i].rel_end - r[i].rel_begin, 1, "expected one relocation in FDE %d", i);
    cr_assert_eq(r[i].rel_begin, (u32)(i - 1), "expected FDE %d's relocation to be rel %d", i,
                 i - 1);
  }
  cr_assert_eq(r[0].rel_begin, r[0].rel_end, "expected no relocations in the CIE");
  cr_assert_eq(r[1].out_offset, REC, "expected FDE 1 to stay at 24");
  cr_assert_eq(r[3].out_offset, 2 * REC, "expected FDE 3 to move from 72 to 48, got %u",
               r[3].out_offset);
}

Test(eh_frame, output_offsets) {
  EhFx *fx = standard();
  expect_maps(fx, 0, 0);
  expect_maps(fx, 23, 23);
  expect_maps(fx, 32, 32); /* FDE 1's pc_begin */
  expect_dropped(fx, 48);  /* the dead FDE's start */
  expect_dropped(fx, 56);  /* ... and its pc_begin */
  expect_maps(fx, 72, 48); /* FDE 3 moved up by 24 */
  expect_maps(fx, 80, 56);
  expect_maps(fx, 95, 71);
  expect_maps(fx, 96, 72); /* the input end maps to the output end */
  expect_dropped(fx, 100); /* beyond the section */
}

Test(eh_frame, write_recomputes_cie_pointers) {
  EhFx *fx = standard();
  u8 out[128];
  memset(out, 0xee, sizeof(out));
  write_eh_frame_section(fx->ctx, fx->eh, out);
  cr_assert(!memcmp(out, fx->data, 2 * REC), "expected the CIE and FDE 1 copied unchanged");
  cr_assert_eq(rd32(out + 2 * REC), 20, "expected FDE 3's length at output 48");
  cr_assert_eq(rd32(out + 2 * REC + 4), 2 * REC + 4,
               "expected FDE 3's CIE pointer 52 (its new offset + 4 - CIE at 0), got %u",
               rd32(out + 2 * REC + 4));
  cr_assert(!memcmp(out + 2 * REC + 8, fx->data + 3 * REC + 8, REC - 8),
            "expected the rest of FDE 3 copied from input offset 72");
  cr_assert_eq(out[3 * REC], 0xee, "expected nothing written past the 72 output bytes");
}

Test(eh_frame, apply_relocs_follow_moved_records) {
  EhFx *fx = standard();
  fx->eh->osec = fake_chunk(fx->ctx, CK_OSEC, ".eh_frame", 0x1000);
  fx->eh->offset = 0x40;
  u8 out[128];
  memset(out, 0xee, sizeof(out));
  write_eh_frame_section(fx->ctx, fx->eh, out);
  fx->ctx->arch->apply_relocs(fx->ctx, fx->eh, out);
  cr_assert_eq(fx->ctx->nerrors, 0, "expected no errors, got: %s", all_errors(fx->ctx));
  u64 base = 0x1000 + 0x40;
  cr_assert_eq(rd32(out + 32), (u32)(0x2000 - (base + 32)),
               "expected FDE 1's pc_begin = .text.a - P, got 0x%x", rd32(out + 32));
  cr_assert_eq(rd32(out + 56), (u32)(0x2020 - (base + 56)),
               "expected FDE 3's pc_begin at its new place 56 = .text.c - P, got 0x%x",
               rd32(out + 56));
  cr_assert(!memcmp(out, fx->data, REC),
            "expected the CIE untouched: the dead FDE's relocation must be skipped, not applied "
            "at its (meaningless) output offset");
  cr_assert_eq(out[72], 0xee, "expected nothing written past the 72 output bytes");
  cr_assert_eq(isec_address(fx->ctx, fx->eh, 72), base + 48,
               "expected isec_address to map input 72 to output 48");
}

Test(eh_frame, count_fdes_for_the_header) {
  EhFx *fx = standard();
  Chunk *c = fake_chunk(fx->ctx, CK_OSEC, ".eh_frame", 0x1000);
  vec_push(&c->members, fx->eh);
  fx->ctx->eh_frame = c;
  cr_assert_eq(count_eh_frame_fdes(fx->ctx), 2, "expected 2 live FDEs for .eh_frame_hdr, got %lld",
               (long long)count_eh_frame_fdes(fx->ctx));
}

Test(eh_frame, header_table_is_sorted_by_pc) {
  /* FDEs in input order .text.c, .text.b (dead), .text.a: the binary-search table must
   * list .text.a first, with (pc, fde) relative to .eh_frame_hdr. */
  EhFx *fx = new_eh_fx();
  u32 cie = add_cie(fx);
  add_fde(fx, cie, SYM_SEC_C);
  add_fde(fx, cie, SYM_SEC_B);
  add_fde(fx, cie, SYM_SEC_A);
  fx->rels[2].r_addend = 4; /* pc_begin = .text.a + 4 */
  split(fx);
  cr_assert_eq(fx->ctx->nerrors, 0, "expected no errors, got: %s", all_errors(fx->ctx));
  fx->eh->offset = 0x40;
  Chunk *eh = fake_chunk(fx->ctx, CK_OSEC, ".eh_frame", 0x1000);
  vec_push(&eh->members, fx->eh);
  fx->eh->osec = eh;
  fx->ctx->eh_frame = eh;
  Chunk *hdr = fake_chunk(fx->ctx, CK_EH_FRAME_HDR, ".eh_frame_hdr", 0x3000);
  u8 buf[64];
  memset(buf, 0xee, sizeof(buf));
  write_eh_frame_hdr(fx->ctx, hdr, buf);
  static const u8 head[4] = {1, 0x1b, 0x03, 0x3b};
  cr_assert(!memcmp(buf, head, 4),
            "expected version 1 and encodings 1b 03 3b, got %02x %02x %02x %02x", buf[0], buf[1],
            buf[2], buf[3]);
  cr_assert_eq((i32)rd32(buf + 4), 0x1000 - 0x3004,
               "expected eh_frame_ptr = .eh_frame - (hdr + 4)");
  cr_assert_eq(rd32(buf + 8), 2, "expected 2 table entries (the dead FDE has none), got %u",
               rd32(buf + 8));
  /* .text.c's FDE is at output 24, .text.a's (input 72) at output 48. */
  i32 want[4] = {0x2000 + 4 - 0x3000, 0x1040 + 48 - 0x3000, 0x2020 - 0x3000, 0x1040 + 24 - 0x3000};
  for (int i = 0; i < 4; i++)
    cr_assert_eq((i32)rd32(buf + 12 + 4 * i), want[i], "expected table word %d = %d, got %d", i,
                 want[i], (i32)rd32(buf + 12 + 4 * i));
  cr_assert_eq(buf[28], 0xee, "expected nothing past the table");
}

Test(eh_frame, global_targets) {
  /* A global defined in a dead section drops its FDE; an undefined one keeps it; an FDE
   * with no relocation at all is kept. */
  EhFx *fx = new_eh_fx();
  u32 cie = add_cie(fx);
  add_fde(fx, cie, SYM_G_DEAD);
  add_fde(fx, cie, SYM_G_UNDEF);
  add_fde(fx, cie, -1);
  split(fx);
  cr_assert_eq(fx->ctx->nerrors, 0, "expected no errors, got: %s", all_errors(fx->ctx));
  cr_assert_not(fx->eh->eh_records[1].is_alive,
                "expected the FDE of a global in a dead section dropped");
  cr_assert(fx->eh->eh_records[2].is_alive, "expected the FDE of an undefined global kept");
  cr_assert(fx->eh->eh_records[3].is_alive, "expected an FDE without relocations kept");
  cr_assert_eq(fx->eh->size, 3 * REC, "expected 72 output bytes");
}

Test(eh_frame, fde_pointing_at_second_cie) {
  /* CIE0, FDE(dead) -> CIE0, CIE1, FDE(live) -> CIE1, FDE(live) -> CIE0. */
  EhFx *fx = new_eh_fx();
  u32 cie0 = add_cie(fx);
  add_fde(fx, cie0, SYM_SEC_B);
  u32 cie1 = add_cie(fx);
  add_fde(fx, cie1, SYM_SEC_A);
  add_fde(fx, cie0, SYM_SEC_C);
  split(fx);
  cr_assert_eq(fx->ctx->nerrors, 0, "expected no errors, got: %s", all_errors(fx->ctx));
  cr_assert_eq(fx->eh->eh_records[3].cie, 2, "expected FDE at 72 to belong to record 2 (CIE1)");
  cr_assert_eq(fx->eh->eh_records[4].cie, 0, "expected FDE at 96 to belong to record 0 (CIE0)");
  u8 out[160];
  write_eh_frame_section(fx->ctx, fx->eh, out);
  /* Output: CIE0@0, CIE1@24, FDE@48 -> CIE1, FDE@72 -> CIE0. */
  cr_assert_eq(rd32(out + 52), 52 - 24,
               "expected the first FDE's pointer back to CIE1 at 24, got %u", rd32(out + 52));
  cr_assert_eq(rd32(out + 76), 76, "expected the second FDE's pointer back to CIE0 at 0, got %u",
               rd32(out + 76));
  cr_assert_eq(fx->eh->size, 4 * REC, "expected 96 output bytes");
}

Test(eh_frame, zero_terminator_is_kept) {
  EhFx *fx = new_eh_fx();
  u32 cie = add_cie(fx);
  add_fde(fx, cie, SYM_SEC_B); /* dropped */
  wr32(fx->data + fx->size, 0);
  fx->size += 4;
  split(fx);
  cr_assert_eq(fx->ctx->nerrors, 0, "expected no errors, got: %s", all_errors(fx->ctx));
  cr_assert_eq(fx->eh->neh_records, 3, "expected CIE, FDE and the terminator");
  cr_assert(fx->eh->eh_records[2].is_alive, "expected the zero terminator kept");
  cr_assert_eq(fx->eh->eh_records[2].size, 4, "expected a 4-byte terminator");
  cr_assert_eq(fx->eh->size, REC + 4, "expected 28 output bytes");
  expect_maps(fx, 48, 24);
}

Test(eh_frame, dead_eh_frame_section_is_not_split) {
  EhFx *g = new_eh_fx();
  u32 c2 = add_cie(g);
  add_fde(g, c2, SYM_SEC_B);
  g->eh = fake_section(g->ctx, g->f, 4, ".eh_frame", SHT_X86_64_UNWIND, SHF_ALLOC, 0, 3, g->data,
                       g->size);
  g->eh->is_alive = false;
  split_eh_frames(g->ctx);
  cr_assert_null(g->eh->eh_records, "expected a dead .eh_frame not to be split");
  cr_assert_eq(g->eh->size, 2 * REC, "expected a dead .eh_frame's size untouched");
}

/* ---- malformed input ---- */

static void expect_malformed(EhFx *fx, const char *what) {
  split(fx);
  cr_assert_eq(fx->ctx->nerrors, 1, "expected one error ('%s'), got: %s", what,
               all_errors(fx->ctx));
  cr_assert(has_error(fx->ctx, "fde.o"), "expected the file named, got: %s", all_errors(fx->ctx));
  cr_assert(has_error(fx->ctx, what), "expected an error containing '%s', got: %s", what,
            all_errors(fx->ctx));
}

Test(eh_frame, record_longer_than_section) {
  EhFx *fx = new_eh_fx();
  u32 cie = add_cie(fx);
  add_fde(fx, cie, SYM_SEC_A);
  wr32(fx->data + REC, 100); /* the FDE claims 104 bytes */
  expect_malformed(fx, "malformed .eh_frame record at offset 0x18");
}

Test(eh_frame, trailing_bytes_shorter_than_a_length) {
  EhFx *fx = new_eh_fx();
  add_cie(fx);
  fx->size += 2;
  expect_malformed(fx, "malformed .eh_frame record at offset 0x18");
}

Test(eh_frame, length_too_small_for_an_id) {
  EhFx *fx = new_eh_fx();
  add_cie(fx);
  wr32(fx->data + fx->size, 2);
  fx->size += 8;
  expect_malformed(fx, "malformed .eh_frame record");
}

Test(eh_frame, cie_pointer_before_the_section) {
  EhFx *fx = new_eh_fx();
  u32 cie = add_cie(fx);
  u32 fde = add_fde(fx, cie, SYM_SEC_A);
  wr32(fx->data + fde + 4, 1000);
  expect_malformed(fx, "malformed .eh_frame record at offset 0x18");
}

Test(eh_frame, cie_pointer_to_an_fde) {
  EhFx *fx = new_eh_fx();
  u32 cie = add_cie(fx);
  u32 fde1 = add_fde(fx, cie, SYM_SEC_A);
  add_fde(fx, fde1, SYM_SEC_C); /* points at an FDE, not a CIE */
  expect_malformed(fx, "malformed .eh_frame record at offset 0x30");
}

Test(eh_frame, cie_pointer_into_the_middle_of_a_cie) {
  EhFx *fx = new_eh_fx();
  u32 cie = add_cie(fx);
  add_fde(fx, cie + 4, SYM_SEC_A);
  expect_malformed(fx, "malformed .eh_frame record at offset 0x18");
}

Test(eh_frame, sixty_four_bit_records_are_rejected) {
  EhFx *fx = new_eh_fx();
  wr32(fx->data, 0xffffffff);
  fx->size = 16;
  expect_malformed(fx, "64-bit DWARF");
}

Test(eh_frame, unsorted_relocations_are_rejected) {
  EhFx *fx = new_eh_fx();
  u32 cie = add_cie(fx);
  add_fde(fx, cie, SYM_SEC_A);
  add_fde(fx, cie, SYM_SEC_C);
  Elf64_Rela t = fx->rels[0];
  fx->rels[0] = fx->rels[1];
  fx->rels[1] = t;
  expect_malformed(fx, "not sorted");
}
