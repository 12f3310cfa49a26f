/* --gdb-index: a .gdb_index section, the table gdb reads instead of scanning every
 * unit's DWARF at start-up (gdb manual, appendix "Index Section Format", version 7).
 * It is six little-endian 32-bit words (the version, then the offsets of the five
 * areas from the section's start), then the areas:
 *   - the CU list: each compile unit of the output .debug_info as (offset, length),
 *     two 64-bit words;
 *   - the types CU list, empty: type units are not indexed (as lld);
 *   - the address area: (low, high, CU index) per address range of a unit, 64, 64 and
 *     32 bits; high is exclusive;
 *   - the symbol table: an open-addressed hash table of (name offset, CU vector offset)
 *     pairs into the constant pool, a power of two in size, empty slots zero;
 *   - the constant pool: each name's CU vector (a count, then the entries), then the
 *     names, NUL-terminated.
 * A CU vector entry holds the CU index in bits 0-23, the symbol kind in bits 28-30 and
 * "static" in bit 31: the descriptor byte of a .debug_gnu_pubnames entry shifted left
 * by 24, since that byte has the kind in bits 4-6 and "static" in bit 7.
 *
 * As lld does: the names come from the inputs' .debug_gnu_pubnames and
 * .debug_gnu_pubtypes (-ggnu-pubnames), which the output then drops; a unit's address
 * ranges are its DIE's DW_AT_low_pc/DW_AT_high_pc or DW_AT_ranges, each range kept if
 * the input section it lies in is in the output; names are not merged across case
 * although the hash folds it; the table has 4/3 as many slots as names rounded up
 * past a power of two, at least 1024. A malformed name table is a warning, and the
 * names read before the fault are kept. */
#include "dwarf.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>

enum {
  GDB_INDEX_VERSION = 7,
  HEADER_SIZE = 24,
  CU_ENTRY_SIZE = 16,
  AREA_ENTRY_SIZE = 20,
  SLOT_SIZE = 8,
  MIN_SLOTS = 1024,
};

/* DWARF constants (DWARF 5, sections 7.5.4, 7.5.6 and 7.25) */
enum {
  DW_AT_low_pc = 0x11,
  DW_AT_high_pc = 0x12,
  DW_AT_ranges = 0x55,
  DW_AT_addr_base = 0x73,
  DW_AT_rnglists_base = 0x74,
  DW_FORM_addr = 0x01,
  DW_FORM_rnglistx = 0x23,
  DW_RLE_end_of_list = 0,
  DW_RLE_base_addressx,
  DW_RLE_startx_endx,
  DW_RLE_startx_length,
  DW_RLE_offset_pair,
  DW_RLE_base_address,
  DW_RLE_start_end,
  DW_RLE_start_length,
};

typedef struct CuEntry {
  u64 offset, size; /* in the file's .debug_info */
} CuEntry;

typedef struct AddressArea {
  InputSection *isec; /* the range lies in it; low and high are offsets in it */
  u64 low, high;
  u32 cu; /* the unit's index (in the file, then in the CU list) */
} AddressArea;

typedef struct PubName {
  const char *name;
  u32 len, hash;
  u32 attrs; /* descriptor << 24 | the unit's index (in the file, then in the CU list) */
} PubName;

typedef struct GdbFile {
  InputFile *file;
  InputSection *info; /* the file's .debug_info */
  VEC(CuEntry) cus;
  VEC(AddressArea) areas;
  VEC(PubName) names;
  CharVec warnings; /* lines, each ending in '\n', printed in file order */
} GdbFile;

typedef struct GdbSymbol {
  const char *name;
  u32 len, hash;
  i64 first, last; /* chain of its entries in the flat name list (next[]) */
  u32 nentries;
  u32 cu_vector_off, name_off; /* in the constant pool */
} GdbSymbol;

struct GdbIndex {
  Chunk *chunk;
  GdbFile *files;
  i64 nfiles;
  PubName **flat; /* every name entry, in file order */
  i64 *next;      /* flat index of the same name's next entry, -1 at the end */
  GdbSymbol *symbols;
  i64 nsymbols, nslots;
  u64 pool_size;
};

/* The sections of one object that the index reads. */
typedef struct GdbDwarf {
  Debug d;
  DebugSection addr, ranges, rnglists;
  GdbFile *out;
} GdbDwarf;

/* An address in an object: an offset in the section numbered shndx (0: none). */
typedef struct Address {
  u32 shndx;
  u64 value;
} Address;

/* gdb's mapped_index_string_hash for index versions 5 and later: case-folded. */
static u32 gdb_hash(const char *s, u32 len) {
  u32 h = 0;
  for (u32 i = 0; i < len; i++)
    h = h * 67 + (u32)tolower((unsigned char)s[i]) - 113;
  return h;
}

static bool is_pubnames_section(const InputSection *isec) {
  return !strcmp(isec->name, ".debug_gnu_pubnames") || !strcmp(isec->name, ".debug_gnu_pubtypes");
}

/* Warnings are gathered per file on the reading threads and printed in file order. */
__attribute__((format(printf, 3, 4))) static void add_warning(GdbDwarf *g, const char *section,
                                                              const char *fmt, ...) {
  char text[512];
  int n = snprintf(text, sizeof text, "%s:(%s): ", g->d.f->name, section);
  va_list ap;
  va_start(ap, fmt);
  if (n > 0 && n < (int)sizeof text)
    n += vsnprintf(text + n, sizeof text - (size_t)n, fmt, ap);
  va_end(ap);
  for (int i = 0; i < MIN(n, (int)sizeof text - 1); i++)
    vec_push(&g->out->warnings, text[i]);
  vec_push(&g->out->warnings, '\n');
}

/* ---- address ranges ---- */

static void add_area(GdbDwarf *g, Address low, u64 high, u32 cu) {
  InputFile *f = g->d.f;
  if (low.shndx == 0 || low.shndx >= (u32)f->nshdrs || low.value == high)
    return;
  InputSection *isec = f->sections[low.shndx];
  if (isec && isec->is_alive)
    vec_push(&g->out->areas, ((AddressArea){isec, low.value, high, cu}));
}

/* Entry index of .debug_addr, from the unit's DW_AT_addr_base (DWARF 5, 7.27). */
static Address indexed_address(GdbDwarf *g, const Unit *u, u64 addr_base, u64 index) {
  Address a = {0};
  if (index > g->addr.size / (u64)u->addr_size)
    return a;
  Reader r = reader(g->addr.data, addr_base + index * (u64)u->addr_size, g->addr.size);
  a.value = dwarf_read_relocated(&g->d, &g->addr, &r, u->addr_size, &a.shndx);
  return r.ok ? a : (Address){0};
}

static Address relocated_address(GdbDwarf *g, const DebugSection *s, Reader *r, const Unit *u) {
  Address a = {0};
  a.value = dwarf_read_relocated(&g->d, s, r, u->addr_size, &a.shndx);
  return a;
}

/* A DWARF 2-4 range list of .debug_ranges: (begin, end) pairs, ended by (0, 0); a begin
 * of all ones makes end the base address of the pairs after it (DWARF 4, 2.17.3). A
 * pair takes the section of its begin's relocation, or else the base's. */
static bool read_range_list(GdbDwarf *g, const Unit *u, u64 at, Address base, u32 cu) {
  Reader r = reader(g->ranges.data, at, g->ranges.size);
  u64 all_ones = u->addr_size == 8 ? ~(u64)0 : 0xffffffffu;
  while (r.ok) {
    Address begin = relocated_address(g, &g->ranges, &r, u);
    Address end = relocated_address(g, &g->ranges, &r, u);
    if (!r.ok || (begin.value == 0 && end.value == 0 && !begin.shndx && !end.shndx))
      break;
    if (begin.value == all_ones && !begin.shndx) {
      base = end;
      continue;
    }
    if (!begin.shndx) {
      begin.shndx = base.shndx;
      begin.value += base.value;
      end.value += base.value;
    }
    add_area(g, begin, end.value, cu);
  }
  return r.ok;
}

/* A DWARF 5 range list of .debug_rnglists, entries of DW_RLE_* kinds (DWARF 5, 2.17.3);
 * offset pairs are relative to the base address, at first the unit's DW_AT_low_pc. */
static bool read_rnglist(GdbDwarf *g, const Unit *u, u64 at, Address base, u64 addr_base, u32 cu) {
  Reader r = reader(g->rnglists.data, at, g->rnglists.size);
  while (r.ok) {
    u8 kind = (u8)read_fixed(&r, 1);
    Address low = {0};
    u64 high = 0;
    switch (kind) {
    case DW_RLE_end_of_list:
      return r.ok;
    case DW_RLE_base_addressx:
      base = indexed_address(g, u, addr_base, read_uleb(&r));
      continue;
    case DW_RLE_base_address:
      base = relocated_address(g, &g->rnglists, &r, u);
      continue;
    case DW_RLE_startx_endx:
      low = indexed_address(g, u, addr_base, read_uleb(&r));
      high = indexed_address(g, u, addr_base, read_uleb(&r)).value;
      break;
    case DW_RLE_startx_length:
      low = indexed_address(g, u, addr_base, read_uleb(&r));
      high = low.value + read_uleb(&r);
      break;
    case DW_RLE_offset_pair:
      low = (Address){base.shndx, base.value + read_uleb(&r)};
      high = base.value + read_uleb(&r);
      break;
    case DW_RLE_start_end:
      low = relocated_address(g, &g->rnglists, &r, u);
      high = relocated_address(g, &g->rnglists, &r, u).value;
      break;
    case DW_RLE_start_length:
      low = relocated_address(g, &g->rnglists, &r, u);
      high = low.value + read_uleb(&r);
      break;
    default:
      return false;
    }
    if (r.ok)
      add_area(g, low, high, cu);
  }
  return false;
}

/* What the unit's DIE says of its addresses. */
typedef struct UnitRanges {
  Address low;
  u64 low_index, high, ranges, addr_base, rnglists_base;
  bool has_low, low_is_index, has_high, high_is_length, has_ranges, ranges_is_index;
  bool has_rnglists_base;
} UnitRanges;

static bool read_unit_die(GdbDwarf *g, Reader *r, const Unit *u, const AbbrevVec *abbrevs,
                          UnitRanges *ur) {
  const Abbrev *a = dwarf_find_abbrev(abbrevs, read_uleb(r));
  if (!a)
    return false;
  const DebugSection *abbrev = &g->d.abbrev;
  Reader specs = reader(a->specs, 0, (u64)(abbrev->data + abbrev->size - a->specs));
  for (;;) {
    u64 attr = read_uleb(&specs), form = read_uleb(&specs);
    i64 implicit = form == 0x21 /* DW_FORM_implicit_const */ ? read_sleb(&specs) : 0;
    if (!specs.ok || (attr == 0 && form == 0))
      return specs.ok && r->ok;
    if (form == DW_FORM_addr && (attr == DW_AT_low_pc || attr == DW_AT_high_pc)) {
      Address addr = relocated_address(g, &g->d.info, r, u);
      if (attr == DW_AT_low_pc)
        ur->low = addr, ur->has_low = true;
      else
        ur->high = addr.value, ur->has_high = true;
      continue;
    }
    u64 value, block_len;
    const char *str;
    const u8 *block;
    if (!dwarf_read_form(&g->d, r, u, form, implicit, &value, &str, &block, &block_len))
      return false;
    switch (attr) {
    case DW_AT_low_pc: /* an addrx form */
      ur->low_index = value, ur->has_low = ur->low_is_index = true;
      break;
    case DW_AT_high_pc: /* a constant: the length (DWARF 4, 2.17.2) */
      ur->high = value, ur->has_high = ur->high_is_length = true;
      break;
    case DW_AT_ranges:
      ur->ranges = value, ur->has_ranges = true, ur->ranges_is_index = form == DW_FORM_rnglistx;
      break;
    case DW_AT_addr_base:
      ur->addr_base = value;
      break;
    case DW_AT_rnglists_base:
      ur->rnglists_base = value, ur->has_rnglists_base = true;
      break;
    }
  }
}

/* DW_FORM_rnglistx: an index into the offsets that follow the list table's header,
 * which DW_AT_rnglists_base points at, or the first table's (DWARF 5, 7.28). */
static u64 rnglist_offset(GdbDwarf *g, const Unit *u, const UnitRanges *ur) {
  u64 base = ur->has_rnglists_base ? ur->rnglists_base : (u->offset_size == 8 ? 20 : 12);
  Reader r = reader(g->rnglists.data, base + ur->ranges * (u64)u->offset_size, g->rnglists.size);
  u64 off = read_fixed(&r, u->offset_size);
  return r.ok ? base + off : ~(u64)0;
}

static bool read_unit_ranges(GdbDwarf *g, Reader *r, const Unit *u, const AbbrevVec *abbrevs,
                             u32 cu) {
  UnitRanges ur = {.addr_base = 8}; /* past the .debug_addr header of a DWARF 5 unit */
  if (!read_unit_die(g, r, u, abbrevs, &ur))
    return false;
  Address low = ur.low_is_index ? indexed_address(g, u, ur.addr_base, ur.low_index) : ur.low;
  if (ur.has_low && ur.has_high) {
    add_area(g, low, ur.high_is_length ? low.value + ur.high : ur.high, cu);
    return true;
  }
  if (!ur.has_ranges)
    return true;
  if (u->version < 5)
    return read_range_list(g, u, ur.ranges, low, cu);
  u64 at = ur.ranges_is_index ? rnglist_offset(g, u, &ur) : ur.ranges;
  return read_rnglist(g, u, at, low, ur.addr_base, cu);
}

/* The units of .debug_info and their address ranges. */
static void read_units(GdbDwarf *g) {
  Reader units = reader(g->d.info.data, 0, g->d.info.size), r;
  Unit u;
  AbbrevVec abbrevs = {0};
  bool ranges_ok = true;
  while (dwarf_next_unit(&g->d, &units, &u, &r, &abbrevs)) {
    u32 cu = (u32)g->out->cus.len;
    vec_push(&g->out->cus, ((CuEntry){u.offset, u.size}));
    if (ranges_ok && !read_unit_ranges(g, &r, &u, &abbrevs, cu)) {
      add_warning(g, ".debug_info", "cannot read the address ranges of the unit at offset 0x%lx",
                  (unsigned long)u.offset);
      ranges_ok = false;
    }
  }
  if (!ranges_ok)
    g->out->areas.len = 0; /* as lld: none of the file's ranges rather than some */
  free(abbrevs.data);
}

/* ---- names ---- */

/* The index of the unit at that .debug_info offset, or -1 if no unit starts there. */
static i64 unit_at(const GdbFile *gf, u64 info_offset) {
  i64 lo = 0, hi = gf->cus.len;
  while (lo < hi) {
    i64 mid = lo + (hi - lo) / 2;
    if (gf->cus.data[mid].offset < info_offset)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < gf->cus.len && gf->cus.data[lo].offset == info_offset ? lo : -1;
}

/* .debug_gnu_pubnames/.debug_gnu_pubtypes: tables of a header (unit_length, version,
 * debug_info_offset, debug_info_length) and entries (DIE offset, descriptor byte,
 * name) ended by a zero offset (DWARF 4, 6.1.1, plus GNU's descriptor byte). */
static void read_name_tables(GdbDwarf *g, const char *name) {
  DebugSection s = dwarf_section(g->d.f, name);
  Reader all = reader(s.data, 0, s.size);
  while (s.data && all.ok && all.p < all.end) {
    u64 start = (u64)(all.p - all.base);
    int offset_size = 4;
    u64 len = read_fixed(&all, 4);
    if (len == 0xffffffff) {
      len = read_fixed(&all, 8);
      offset_size = 8;
    }
    if (!all.ok) {
      add_warning(g, name, "the name table at offset 0x%lx has no complete length",
                  (unsigned long)start);
      return;
    }
    u64 body = (u64)(all.p - all.base);
    bool past_end = len > s.size - body;
    Reader r = reader(s.data, body, past_end ? s.size : body + len);
    all.p = past_end ? all.end : all.p + len;
    read_fixed(&r, 2); /* version */
    u64 info_offset = dwarf_read_relocated(&g->d, &s, &r, offset_size, NULL);
    read_fixed(&r, offset_size); /* debug_info_length */
    if (!r.ok) {
      add_warning(g, name, "the name table at offset 0x%lx has no complete header",
                  (unsigned long)start);
      continue;
    }
    /* lld would file the names under the next unit; they would mislead gdb. */
    i64 cu = unit_at(g->out, info_offset);
    if (cu < 0) {
      add_warning(g, name, "the name table at offset 0x%lx names no unit (debug_info_offset 0x%lx)",
                  (unsigned long)start, (unsigned long)info_offset);
      continue;
    }
    for (;;) {
      u64 die = read_fixed(&r, offset_size);
      if (!r.ok || die == 0)
        break;
      u8 descriptor = (u8)read_fixed(&r, 1);
      const char *str = read_cstr(&r);
      if (!r.ok)
        break;
      u32 n = (u32)strlen(str);
      vec_push(&g->out->names,
               ((PubName){str, n, gdb_hash(str, n), (u32)descriptor << 24 | (u32)cu}));
    }
    if (!r.ok)
      add_warning(g, name, "the name table at offset 0x%lx ends inside an entry",
                  (unsigned long)start);
    else if (past_end || r.p != r.end)
      add_warning(g, name,
                  "the name table at offset 0x%lx has its terminator at 0x%lx, not at the end "
                  "its length gives",
                  (unsigned long)start, (unsigned long)(r.p - r.base - offset_size));
  }
}

static void read_gdb_file_task(Ctx *ctx, i64 i, void *arg) {
  (void)ctx;
  GdbFile *gf = &((GdbIndex *)arg)->files[i];
  GdbDwarf g = {.d = {.f = gf->file}, .out = gf};
  g.d.info = dwarf_section(gf->file, ".debug_info");
  g.d.abbrev = dwarf_section(gf->file, ".debug_abbrev");
  g.addr = dwarf_section(gf->file, ".debug_addr");
  g.ranges = dwarf_section(gf->file, ".debug_ranges");
  g.rnglists = dwarf_section(gf->file, ".debug_rnglists");
  gf->info = g.d.info.isec;
  read_units(&g);
  read_name_tables(&g, ".debug_gnu_pubnames");
  read_name_tables(&g, ".debug_gnu_pubtypes");
}

static bool has_debug_info(InputFile *f) {
  for (i64 k = 0; f->sections && k < f->nshdrs; k++)
    if (f->sections[k] && f->sections[k]->is_alive && !strcmp(f->sections[k]->name, ".debug_info"))
      return true;
  return false;
}

/* Reads the units, ranges and names of every object with .debug_info, on all threads,
 * and drops the name tables from the output: they serve only to build the index. */
void read_gdb_index_inputs(Ctx *ctx) {
  /* lld discards the inputs' DWARF under -S and -s, and so writes no index. */
  if (!ctx->opt.gdb_index || ctx->opt.strip_debug || ctx->opt.strip_all)
    return;
  GdbIndex *gi = ARENA_NEW(&ctx->arena, GdbIndex);
  gi->files = ARENA_ARRAY(&ctx->arena, GdbFile, MAX(ctx->objs.len, 1));
  for (i64 i = 0; i < ctx->objs.len; i++) {
    InputFile *f = ctx->objs.data[i];
    if (f->kind != FILE_OBJ)
      continue;
    for (i64 k = 0; f->sections && k < f->nshdrs; k++)
      if (f->sections[k] && is_pubnames_section(f->sections[k]))
        f->sections[k]->is_alive = false;
    if (has_debug_info(f))
      gi->files[gi->nfiles++].file = f;
  }
  if (gi->nfiles == 0)
    return; /* no DWARF, no index (lld) */
  parallel_for(ctx, gi->nfiles, read_gdb_file_task, gi);
  for (i64 i = 0; i < gi->nfiles; i++) {
    CharVec *w = &gi->files[i].warnings;
    if (!w->len)
      continue;
    for (char *line = w->data, *end = w->data + w->len; line < end;) {
      char *nl = memchr(line, '\n', (size_t)(end - line));
      warn(ctx, "%.*s", (int)(nl - line), line);
      line = nl + 1;
    }
    free(w->data);
  }
  ctx->gdb_index = gi;
}

/* ---- the symbol table ---- */

static u64 next_pow2_above(u64 v) {
  u64 p = 1;
  while (p <= v)
    p <<= 1;
  return p;
}

/* One symbol per distinct name, in the order names first appear; each keeps a chain
 * of its entries, which become its CU vector in input order. */
static void unite_names(Ctx *ctx, GdbIndex *gi) {
  i64 total = 0;
  for (i64 i = 0; i < gi->nfiles; i++)
    total += gi->files[i].names.len;
  gi->flat = ARENA_ARRAY(&ctx->arena, PubName *, MAX(total, 1));
  gi->next = ARENA_ARRAY(&ctx->arena, i64, MAX(total, 1));
  gi->symbols = ARENA_ARRAY(&ctx->arena, GdbSymbol, MAX(total, 1));
  i64 cap = (i64)next_pow2_above((u64)total * 2);
  i64 *table = malloc(sizeof(i64) * (size_t)cap);
  if (!table)
    fatal(ctx, "out of memory");
  memset(table, 0xff, sizeof(i64) * (size_t)cap);
  i64 e = 0;
  for (i64 i = 0; i < gi->nfiles; i++) {
    GdbFile *gf = &gi->files[i];
    for (i64 k = 0; k < gf->names.len; k++, e++) {
      PubName *n = &gf->names.data[k];
      gi->flat[e] = n;
      gi->next[e] = -1;
      i64 slot = n->hash & (cap - 1);
      GdbSymbol *sym = NULL;
      for (; table[slot] >= 0; slot = (slot + 1) & (cap - 1)) {
        GdbSymbol *s = &gi->symbols[table[slot]];
        if (s->len == n->len && !memcmp(s->name, n->name, n->len)) {
          sym = s;
          break;
        }
      }
      if (!sym) {
        table[slot] = gi->nsymbols;
        sym = &gi->symbols[gi->nsymbols++];
        *sym = (GdbSymbol){n->name, n->len, n->hash, e, e, 0, 0, 0};
      } else {
        gi->next[sym->last] = e;
        sym->last = e;
      }
      sym->nentries++;
    }
  }
  free(table);
}

/* The constant pool: all CU vectors first, then all names. */
static void place_constant_pool(GdbIndex *gi) {
  u64 off = 0;
  for (i64 i = 0; i < gi->nsymbols; i++) {
    gi->symbols[i].cu_vector_off = (u32)off;
    off += 4 * (1 + (u64)gi->symbols[i].nentries);
  }
  for (i64 i = 0; i < gi->nsymbols; i++) {
    gi->symbols[i].name_off = (u32)off;
    off += gi->symbols[i].len + 1;
  }
  gi->pool_size = off;
}

/* The CU list is every file's units in file order: a file's unit indices start after
 * the units of the files before it. */
static void number_units(Ctx *ctx, GdbIndex *gi) {
  u32 first = 0;
  for (i64 i = 0; i < gi->nfiles; i++) {
    GdbFile *gf = &gi->files[i];
    for (i64 k = 0; k < gf->names.len; k++)
      gf->names.data[k].attrs += first;
    for (i64 k = 0; k < gf->areas.len; k++)
      gf->areas.data[k].cu += first;
    first += (u32)gf->cus.len;
  }
  if (first >= 1u << 24)
    fatal(ctx, ".gdb_index: %u compile units; a CU vector entry has 24 bits for the index", first);
}

/* The .gdb_index chunk, sized: it follows the inputs' debug sections, as lld's. */
void create_gdb_index(Ctx *ctx) {
  GdbIndex *gi = ctx->gdb_index;
  if (!gi)
    return;
  u64 size = HEADER_SIZE;
  for (i64 i = 0; i < gi->nfiles; i++) {
    size += CU_ENTRY_SIZE * (u64)gi->files[i].cus.len;
    size += AREA_ENTRY_SIZE * (u64)gi->files[i].areas.len;
  }
  number_units(ctx, gi);
  unite_names(ctx, gi);
  place_constant_pool(gi);
  gi->nslots = (i64)MAX(next_pow2_above((u64)gi->nsymbols * 4 / 3), (u64)MIN_SLOTS);
  size += SLOT_SIZE * (u64)gi->nslots + gi->pool_size;
  if (size > 0xffffffffu)
    fatal(ctx, ".gdb_index: the index would exceed 4 GiB, which its 32-bit offsets cannot address");
  gi->chunk = new_chunk(ctx, CK_GDB_INDEX, ".gdb_index", SHT_PROGBITS, 0, 1);
  gi->chunk->shdr.sh_size = size;
}

/* ---- writing ---- */

static u8 *write_cu_list(GdbIndex *gi, u8 *p) {
  for (i64 i = 0; i < gi->nfiles; i++) {
    GdbFile *gf = &gi->files[i];
    u64 base = gf->info && gf->info->osec ? gf->info->offset : 0;
    for (i64 k = 0; k < gf->cus.len; k++, p += CU_ENTRY_SIZE) {
      wr64(p, base + gf->cus.data[k].offset);
      wr64(p + 8, gf->cus.data[k].size);
    }
  }
  return p;
}

static u8 *write_address_area(Ctx *ctx, GdbIndex *gi, u8 *p) {
  for (i64 i = 0; i < gi->nfiles; i++) {
    GdbFile *gf = &gi->files[i];
    for (i64 k = 0; k < gf->areas.len; k++, p += AREA_ENTRY_SIZE) {
      AddressArea *a = &gf->areas.data[k];
      u64 base = isec_address(ctx, a->isec, 0);
      wr64(p, base + a->low);
      wr64(p + 8, base + a->high);
      wr32(p + 16, a->cu);
    }
  }
  return p;
}

/* gdb's probe: start at hash & mask, step by ((hash * 17) & mask) | 1 (odd, so every
 * slot is reached); a slot is empty while both its words are zero. */
static void write_symbol_table(GdbIndex *gi, u8 *table) {
  u32 mask = (u32)gi->nslots - 1;
  for (i64 i = 0; i < gi->nsymbols; i++) {
    GdbSymbol *s = &gi->symbols[i];
    u32 slot = s->hash & mask, step = ((s->hash * 17) & mask) | 1;
    while (rd32(table + (u64)slot * SLOT_SIZE) || rd32(table + (u64)slot * SLOT_SIZE + 4))
      slot = (slot + step) & mask;
    wr32(table + (u64)slot * SLOT_SIZE, s->name_off);
    wr32(table + (u64)slot * SLOT_SIZE + 4, s->cu_vector_off);
  }
}

static void write_constant_pool(GdbIndex *gi, u8 *pool) {
  for (i64 i = 0; i < gi->nsymbols; i++) {
    GdbSymbol *s = &gi->symbols[i];
    u8 *v = pool + s->cu_vector_off;
    wr32(v, s->nentries);
    v += 4;
    for (i64 e = s->first; e >= 0; e = gi->next[e], v += 4)
      wr32(v, gi->flat[e]->attrs);
    memcpy(pool + s->name_off, s->name, s->len);
    pool[s->name_off + s->len] = 0;
  }
}

/* After write_chunks: the output .debug_info offsets and the sections' addresses are
 * final. */
void write_gdb_index(Ctx *ctx) {
  GdbIndex *gi = ctx->gdb_index;
  if (!gi || !gi->chunk->shndx)
    return;
  u8 *start = ctx->buf + gi->chunk->shdr.sh_offset;
  memset(start, 0, gi->chunk->shdr.sh_size);
  u8 *p = start + HEADER_SIZE;
  u32 cu_list = (u32)(p - start);
  p = write_cu_list(gi, p);
  u32 types = (u32)(p - start), areas = types;
  p = write_address_area(ctx, gi, p);
  u32 symtab = (u32)(p - start);
  u32 pool = symtab + (u32)(SLOT_SIZE * gi->nslots);
  write_symbol_table(gi, p);
  write_constant_pool(gi, start + pool);
  u32 header[6] = {GDB_INDEX_VERSION, cu_list, types, areas, symtab, pool};
  for (int i = 0; i < 6; i++)
    wr32(start + 4 * i, header[i]);
}
