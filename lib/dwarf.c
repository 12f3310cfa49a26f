/* Source positions from an object's DWARF (versions 2 to 5), for messages that name
 * "file.c:LINE" as GNU ld's do: the line table for a place in code, the variables of
 * .debug_info for a place in data. Only what a message needs is read, and only when
 * a message is printed; anything malformed just yields no position. In an object
 * file the addresses and string offsets in the debug sections are relocations, which
 * are resolved here against the sections they name. */
#include "dwarf.h"

#include <stdlib.h>

DebugSection dwarf_section(InputFile *f, const char *name) {
  for (i64 i = 0; f->sections && i < f->nshdrs; i++) {
    InputSection *isec = f->sections[i];
    if (isec && isec->contents && isec->type != SHT_NOBITS && !strcmp(isec->name, name))
      return (DebugSection){isec, isec->contents, isec->size};
  }
  return (DebugSection){0};
}

/* The relocation at offset off of a debug section, if any: (section index, value). */
static bool relocation_at(Debug *d, const DebugSection *s, u64 off, u32 *shndx, u64 *value) {
  InputSection *isec = s->isec;
  /* Assemblers emit them in offset order (gas and LLVM's integrated assembler do);
   * out of order, a place is just not found and the message has no line. */
  i64 lo = 0, hi = isec->nrels - 1;
  while (lo <= hi) {
    i64 mid = lo + (hi - lo) / 2;
    if (isec->rels[mid].r_offset < off)
      lo = mid + 1;
    else
      hi = mid - 1;
  }
  if (lo >= isec->nrels || isec->rels[lo].r_offset != off)
    return false;
  const ERela *rel = &isec->rels[lo];
  i64 sym = (i64)ELF64_R_SYM(rel->r_info);
  if (sym <= 0 || sym >= d->f->nsyms)
    return false;
  *shndx = esym_shndx(d->f, sym);
  *value = d->f->esyms[sym].st_value + (u64)rel->r_addend;
  return true;
}

/* A section offset or address read from debug section s at the reader's position:
 * its relocation's value when it has one, else the bytes themselves. */
u64 dwarf_read_relocated(Debug *d, const DebugSection *s, Reader *r, int n, u32 *shndx) {
  u64 off = (u64)(r->p - s->data);
  u64 raw = read_fixed(r, n);
  u64 value;
  u32 sec = 0;
  if (r->ok && relocation_at(d, s, off, &sec, &value))
    raw = value;
  if (shndx)
    *shndx = sec;
  return raw;
}

static const char *string_at(const DebugSection *s, u64 off) {
  if (!s->data || off >= s->size || !memchr(s->data + off, 0, s->size - off))
    return NULL;
  return (const char *)s->data + off;
}

/* ---- the line table ---- */

typedef struct LineHeader {
  int version, offset_size;
  u8 min_inst, line_base, line_range, opcode_base;
  const u8 *std_lengths;
  const char *dirs[256];
  i64 ndirs;
  const char *files[1024];
  u32 file_dirs[1024];
  i64 nfiles;
  u64 program, end; /* offsets of the line program and of the unit's end */
} LineHeader;

/* A DWARF 5 directory or file entry: its path and directory index. */
static bool read_entry(Debug *d, Reader *r, const u64 *formats, i64 nformats, const char **path,
                       u32 *dir) {
  *path = NULL;
  *dir = 0;
  for (i64 k = 0; k < nformats; k++) {
    u64 type = formats[2 * k], form = formats[2 * k + 1], v = 0;
    const char *s = NULL;
    switch (form) {
    case 0x08: /* DW_FORM_string */
      s = read_cstr(r);
      break;
    case 0x1f: /* DW_FORM_line_strp */
      s = string_at(&d->line_str, dwarf_read_relocated(d, &d->line, r, 4, NULL));
      break;
    case 0x0e: /* DW_FORM_strp */
      s = string_at(&d->str, dwarf_read_relocated(d, &d->line, r, 4, NULL));
      break;
    case 0x0f: /* DW_FORM_udata */
      v = read_uleb(r);
      break;
    case 0x0b:
      v = read_fixed(r, 1);
      break;
    case 0x05:
      v = read_fixed(r, 2);
      break;
    case 0x06:
      v = read_fixed(r, 4);
      break;
    case 0x07:
      v = read_fixed(r, 8);
      break;
    case 0x1e: /* DW_FORM_data16 (an MD5) */
      skip(r, 16);
      break;
    case 0x09: /* DW_FORM_block */
      skip(r, read_uleb(r));
      break;
    default:
      return false;
    }
    if (type == 1 /* DW_LNCT_path */)
      *path = s;
    else if (type == 2 /* DW_LNCT_directory_index */)
      *dir = (u32)v;
  }
  return r->ok;
}

static bool read_line_header(Debug *d, u64 at, LineHeader *h) {
  Reader r = reader(d->line.data, at, d->line.size);
  u64 len = read_fixed(&r, 4);
  h->offset_size = 4;
  if (len == 0xffffffff) {
    len = read_fixed(&r, 8);
    h->offset_size = 8;
  }
  if (!r.ok || len > (u64)(r.end - r.p))
    return false;
  h->end = (u64)(r.p - r.base) + len;
  r.end = r.base + h->end;
  h->version = (int)read_fixed(&r, 2);
  if (h->version < 2 || h->version > 5)
    return false;
  if (h->version >= 5)
    skip(&r, 2); /* address_size, segment_selector_size */
  u64 header_len = read_fixed(&r, h->offset_size);
  h->program = (u64)(r.p - r.base) + header_len;
  h->min_inst = (u8)read_fixed(&r, 1);
  if (h->version >= 4)
    skip(&r, 1); /* maximum_operations_per_instruction */
  skip(&r, 1);   /* default_is_stmt */
  h->line_base = (u8)read_fixed(&r, 1);
  h->line_range = (u8)read_fixed(&r, 1);
  h->opcode_base = (u8)read_fixed(&r, 1);
  h->std_lengths = r.p;
  skip(&r, h->opcode_base ? h->opcode_base - 1u : 0);
  if (!r.ok || h->line_range == 0 || h->program > h->end)
    return false;
  h->ndirs = h->nfiles = 0;
  if (h->version < 5) {
    h->dirs[h->ndirs++] = NULL; /* 0: the compilation directory, not in this table */
    for (;;) {
      const char *s = read_cstr(&r);
      if (!s || !*s)
        break;
      if (h->ndirs < ARRAY_SIZE(h->dirs))
        h->dirs[h->ndirs++] = s;
    }
    h->files[h->nfiles++] = NULL; /* files count from 1 before DWARF 5 */
    for (;;) {
      const char *s = read_cstr(&r);
      if (!s || !*s)
        break;
      u32 dir = (u32)read_uleb(&r);
      read_uleb(&r);
      read_uleb(&r);
      if (h->nfiles < ARRAY_SIZE(h->files)) {
        h->file_dirs[h->nfiles] = dir;
        h->files[h->nfiles++] = s;
      }
    }
    return r.ok;
  }
  for (int pass = 0; pass < 2; pass++) {
    u64 formats[32];
    i64 nformats = (i64)read_fixed(&r, 1);
    if (nformats > 16)
      return false;
    for (i64 k = 0; k < 2 * nformats; k++)
      formats[k] = read_uleb(&r);
    u64 count = read_uleb(&r);
    for (u64 k = 0; r.ok && k < count; k++) {
      const char *path;
      u32 dir;
      if (!read_entry(d, &r, formats, nformats, &path, &dir))
        return false;
      if (pass == 0 && h->ndirs < ARRAY_SIZE(h->dirs))
        h->dirs[h->ndirs++] = path;
      else if (pass == 1 && h->nfiles < ARRAY_SIZE(h->files)) {
        h->file_dirs[h->nfiles] = dir;
        h->files[h->nfiles++] = path;
      }
    }
  }
  return r.ok;
}

/* A file of the table as GNU ld names it: joined to its directory, and that to the
 * compilation directory, unless already absolute. */
static const char *file_name(Ctx *ctx, const LineHeader *h, u64 file, const char *comp_dir) {
  if (file >= (u64)h->nfiles || !h->files[file])
    return NULL;
  const char *name = h->files[file];
  if (name[0] == '/')
    return name;
  if (!comp_dir && h->version >= 5 && h->ndirs)
    comp_dir = h->dirs[0]; /* DWARF 5 lists the compilation directory first */
  u32 di = h->file_dirs[file];
  const char *dir = di < h->ndirs && h->dirs[di] ? h->dirs[di] : comp_dir;
  if (dir && dir[0] != '/' && comp_dir && dir != comp_dir)
    dir = arena_sprintf(&ctx->arena, "%s/%s", comp_dir, dir);
  return dir ? arena_sprintf(&ctx->arena, "%s/%s", dir, name) : name;
}

/* Runs one unit's line program, looking for the row that covers (shndx, offset). */
static bool find_line(Debug *d, const LineHeader *h, u32 shndx, u64 offset, u64 *file,
                      u64 *line) {
  Reader r = reader(d->line.data, h->program, h->end);
  u64 addr = 0, cur_file = 1, cur_line = 1;
  u32 sec = 0;
  bool have_prev = false;
  u64 prev_addr = 0, prev_file = 0, prev_line = 0;
  /* A row closes the range the row before it opened. */
#define ROW()                                                                                      \
  do {                                                                                             \
    if (have_prev && sec == shndx && prev_addr <= offset && offset < addr) {                       \
      *file = prev_file;                                                                           \
      *line = prev_line;                                                                           \
      return true;                                                                                 \
    }                                                                                              \
    have_prev = true;                                                                              \
    prev_addr = addr, prev_file = cur_file, prev_line = cur_line;                                  \
  } while (0)
  while (r.ok && r.p < r.end) {
    u8 op = (u8)read_fixed(&r, 1);
    if (op >= h->opcode_base) {
      u8 adj = (u8)(op - h->opcode_base);
      addr += (u64)(adj / h->line_range) * h->min_inst;
      cur_line += (u64)((i64)(i8)h->line_base + adj % h->line_range);
      ROW();
      continue;
    }
    switch (op) {
    case 0: { /* extended */
      u64 len = read_uleb(&r);
      if (!r.ok || len == 0 || len > (u64)(r.end - r.p))
        return false;
      const u8 *next = r.p + len;
      u8 sub = (u8)read_fixed(&r, 1);
      if (sub == 1) { /* DW_LNE_end_sequence */
        ROW();
        have_prev = false;
        addr = 0, cur_file = 1, cur_line = 1, sec = 0;
      } else if (sub == 2 && len == 9) { /* DW_LNE_set_address */
        addr = dwarf_read_relocated(d, &d->line, &r, 8, &sec);
      }
      r.p = next;
      break;
    }
    case 1: /* DW_LNS_copy */
      ROW();
      break;
    case 2: /* DW_LNS_advance_pc */
      addr += read_uleb(&r) * h->min_inst;
      break;
    case 3: /* DW_LNS_advance_line */
      cur_line += (u64)read_sleb(&r);
      break;
    case 4: /* DW_LNS_set_file */
      cur_file = read_uleb(&r);
      break;
    case 8: /* DW_LNS_const_add_pc */
      addr += (u64)((255 - h->opcode_base) / h->line_range) * h->min_inst;
      break;
    case 9: /* DW_LNS_fixed_advance_pc */
      addr += read_fixed(&r, 2);
      break;
    default: /* operands of the others, counted in the header */
      for (u8 k = 0; k < h->std_lengths[op - 1]; k++)
        read_uleb(&r);
      break;
    }
  }
#undef ROW
  return false;
}

/* ---- variables in .debug_info ---- */

bool dwarf_read_abbrevs(Debug *d, u64 at, AbbrevVec *out) {
  Reader r = reader(d->abbrev.data, at, d->abbrev.size);
  for (;;) {
    u64 code = read_uleb(&r);
    if (!r.ok || code == 0)
      return r.ok;
    Abbrev a = {.code = code, .tag = read_uleb(&r)};
    a.children = read_fixed(&r, 1) != 0;
    a.specs = r.p;
    for (;;) {
      u64 attr = read_uleb(&r), form = read_uleb(&r);
      if (form == 0x21) /* DW_FORM_implicit_const */
        read_sleb(&r);
      if (!r.ok)
        return false;
      if (attr == 0 && form == 0)
        break;
    }
    vec_push(out, a);
  }
}

/* Reads one attribute value of the given form; constants and offsets come back in
 * *value, strings in *str, an expression or block in *block and *block_len. */
bool dwarf_read_form(Debug *d, Reader *r, const Unit *u, u64 form, i64 implicit, u64 *value,
                     const char **str, const u8 **block, u64 *block_len) {
  *value = 0, *str = NULL, *block = NULL, *block_len = 0;
  switch (form) {
  case 0x01: /* addr */
    *value = read_fixed(r, u->addr_size);
    break;
  case 0x0b: case 0x11: case 0x0c: case 0x25: case 0x29: /* data1 ref1 flag strx1 addrx1 */
    *value = read_fixed(r, 1);
    break;
  case 0x05: case 0x12: case 0x26: case 0x2a: /* data2 ref2 strx2 addrx2 */
    *value = read_fixed(r, 2);
    break;
  case 0x27: case 0x2b: /* strx3 addrx3 */
    *value = read_fixed(r, 3);
    break;
  case 0x06: case 0x13: case 0x28: case 0x2c: case 0x1c: case 0x1d: /* data4 ref4 strx4 addrx4 */
    *value = read_fixed(r, 4);
    break;
  case 0x07: case 0x14: case 0x20: /* data8 ref8 ref_sig8 */
    *value = read_fixed(r, 8);
    break;
  case 0x1e: /* data16 */
    skip(r, 16);
    break;
  case 0x0d: /* sdata */
    *value = (u64)read_sleb(r);
    break;
  case 0x0f: case 0x15: case 0x1a: case 0x1b: case 0x22: case 0x23: /* udata ref_udata strx addrx loclistx rnglistx */
    *value = read_uleb(r);
    break;
  case 0x08: /* string */
    *str = read_cstr(r);
    break;
  case 0x0e: /* strp */
    *str = string_at(&d->str, dwarf_read_relocated(d, &d->info, r, u->offset_size, NULL));
    break;
  case 0x1f: /* line_strp */
    *str = string_at(&d->line_str, dwarf_read_relocated(d, &d->info, r, u->offset_size, NULL));
    break;
  case 0x10: case 0x17: /* ref_addr sec_offset */
    *value = dwarf_read_relocated(
        d, &d->info, r, form == 0x10 && u->version == 2 ? u->addr_size : u->offset_size, NULL);
    break;
  case 0x0a: /* block1 */
    *block_len = read_fixed(r, 1);
    goto block;
  case 0x03: /* block2 */
    *block_len = read_fixed(r, 2);
    goto block;
  case 0x04: /* block4 */
    *block_len = read_fixed(r, 4);
    goto block;
  case 0x09: case 0x18: /* block exprloc */
    *block_len = read_uleb(r);
  block:
    *block = r->p;
    skip(r, *block_len);
    break;
  case 0x19: /* flag_present */
    *value = 1;
    break;
  case 0x21: /* implicit_const */
    *value = (u64)implicit;
    break;
  default:
    return false;
  }
  return r->ok;
}

const Abbrev *dwarf_find_abbrev(const AbbrevVec *abbrevs, u64 code) {
  for (i64 k = 0; k < abbrevs->len; k++)
    if (abbrevs->data[k].code == code)
      return &abbrevs->data[k];
  return NULL;
}

typedef struct VarMatch {
  u64 file, line;
  u64 stmt_list;
  const char *comp_dir;
  bool have_stmt_list;
} VarMatch;

/* The next unit of .debug_info: its header read, r left on its first DIE and its
 * abbreviations in *abbrevs (to be freed). False at the end or on a malformed unit. */
bool dwarf_next_unit(Debug *d, Reader *units, Unit *u, Reader *r, AbbrevVec *abbrevs) {
  while (units->ok && units->p < units->end) {
    *u = (Unit){.offset_size = 4, .offset = (u64)(units->p - units->base)};
    u64 len = read_fixed(units, 4);
    if (len == 0xffffffff) {
      len = read_fixed(units, 8);
      u->offset_size = 8;
    }
    if (!units->ok || len > (u64)(units->end - units->p))
      return false;
    *r = *units;
    r->end = units->p + len;
    units->p += len;
    u->size = (u64)(units->p - units->base) - u->offset;
    u->version = (int)read_fixed(r, 2);
    if (u->version < 2 || u->version > 5)
      continue;
    u64 abbrev_off;
    if (u->version >= 5) {
      u8 unit_type = (u8)read_fixed(r, 1);
      u->addr_size = (int)read_fixed(r, 1);
      abbrev_off = dwarf_read_relocated(d, &d->info, r, u->offset_size, NULL);
      if (unit_type != 1 /* DW_UT_compile */)
        continue;
    } else {
      abbrev_off = dwarf_read_relocated(d, &d->info, r, u->offset_size, NULL);
      u->addr_size = (int)read_fixed(r, 1);
    }
    if (!r->ok || (u->addr_size != 4 && u->addr_size != 8))
      continue;
    abbrevs->len = 0;
    if (dwarf_read_abbrevs(d, abbrev_off, abbrevs))
      return true;
  }
  return false;
}

/* Walks the DIEs of each unit for a variable whose location is DW_OP_addr of (shndx,
 * offset); or, with unit_of >= 0, reads only each unit's first DIE, to find the unit
 * whose line table is at offset unit_of (its compilation directory). */
static bool walk_units(Debug *d, u32 shndx, u64 offset, i64 unit_of, VarMatch *m) {
  Reader units = reader(d->info.data, 0, d->info.size), r;
  Unit u;
  AbbrevVec abbrevs = {0};
  bool found = false;
  while (!found && dwarf_next_unit(d, &units, &u, &r, &abbrevs)) {
    VarMatch cu = {0};
    bool first = true;
    while (r.ok && r.p < r.end && !found) {
      u64 code = read_uleb(&r);
      if (code == 0)
        continue; /* end of a list of children */
      const Abbrev *a = dwarf_find_abbrev(&abbrevs, code);
      if (!a)
        break;
      Reader specs = reader(a->specs, 0, (u64)(d->abbrev.data + d->abbrev.size - a->specs));
      u64 file = 0, line = 0;
      bool at_place = false, ok = true;
      for (;;) {
        u64 attr = read_uleb(&specs), form = read_uleb(&specs);
        i64 implicit = form == 0x21 ? read_sleb(&specs) : 0;
        if (!specs.ok || (attr == 0 && form == 0))
          break;
        u64 value, block_len;
        const char *str;
        const u8 *block;
        if (!dwarf_read_form(d, &r, &u, form, implicit, &value, &str, &block, &block_len)) {
          ok = false;
          break;
        }
        if (first && attr == 0x10 /* DW_AT_stmt_list */) {
          cu.stmt_list = value;
          cu.have_stmt_list = true;
        } else if (first && attr == 0x1b /* DW_AT_comp_dir */) {
          cu.comp_dir = str;
        } else if (attr == 0x3a /* DW_AT_decl_file */) {
          file = value;
        } else if (attr == 0x3b /* DW_AT_decl_line */) {
          line = value;
        } else if (attr == 0x02 && a->tag == 0x34 && block && block_len == 1 + (u64)u.addr_size &&
                   block[0] == 0x03 /* DW_OP_addr */) {
          Reader addr = reader(d->info.data, (u64)(block + 1 - d->info.data), d->info.size);
          u32 sec = 0;
          u64 where = dwarf_read_relocated(d, &d->info, &addr, u.addr_size, &sec);
          at_place = addr.ok && sec == shndx && where == offset;
        }
      }
      if (!ok)
        break;
      if (first && unit_of >= 0) {
        if (cu.have_stmt_list && cu.stmt_list == (u64)unit_of) {
          *m = cu;
          found = true;
        }
        break;
      }
      first = false;
      if (unit_of < 0 && at_place && line) {
        *m = cu;
        m->file = file;
        m->line = line;
        found = true;
      }
    }
  }
  free(abbrevs.data);
  return found;
}

bool source_position(Ctx *ctx, InputFile *f, u32 shndx, u64 offset, SourcePosition *out) {
  Debug d = {.f = f};
  d.info = dwarf_section(f, ".debug_info");
  d.line = dwarf_section(f, ".debug_line");
  if (!d.line.isec)
    return false;
  d.abbrev = dwarf_section(f, ".debug_abbrev");
  d.str = dwarf_section(f, ".debug_str");
  d.line_str = dwarf_section(f, ".debug_line_str");
  LineHeader *h = malloc(sizeof(LineHeader));
  if (!h)
    return false;
  bool found = false;
  bool have_info = d.info.isec && d.abbrev.isec;
  /* Code: the line tables, unit by unit (before DWARF 5, the compilation directory
   * that relative names start from is an attribute of the unit). */
  for (u64 at = 0; !found && at < d.line.size;) {
    if (!read_line_header(&d, at, h))
      break;
    u64 file, line;
    if (find_line(&d, h, shndx, offset, &file, &line)) {
      VarMatch unit = {0};
      if (h->version < 5 && have_info)
        walk_units(&d, 0, 0, (i64)at, &unit);
      const char *name = file_name(ctx, h, file, unit.comp_dir);
      if (name) {
        *out = (SourcePosition){name, line};
        found = true;
      }
    }
    at = h->end;
  }
  /* Data: a variable at that place, named in its unit's file table. */
  VarMatch m = {0};
  if (!found && have_info && walk_units(&d, shndx, offset, -1, &m) && m.have_stmt_list &&
      read_line_header(&d, m.stmt_list, h)) {
    const char *name = file_name(ctx, h, m.file, m.comp_dir);
    if (name) {
      *out = (SourcePosition){name, m.line};
      found = true;
    }
  }
  free(h);
  return found;
}
