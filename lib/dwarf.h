/* Reading an object's DWARF: the primitives dwarf.c (source positions for messages)
 * and gdb-index.c (--gdb-index) share. A Reader never reads past its end: a short or
 * malformed field clears ok and yields 0, so callers check ok once after a run of
 * reads. In an object file the addresses and section offsets are relocations, which
 * dwarf_read_relocated resolves against the sections they name. */
#ifndef RIVET_DWARF_H
#define RIVET_DWARF_H

#include "rivet.h"

typedef struct Reader {
  const u8 *base, *p, *end;
  bool ok;
} Reader;

static inline Reader reader(const u8 *base, u64 from, u64 to) {
  if (!base) /* an absent section reads as empty and failed */
    return (Reader){NULL, NULL, NULL, false};
  return (Reader){base, base + from, base + to, from <= to};
}

static inline u64 read_fixed(Reader *r, int n) {
  if (!r->ok || r->end - r->p < n) {
    r->ok = false;
    return 0;
  }
  u64 v = 0;
  for (int i = 0; i < n; i++)
    v |= (u64)r->p[i] << (8 * i);
  r->p += n;
  return v;
}

static inline u64 read_uleb(Reader *r) {
  u64 v = 0;
  for (int shift = 0; r->ok; shift += 7) {
    if (r->p >= r->end || shift > 63) {
      r->ok = false;
      return 0;
    }
    u8 b = *r->p++;
    v |= (u64)(b & 0x7f) << shift;
    if (!(b & 0x80))
      return v;
  }
  return 0;
}

static inline i64 read_sleb(Reader *r) {
  i64 v = 0;
  int shift = 0;
  for (; r->ok; shift += 7) {
    if (r->p >= r->end || shift > 63) {
      r->ok = false;
      return 0;
    }
    u8 b = *r->p++;
    v |= (i64)((u64)(b & 0x7f) << shift);
    if (!(b & 0x80)) {
      if (shift + 7 < 64 && (b & 0x40))
        v |= -((i64)1 << (shift + 7));
      return v;
    }
  }
  return 0;
}

static inline const char *read_cstr(Reader *r) {
  const u8 *nul = r->ok ? memchr(r->p, 0, (size_t)(r->end - r->p)) : NULL;
  if (!nul) {
    r->ok = false;
    return NULL;
  }
  const char *s = (const char *)r->p;
  r->p = nul + 1;
  return s;
}

static inline void skip(Reader *r, u64 n) {
  if (!r->ok || (u64)(r->end - r->p) < n)
    r->ok = false;
  else
    r->p += n;
}

/* One debug section of the object, with its relocations. */
typedef struct DebugSection {
  InputSection *isec;
  const u8 *data;
  u64 size;
} DebugSection;

typedef struct Debug {
  InputFile *f;
  DebugSection info, abbrev, line, str, line_str;
} Debug;

typedef struct Abbrev {
  u64 code, tag;
  bool children;
  const u8 *specs; /* (attribute, form[, implicit const]) pairs, ending with 0, 0 */
} Abbrev;

typedef VEC(Abbrev) AbbrevVec;

typedef struct Unit {
  int version, offset_size, addr_size;
  u64 offset, size; /* of the whole unit in .debug_info, its length field included */
} Unit;

/* The object's first section of that name with contents, or {0}. */
DebugSection dwarf_section(InputFile *f, const char *name);
/* An address or section offset of n bytes at r: its relocation's value (and the
 * section index it names, in *shndx if given; 0 if none) or the bytes themselves. */
u64 dwarf_read_relocated(Debug *d, const DebugSection *s, Reader *r, int n, u32 *shndx);
bool dwarf_read_abbrevs(Debug *d, u64 at, AbbrevVec *out);
const Abbrev *dwarf_find_abbrev(const AbbrevVec *abbrevs, u64 code);
bool dwarf_read_form(Debug *d, Reader *r, const Unit *u, u64 form, i64 implicit, u64 *value,
                     const char **str, const u8 **block, u64 *block_len);
/* The next compile unit of .debug_info: false at the end or on a malformed unit. */
bool dwarf_next_unit(Debug *d, Reader *units, Unit *u, Reader *r, AbbrevVec *abbrevs);

#endif
