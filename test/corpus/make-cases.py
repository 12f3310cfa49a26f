#!/usr/bin/env python3
"""make-cases.py BASE CASES: derives the malformed inputs of rivet's corpus.

BASE holds the good inputs make-corpus.sh compiled. Each case becomes a directory
CASES/NNNN-KIND holding every file its link reads, damaged or good, and a file "case":

    what: .symtab: sh_entsize = 0 (an Elf64_Sym is 24 bytes)
    expect: error
    culprit: victim.o
    flags: -static -e _start
    inputs: start.o victim.o

expect   error          ld.rivet must exit 1 with an error naming the culprit and
                        leave no output file
         error-or-link  the damage may be harmless (a random byte flip in unused
                        bytes, or a construct linkers accept): exit 0 with an output,
                        or exit 1 as for "error"; never a signal or a hang
         link           a control: the undamaged input, which must link
culprit  base name of the file the error must name; alternatives separated by '|'
flags    options before the inputs (run-corpus.sh adds -L CASEDIR and -o OUT)
inputs   in command-line order: names of files in the case directory, or options

Directory names carry only a number and the kind of damage, never a file name, so a
message that prints a full path cannot name the culprit by accident.

Everything is deterministic: damage is at fixed offsets or drawn from random.Random
with fixed seeds."""

import os
import random
import struct
import sys
import zlib

# ---------------------------------------------------------------------------------------
# ELF64 little-endian, just enough to find fields and patch them in place.

EHDR = {  # field: (offset in the header, struct format)
    "e_type": (16, "H"), "e_machine": (18, "H"), "e_version": (20, "I"), "e_entry": (24, "Q"),
    "e_phoff": (32, "Q"), "e_shoff": (40, "Q"), "e_flags": (48, "I"), "e_ehsize": (52, "H"),
    "e_phentsize": (54, "H"), "e_phnum": (56, "H"), "e_shentsize": (58, "H"),
    "e_shnum": (60, "H"), "e_shstrndx": (62, "H"),
}
SHDR = {
    "sh_name": (0, "I"), "sh_type": (4, "I"), "sh_flags": (8, "Q"), "sh_addr": (16, "Q"),
    "sh_offset": (24, "Q"), "sh_size": (32, "Q"), "sh_link": (40, "I"), "sh_info": (44, "I"),
    "sh_addralign": (48, "Q"), "sh_entsize": (56, "Q"),
}
SYM = {"st_name": (0, "I"), "st_info": (4, "B"), "st_other": (5, "B"), "st_shndx": (6, "H"),
       "st_value": (8, "Q"), "st_size": (16, "Q")}
RELA = {"r_offset": (0, "Q"), "r_info": (8, "Q"), "r_addend": (16, "q")}
VERDEF = {"vd_version": (0, "H"), "vd_flags": (2, "H"), "vd_ndx": (4, "H"), "vd_cnt": (6, "H"),
          "vd_hash": (8, "I"), "vd_aux": (12, "I"), "vd_next": (16, "I")}
CHDR = {"ch_type": (0, "I"), "ch_size": (8, "Q"), "ch_addralign": (16, "Q")}

SHT_PROGBITS, SHT_NOBITS, SHT_REL, SHT_SYMTAB_SHNDX = 1, 8, 9, 18
SHF_COMPRESSED = 0x800
SHN_XINDEX = 0xFFFF
STB_LOCAL = 0
R_X86_64_NONE, R_X86_64_PLT32 = 0, 4
R_X86_64_TLSGD, R_X86_64_TLSLD, R_X86_64_GOTPCRELX, R_X86_64_REX_GOTPCRELX = 19, 20, 41, 42
DT_NEEDED, DT_SONAME = 1, 14

U32 = 0xFFFFFFFF
U64 = 0xFFFFFFFFFFFFFFFF


def put(data, off, fmt, value):
    """data with the little-endian field at off replaced by value."""
    b = bytearray(data)
    struct.pack_into("<" + fmt, b, off, value)
    return bytes(b)


def get(data, off, fmt):
    return struct.unpack_from("<" + fmt, data, off)[0]


def cstr(data, off):
    end = data.index(b"\0", off)
    return data[off:end].decode("latin-1")


class Section:
    def __init__(self, elf, index):
        self.index = index
        self.hdr_off = elf.e_shoff + 64 * index
        for field, (off, fmt) in SHDR.items():
            setattr(self, field, get(elf.data, self.hdr_off + off, fmt))
        self.name = ""

    def field_off(self, field):
        return self.hdr_off + SHDR[field][0]

    @property
    def end(self):
        return self.sh_offset + self.sh_size


class Elf:
    def __init__(self, data):
        self.data = data
        for field, (off, fmt) in EHDR.items():
            setattr(self, field, get(data, off, fmt))
        self.sections = [Section(self, i) for i in range(self.e_shnum)]
        names = self.sections[self.e_shstrndx].sh_offset
        for s in self.sections:
            s.name = cstr(data, names + s.sh_name)

    def sec(self, name):
        for s in self.sections:
            if s.name == name:
                return s
        raise KeyError(name)

    def content(self, s):
        return self.data[s.sh_offset:s.end]

    def set_ehdr(self, field, value):
        off, fmt = EHDR[field]
        return put(self.data, off, fmt, value)

    def set_shdr(self, name, field, value, data=None):
        s = self.sec(name) if isinstance(name, str) else self.sections[name]
        return put(self.data if data is None else data, s.field_off(field), SHDR[field][1], value)

    def symbols(self, table=".symtab"):
        st = self.sec(table)
        strtab = self.sections[st.sh_link].sh_offset
        syms = []
        for i in range(st.sh_size // 24):
            off = st.sh_offset + 24 * i
            e = {f: get(self.data, off + o, fmt) for f, (o, fmt) in SYM.items()}
            e.update(index=i, off=off, name=cstr(self.data, strtab + e["st_name"]))
            syms.append(e)
        return syms

    def sym(self, name, table=".symtab"):
        return next(s for s in self.symbols(table) if s["name"] == name)

    def set_sym(self, name, field, value, table=".symtab"):
        s = self.sym(name, table) if isinstance(name, str) else self.symbols(table)[name]
        return put(self.data, s["off"] + SYM[field][0], SYM[field][1], value)

    def relas(self, name):
        s = self.sec(name)
        out = []
        for i in range(s.sh_size // 24):
            off = s.sh_offset + 24 * i
            r_offset, r_info, r_addend = struct.unpack_from("<QQq", self.data, off)
            out.append({"index": i, "off": off, "r_offset": r_offset, "sym": r_info >> 32,
                        "type": r_info & U32, "addend": r_addend})
        return out


def relayout(elf, headers_first, replace=None, append=(), null_shdr=None):
    """Re-serializes a relocatable object: the same sections in the same order, their
    data placed one after the other, the section header table first (right after the
    ELF header, and then .shstrtab's data first too, so that a cut file keeps all names)
    or last. replace maps a section index to new contents; append adds (header fields,
    contents) at the end; null_shdr sets fields of section 0."""
    replace = replace or {}
    hdrs = []
    datas = []
    for s in elf.sections:
        hdrs.append({f: getattr(s, f) for f in SHDR})
        datas.append(b"" if s.sh_type == SHT_NOBITS else elf.content(s))
    for fields, contents in append:
        hdrs.append(dict(fields))
        datas.append(contents)
    for i, contents in replace.items():
        datas[i] = contents
        hdrs[i]["sh_size"] = len(contents)
    hdrs[0].update(null_shdr or {})
    n = len(hdrs)
    out = bytearray(elf.data[:64])

    def pad(align):
        while len(out) % align:
            out.append(0)

    shoff = 0
    if headers_first:
        pad(8)
        shoff = len(out)
        out += bytes(64 * n)
    order = list(range(1, n))
    if headers_first:
        order.remove(elf.e_shstrndx)
        order.insert(0, elf.e_shstrndx)
    for i in order:
        h = hdrs[i]
        pad(max(1, min(h["sh_addralign"], 64)))
        h["sh_offset"] = len(out)
        if h["sh_type"] != SHT_NOBITS:
            out += datas[i]
    if not headers_first:
        pad(8)
        shoff = len(out)
        out += bytes(64 * n)
    for i, h in enumerate(hdrs):
        for f, (off, fmt) in SHDR.items():
            struct.pack_into("<" + fmt, out, shoff + 64 * i + off, h[f])
    struct.pack_into("<Q", out, 40, shoff)
    struct.pack_into("<H", out, 60, n)
    return bytes(out)


def add_shstrtab_name(elf, name):
    """(new .shstrtab contents, offset of name in it)."""
    sh = elf.sections[elf.e_shstrndx]
    old = elf.content(sh)
    return old + name.encode() + b"\0", len(old)


# ---------------------------------------------------------------------------------------
# GNU ar, written from scratch so that damaged members and indexes can be built.

def ar_header(name, size):
    """A member header as `ar D` writes it: zero dates and ids, mode 644; the symbol
    index has mode 0 and the long-name table only a size."""
    def field(value, width):
        return str(value).encode().ljust(width, b" ")[:width]
    if name == "//":
        return field(name, 48) + field(size, 10) + b"`\n"
    mode = 0 if name in ("/", "/SYM64/") else 644
    return field(name, 16) + field(0, 12) + field(0, 6) + field(0, 6) + field(mode, 8) + field(size, 10) + b"`\n"


def ar_archive(members, symbols, thin=False, sym64=False):
    """members: [(name, data)]; symbols: [(symbol name, member number)]. Long names go
    to the "//" table (all names in a thin archive, as GNU ar does)."""
    long_names = b""
    header_names = []
    for name, _ in members:
        if thin or len(name) > 15:
            header_names.append("/%d" % len(long_names))
            long_names += name.encode() + b"/\n"
        else:
            header_names.append(name + "/")
    long_names += b"\n" * (len(long_names) % 2)  # GNU ar counts the padding in the size
    word = 8 if sym64 else 4
    names = b"".join(s.encode() + b"\0" for s, _ in symbols)
    index_size = word + word * len(symbols) + len(names)
    index_size += index_size % 2
    off = 8 + 60 + index_size
    if long_names:
        off += 60 + len(long_names)
    member_offsets = []
    for (name, data) in members:
        member_offsets.append(off)
        off += 60 + (0 if thin else len(data) + len(data) % 2)
    fmt = ">Q" if sym64 else ">I"
    index = struct.pack(fmt, len(symbols))
    index += b"".join(struct.pack(fmt, member_offsets[m]) for _, m in symbols)
    index += names
    index = index.ljust(index_size, b"\0")
    out = b"!<thin>\n" if thin else b"!<arch>\n"
    out += ar_header("/SYM64/" if sym64 else "/", len(index)) + index
    if long_names:
        out += ar_header("//", len(long_names)) + long_names
    for hname, (name, data) in zip(header_names, members):
        out += ar_header(hname, len(data))
        if not thin:
            out += data + b"\n" * (len(data) % 2)
    return out


def ar_members(data):
    """[(header offset, name field, body offset, body size)] of a well-formed archive."""
    out = []
    off = 8
    while off < len(data):
        size = int(data[off + 48:off + 58])
        out.append((off, data[off:off + 16].rstrip(b" "), off + 60, size))
        off += 60 + size + size % 2
    return out


# ---------------------------------------------------------------------------------------
# The case directory writer.

class Corpus:
    def __init__(self, base, out):
        self.base = base
        self.out = out
        self.n = 0
        self.counts = {}
        self._base_cache = {}

    def base_file(self, name):
        if name not in self._base_cache:
            with open(os.path.join(self.base, name), "rb") as f:
                self._base_cache[name] = f.read()
        return self._base_cache[name]

    def add(self, kind, what, inputs, flags, files=None, extra=(), expect="error", culprit=None,
            dirs=()):
        """inputs: command-line order; names not in files are copied from BASE, as are
        extra (files read but not named on the command line); dirs: directories to
        create in place of a file."""
        files = dict(files or {})
        self.n += 1
        self.counts[kind] = self.counts.get(kind, 0) + 1
        case_dir = os.path.join(self.out, "%04d-%s" % (self.n, kind))
        os.makedirs(case_dir)
        file_inputs = [i for i in inputs if not i.startswith("-")]
        for name in list(file_inputs) + list(extra):
            if name not in files and name not in dirs:
                files[name] = self.base_file(name)
        for name, data in files.items():
            if data is None:
                continue  # deliberately missing
            with open(os.path.join(case_dir, name), "wb") as f:
                f.write(data)
        for d in dirs:
            os.makedirs(os.path.join(case_dir, d))
        if culprit is None:
            culprit = file_inputs[-1]
        assert all(c not in case_dir for c in culprit.split("|"))
        assert "\n" not in what
        with open(os.path.join(case_dir, "case"), "w") as f:
            f.write("# Case %04d of rivet's malformed-input corpus (test/corpus).\n" % self.n)
            f.write("what: %s\n" % what)
            f.write("expect: %s\n" % expect)
            f.write("culprit: %s\n" % culprit)
            f.write("flags: %s\n" % " ".join(flags))
            f.write("inputs: %s\n" % " ".join(inputs))


# The link setups. Each names the file that gets damaged last among its inputs.
STATIC = ["-static", "-e", "_start"]
DYNAMIC = ["-e", "_start"]


def obj_case(c, kind, what, data, expect="error", before=()):
    c.add(kind, what, ["start.o", *before, "victim.o"], STATIC, {"victim.o": data}, expect=expect)


def ar_case(c, kind, what, data, expect="error", culprit="libvictim.a"):
    c.add(kind, what, ["start.o", "libvictim.a"], STATIC, {"libvictim.a": data}, expect=expect,
          culprit=culprit)


def so_case(c, kind, what, data, expect="error", flags=()):
    c.add(kind, what, ["start.o", "usesso.o", "libvictim.so"], DYNAMIC + list(flags),
          {"libvictim.so": data}, expect=expect)


GLIBC_STYLE_SCRIPT = (b"/* GNU ld script\n"
                      b"   Use the shared library, but some functions are only in\n"
                      b"   the static library, so try that secondarily.  */\n"
                      b"OUTPUT_FORMAT(elf64-x86-64)\n"
                      b"GROUP ( libparts.a  AS_NEEDED ( libvictim.so ) )\n")


def script_case(c, what, text, expect="error", more=None, culprit="victim.lds", kind="script"):
    files = {"victim.lds": text, "libparts.a": c.base_file("libvictim.a")}
    files.update(more or {})
    c.add(kind, what, ["start.o", "victim.lds"], DYNAMIC, files, extra=["libvictim.so"],
          expect=expect, culprit=culprit)


# ---------------------------------------------------------------------------------------
# Controls: the undamaged inputs link. If one fails, the cases derived from it test
# nothing, so run-corpus.sh reports them like any other case.

def controls(c, obj, hf, gz):
    obj_case(c, "control", "undamaged object (data, TLS, COMDAT, .eh_frame, debug info)", obj.data,
             expect="link")
    obj_case(c, "control", "the same object re-laid out with the section headers first", hf,
             expect="link")
    obj_case(c, "control", "the same object with zlib-compressed debug sections", gz.data,
             expect="link")
    obj_case(c, "control", "a second copy of the COMDAT group precedes the object", obj.data,
             expect="link", before=["comdat-first.o"])
    c.add("control", "archive with a symbol index and a long-name table", ["start.o", "libvictim.a"],
          STATIC, expect="link")
    c.add("control", "thin archive", ["start.o", "libthin.a"], STATIC,
          extra=["member-main.o", "member-helper-with-a-long-file-name.o"], expect="link")
    c.add("control", "shared object built by ld.bfd with version definitions",
          ["start.o", "usesso.o", "libvictim.so"], DYNAMIC, expect="link")
    script_case(c, "glibc-style GROUP script naming an archive and AS_NEEDED shared object",
                GLIBC_STYLE_SCRIPT, expect="link", kind="control")


# ---------------------------------------------------------------------------------------
# Truncation.

def truncations_obj(c, obj, hf):
    data = obj.data
    points = {}

    def at(off, where):
        if 0 <= off < len(data) and off not in points:
            points[off] = where

    for field, (off, _) in sorted(EHDR.items(), key=lambda kv: kv[1][0]):
        at(off, "in the ELF header before %s" % field)
    for off, where in ((0, "empty file"), (1, "one byte"), (4, "just the magic"),
                       (5, "ELF header before EI_DATA"), (6, "ELF header before EI_VERSION"),
                       (63, "one byte short of the ELF header"), (64, "just the ELF header")):
        at(off, where)
    for name in (".text", ".symtab", ".strtab", ".rela.text", ".eh_frame", ".debug_info"):
        s = obj.sec(name)
        at(s.sh_offset + s.sh_size // 2, "in the middle of %s" % name)
    for s in obj.sections:
        at(s.hdr_off, "section header table before entry %d (%s)" % (s.index, s.name or "null"))
    for i in (0, 1, obj.e_shstrndx, len(obj.sections) - 1):
        at(obj.sections[i].hdr_off + 32, "in the middle of section header %d" % i)
    at(len(data) - 1, "one byte short of the end")
    for off in sorted(points):
        obj_case(c, "trunc-obj", "object cut at 0x%x of 0x%x: %s" % (off, len(data), points[off]),
                 data[:off])

    # With the header table first, a cut keeps the headers and loses section data, so
    # every section's "past the end of the file" path is reached.
    h = Elf(hf)
    points = {}
    for s in h.sections[1:]:
        if s.sh_type == SHT_NOBITS or s.sh_size == 0:
            continue
        for off, where in ((s.sh_offset, "at the start of"), (s.sh_offset + s.sh_size // 2,
                           "in the middle of"), (s.end - 1, "at the last byte of")):
            if off < len(hf) and off not in points:
                points[off] = "%s %s" % (where, s.name)
    points.setdefault(h.e_shoff + 64 * 7 + 8, "inside the section header table")
    for off in sorted(points):
        obj_case(c, "trunc-obj-hf", "headers-first object cut at 0x%x of 0x%x: %s" %
                 (off, len(hf), points[off]), hf[:off])


def truncations_so(c, so):
    data = so.data
    points = {}

    def at(off, where):
        if 0 <= off < len(data) and off not in points:
            points[off] = where

    at(32, "in the ELF header")
    at(64, "just the ELF header")
    for i in range(so.e_phnum):
        at(so.e_phoff + 56 * i + 24, "in program header %d" % i)
    for name in (".gnu.hash", ".dynsym", ".dynstr", ".gnu.version", ".gnu.version_d", ".text",
                 ".dynamic", ".data", ".symtab", ".shstrtab"):
        s = so.sec(name)
        at(s.sh_offset, "at the start of %s" % name)
        at(s.sh_offset + s.sh_size // 2, "in the middle of %s" % name)
    for i in (0, 3, len(so.sections) // 2, len(so.sections) - 1):
        at(so.sections[i].hdr_off, "section header table before entry %d" % i)
    at(len(data) - 1, "one byte short of the end")
    for off in sorted(points):
        so_case(c, "trunc-so", "shared object cut at 0x%x of 0x%x: %s" % (off, len(data), points[off]),
                data[:off])


def truncations_ar(c, ar):
    members = ar_members(ar)
    # Cut right after the magic, an archive is empty, which is valid.
    points = {4: "in the magic string"}
    for hdr, name, body, size in members:
        label = name.decode()
        points.setdefault(hdr + 30, "in the header of member %s" % label)
        points.setdefault(hdr + 50, "in the size field of member %s" % label)
        points.setdefault(body, "after the header of member %s" % label)
        points.setdefault(body + size // 2, "in the middle of member %s" % label)
        points.setdefault(body + size - 1, "one byte short of the end of member %s" % label)
    for off in sorted(points):
        if off < len(ar):
            ar_case(c, "trunc-ar", "archive cut at 0x%x of 0x%x: %s" % (off, len(ar), points[off]),
                    ar[:off])


# ---------------------------------------------------------------------------------------
# ELF header fields.

def ehdr_fields(c, obj):
    d = obj.data
    n = len(obj.sections)
    size = len(d)
    cases = [
        (d[:3] + b"G" + d[4:], "magic \\x7fELG"),
        (put(d, 4, "B", 0), "e_ident[EI_CLASS] = ELFCLASSNONE"),
        (put(d, 4, "B", 1), "e_ident[EI_CLASS] = ELFCLASS32 in a 64-bit file"),
        (put(d, 4, "B", 3), "e_ident[EI_CLASS] = 3 (undefined)"),
        (put(d, 4, "B", 0xFF), "e_ident[EI_CLASS] = 0xff"),
        (put(d, 5, "B", 0), "e_ident[EI_DATA] = ELFDATANONE"),
        (put(d, 5, "B", 2), "e_ident[EI_DATA] = ELFDATA2MSB in a little-endian file"),
        (put(d, 5, "B", 3), "e_ident[EI_DATA] = 3 (undefined)"),
        (put(d, 6, "B", 0), "e_ident[EI_VERSION] = EV_NONE"),
        (put(d, 6, "B", 2), "e_ident[EI_VERSION] = 2 (only EV_CURRENT = 1 exists)"),
        (obj.set_ehdr("e_type", 0), "e_type = ET_NONE"),
        (obj.set_ehdr("e_type", 2), "e_type = ET_EXEC on a relocatable object"),
        (obj.set_ehdr("e_type", 3), "e_type = ET_DYN on a relocatable object (static link)"),
        (obj.set_ehdr("e_type", 4), "e_type = ET_CORE"),
        (obj.set_ehdr("e_type", 0xFE00), "e_type = 0xfe00 (ET_LOOS)"),
        (obj.set_ehdr("e_type", 0xFFFF), "e_type = 0xffff (ET_HIPROC)"),
        (obj.set_ehdr("e_machine", 0), "e_machine = EM_NONE"),
        (obj.set_ehdr("e_machine", 3), "e_machine = EM_386"),
        (obj.set_ehdr("e_machine", 183), "e_machine = EM_AARCH64"),
        (obj.set_ehdr("e_machine", 0xFFFF), "e_machine = 0xffff"),
        (obj.set_ehdr("e_shoff", 0), "e_shoff = 0 with e_shnum %d" % n),
        (obj.set_ehdr("e_shoff", 1), "e_shoff = 1 (inside the ELF header)"),
        (obj.set_ehdr("e_shoff", obj.e_shoff + 1), "e_shoff off by one (misaligned table)"),
        (obj.set_ehdr("e_shoff", size), "e_shoff = file size"),
        (obj.set_ehdr("e_shoff", size - 64), "e_shoff = file size - 64 (one entry fits)"),
        (obj.set_ehdr("e_shoff", 1 << 63), "e_shoff = 2^63"),
        (obj.set_ehdr("e_shoff", U64 - 63), "e_shoff = 2^64 - 64 (offset + size wraps)"),
        (obj.set_ehdr("e_shoff", U64), "e_shoff = 2^64 - 1"),
        (obj.set_ehdr("e_shnum", 0), "e_shnum = 0 and section 0 sh_size = 0: no sections"),
        (obj.set_ehdr("e_shnum", 1), "e_shnum = 1: only the null section"),
        (obj.set_ehdr("e_shnum", n - 1), "e_shnum one short (.shstrtab entry cut off)"),
        (obj.set_ehdr("e_shnum", n + 1), "e_shnum one too many (table past the end of file)"),
        (obj.set_ehdr("e_shnum", 0xFF00), "e_shnum = 0xff00"),
        (obj.set_ehdr("e_shnum", 0xFFFF), "e_shnum = 0xffff"),
        (obj.set_ehdr("e_shentsize", 0), "e_shentsize = 0"),
        (obj.set_ehdr("e_shentsize", 32), "e_shentsize = 32"),
        (obj.set_ehdr("e_shentsize", 63), "e_shentsize = 63"),
        (obj.set_ehdr("e_shentsize", 65), "e_shentsize = 65"),
        (obj.set_ehdr("e_shentsize", 128), "e_shentsize = 128"),
        (obj.set_ehdr("e_shstrndx", 0), "e_shstrndx = 0 (SHN_UNDEF)"),
        (obj.set_ehdr("e_shstrndx", n), "e_shstrndx = e_shnum"),
        (obj.set_ehdr("e_shstrndx", 0xFEFF), "e_shstrndx = 0xfeff"),
        (obj.set_ehdr("e_shstrndx", obj.sec(".text").index), "e_shstrndx names .text"),
        (obj.set_ehdr("e_shstrndx", obj.sec(".symtab").index), "e_shstrndx names .symtab"),
    ]
    # Section 0 holds the real e_shnum / e_shstrndx when they do not fit (gABI "Extended
    # section indices").
    x = obj.set_ehdr("e_shstrndx", SHN_XINDEX)
    for link, why in ((0, "0"), (n, "e_shnum"), (U32, "0xffffffff"),
                      (obj.sec(".text").index, ".text")):
        cases.append((obj.set_shdr(0, "sh_link", link, x),
                      "e_shstrndx = SHN_XINDEX and section 0 sh_link = %s" % why))
    z = obj.set_ehdr("e_shnum", 0)
    for count, why in ((n + 1, "e_shnum + 1"), (0x10000000, "0x10000000"), (U64, "2^64 - 1")):
        cases.append((obj.set_shdr(0, "sh_size", count, z),
                      "e_shnum = 0 and section 0 sh_size = %s" % why))
    for data, what in cases:
        obj_case(c, "ehdr", what, data)


# ---------------------------------------------------------------------------------------
# Section header fields.

def shdr_fields(c, obj):
    size = len(obj.data)
    n = len(obj.sections)
    cases = []
    for name in (".text", ".data", ".tdata", ".rodata.str1.1", ".eh_frame", ".debug_info",
                 ".symtab", ".strtab", ".rela.text", ".shstrtab", ".group"):
        for value, why in ((size, "file size"), (size - 1, "file size - 1"), (1 << 63, "2^63"),
                           (U64 - 15, "2^64 - 16 (offset + size wraps)")):
            cases.append((obj.set_shdr(name, "sh_offset", value), "%s: sh_offset = %s" % (name, why)))
        for value, why in ((size, "file size"), (1 << 63, "2^63"), (U64, "2^64 - 1")):
            cases.append((obj.set_shdr(name, "sh_size", value), "%s: sh_size = %s" % (name, why)))
    for name in (".bss", ".tbss"):
        for value, why in ((1 << 63, "2^63"), (U64, "2^64 - 1")):
            cases.append((obj.set_shdr(name, "sh_size", value),
                          "%s (SHT_NOBITS): sh_size = %s, beyond any address space" % (name, why)))
    for name in (".text", ".symtab", ".debug_info"):
        strsize = obj.sections[obj.e_shstrndx].sh_size
        for value, why in ((strsize, "size of .shstrtab"), (U32, "0xffffffff")):
            cases.append((obj.set_shdr(name, "sh_name", value), "%s: sh_name = %s" % (name, why)))
    for name, values in ((".text", (3, 6, 1 << 48, 1 << 63)), (".data", (12,)), (".bss", (1 << 63,)),
                         (".tdata", (7,)), (".eh_frame", (3,)), (".debug_info", (5, 1 << 32))):
        for value in values:
            cases.append((obj.set_shdr(name, "sh_addralign", value),
                          "%s: sh_addralign = 0x%x" % (name, value)))
    # .symtab: link, info, entry size.
    for value, why in ((0, "0"), (n, "e_shnum"), (U32, "0xffffffff"), (obj.sec(".text").index, ".text"),
                       (obj.sec(".symtab").index, "itself")):
        cases.append((obj.set_shdr(".symtab", "sh_link", value), ".symtab: sh_link = %s" % why))
    for value in (0, 1, 23, 25, 48):
        cases.append((obj.set_shdr(".symtab", "sh_entsize", value), ".symtab: sh_entsize = %d" % value))
    sy = obj.sec(".symtab")
    cases.append((obj.set_shdr(".symtab", "sh_size", sy.sh_size - 1),
                  ".symtab: sh_size not a multiple of 24"))
    cases.append((obj.set_shdr(".strtab", "sh_type", SHT_PROGBITS),
                  ".strtab: sh_type = SHT_PROGBITS, so .symtab's sh_link is not a string table"))
    # .rela.text: link, info, entry size, type.
    for value, why in ((n, "e_shnum"), (U32, "0xffffffff")):
        cases.append((obj.set_shdr(".rela.text", "sh_link", value), ".rela.text: sh_link = %s" % why))
    # In range but not the symbol table: linkers that know the file has one symbol
    # table need not look (ld.bfd and lld do not).
    for value, why in ((0, "0"), (obj.sec(".strtab").index, ".strtab")):
        cases.append((obj.set_shdr(".rela.text", "sh_link", value), ".rela.text: sh_link = %s" % why,
                      "error-or-link"))
    for value, why in ((n, "e_shnum"), (U32, "0xffffffff"), (obj.sec(".rela.text").index, "itself"),
                       (obj.sec(".symtab").index, ".symtab"), (obj.sec(".bss").index, ".bss (SHT_NOBITS)")):
        cases.append((obj.set_shdr(".rela.text", "sh_info", value), ".rela.text: sh_info = %s" % why))
    for value in (0, 16, 23, 48):
        cases.append((obj.set_shdr(".rela.text", "sh_entsize", value),
                      ".rela.text: sh_entsize = %d" % value))
    rt = obj.sec(".rela.text")
    cases.append((obj.set_shdr(".rela.text", "sh_size", rt.sh_size - 1),
                  ".rela.text: sh_size not a multiple of 24"))
    cases.append((obj.set_shdr(".rela.text", "sh_type", SHT_REL),
                  ".rela.text: sh_type = SHT_REL (x86-64 uses RELA)"))
    # Found by fuzzing: a non-allocated SHT_NOBITS section of 128 GiB with SHF_MERGE made a
    # 128 GiB output file (the disk filled up); mold refuses mergeable sections this large.
    nobits = obj.set_shdr(".comment", "sh_type", SHT_NOBITS)
    cases.append((obj.set_shdr(".comment", "sh_size", 128 << 30, data=nobits),
                  ".comment: SHT_NOBITS, SHF_MERGE, sh_size = 128 GiB (fuzz finding)"))
    cases.append((obj.set_shdr(".rodata.str1.1", "sh_entsize", U64),
                  ".rodata.str1.1: sh_entsize = 2^64 - 1, past the section (offsets wrap)"))
    # Found by fuzzing: a mergeable .comment of an unknown (OS-specific) type was neither
    # merged nor placed, and a debug relocation against it read a missing output section.
    cases.append((obj.set_shdr(".comment", "sh_type", 0x6fff0001),
                  ".comment: sh_type = 0x6fff0001 (unknown), still SHF_MERGE (fuzz finding)",
                  "error-or-link"))
    for data, what, *expect in cases:
        obj_case(c, "shdr", what, data, *expect)


# ---------------------------------------------------------------------------------------
# SHT_GROUP.

def groups(c, obj):
    g = obj.sec(".group")
    n = len(obj.sections)
    nsyms = obj.sec(".symtab").sh_size // 24
    member = g.sh_offset + 4
    cases = [
        (put(obj.data, member, "I", 0), "member index 0 (SHN_UNDEF)"),
        (put(obj.data, member, "I", n), "member index e_shnum"),
        (put(obj.data, member, "I", U32), "member index 0xffffffff"),
        (put(obj.data, member, "I", g.index), "the group lists itself as a member"),
        (obj.set_shdr(".group", "sh_size", 7), "sh_size = 7, not a multiple of 4"),
        (obj.set_shdr(".group", "sh_size", 9), "sh_size = 9, not a multiple of 4"),
        (obj.set_shdr(".group", "sh_size", 0), "sh_size = 0 (no flag word)"),
        (obj.set_shdr(".group", "sh_info", nsyms), "sh_info (signature symbol) = symbol count"),
        (obj.set_shdr(".group", "sh_info", U32), "sh_info (signature symbol) = 0xffffffff"),
        (obj.set_shdr(".group", "sh_link", obj.sec(".text").index), "sh_link = .text, not a symbol table"),
        (obj.set_shdr(".group", "sh_link", n), "sh_link = e_shnum"),
    ]
    for data, what in cases:
        obj_case(c, "group", ".group: " + what, data)
    # The same damage where the group is the discarded duplicate.
    for data, what in cases[:7]:
        obj_case(c, "group", ".group (a duplicate, discarded): " + what, data,
                 before=["comdat-first.o"])


# ---------------------------------------------------------------------------------------
# SHF_COMPRESSED sections (gABI "Compressed Sections"): an Elf64_Chdr, then the stream.

def compressed(c, gz):
    s = gz.sec(".debug_info")
    assert s.sh_flags & SHF_COMPRESSED
    chdr = s.sh_offset
    real_size = get(gz.data, chdr + 8, "Q")
    stream = s.sh_offset + 24
    stream_len = s.sh_size - 24
    d = gz.data

    def chdr_put(field, value):
        return put(d, chdr + CHDR[field][0], CHDR[field][1], value)

    def xor(data, off, n):
        b = bytearray(data)
        for i in range(n):
            b[off + i] ^= 0xFF
        return bytes(b)

    # A stream that inflates to 64 MiB, announced as 100 bytes.
    bomb = zlib.compress(bytes(64 << 20), 9)
    bomb_sec = struct.pack("<IIQQ", 1, 0, 100, 1) + bomb
    bomb_obj = relayout(gz, False, replace={s.index: bomb_sec})
    zstd_sec = struct.pack("<IIQQ", 2, 0, real_size, 1) + b"\x28\xb5\x2f\xfd" + bytes(range(64))
    zstd_obj = relayout(gz, False, replace={s.index: zstd_sec})
    # Found by fuzzing: a zstd frame header whose content size agrees with a 32 GiB
    # ch_size (single-segment frame, 8-byte Frame_Content_Size); rivet allocated first.
    huge = 32 << 30
    zstd_huge_sec = (struct.pack("<IIQQ", 2, 0, huge, 1) + b"\x28\xb5\x2f\xfd" + b"\xe0" +
                     struct.pack("<Q", huge) + bytes(32))
    zstd_huge_obj = relayout(gz, False, replace={s.index: zstd_huge_sec})
    cases = [
        (chdr_put("ch_type", 0), "ch_type = 0"),
        (chdr_put("ch_type", 3), "ch_type = 3 (unknown)"),
        (chdr_put("ch_type", U32), "ch_type = 0xffffffff"),
        (chdr_put("ch_size", 1 << 63), "ch_size = 2^63"),
        (chdr_put("ch_size", 1 << 40), "ch_size = 2^40 (1 TiB)"),
        (chdr_put("ch_size", (1 << 31) - 1), "ch_size = 2^31 - 1 (stream is much shorter)"),
        (chdr_put("ch_size", real_size + 1), "ch_size one more than the stream inflates to"),
        (chdr_put("ch_size", real_size - 1), "ch_size one less than the stream inflates to"),
        (chdr_put("ch_size", 0), "ch_size = 0"),
        (chdr_put("ch_addralign", 3), "ch_addralign = 3"),
        # Only the output's file offset of a non-allocated section depends on it; ld.bfd
        # and lld accept it.
        (chdr_put("ch_addralign", 1 << 63), "ch_addralign = 2^63", "error-or-link"),
        (put(d, stream, "B", 0), "zlib header byte (CMF) = 0"),
        (xor(d, stream + stream_len // 2, 8), "8 bytes in the middle of the zlib stream inverted"),
        (xor(d, stream + stream_len - 4, 4), "zlib Adler-32 checksum inverted"),
        (gz.set_shdr(".debug_info", "sh_size", 24 + stream_len // 2), "zlib stream cut in half"),
        (gz.set_shdr(".debug_info", "sh_size", 10), "sh_size = 10, shorter than Elf64_Chdr"),
        (gz.set_shdr(".debug_info", "sh_size", 24), "sh_size = 24: Elf64_Chdr and no stream"),
        (bomb_obj, "zlib stream inflating to 64 MiB with ch_size = 100"),
        (zstd_obj, "ch_type = ELFCOMPRESS_ZSTD with a corrupt frame"),
        (zstd_huge_obj, "zstd frame and ch_size both claim 32 GiB (fuzz finding)"),
    ]
    for data, what, *expect in cases:
        obj_case(c, "zlib", "compressed .debug_info: " + what, data, *expect)
    for name, why in ((".text", "code bytes read as Elf64_Chdr"), (".data", "8 bytes, shorter than Elf64_Chdr"),
                      (".bss", "SHT_NOBITS, which has no contents")):
        s2 = gz.sec(name)
        obj_case(c, "zlib", "%s: SHF_COMPRESSED set on an allocated section (%s)" % (name, why),
                 gz.set_shdr(name, "sh_flags", s2.sh_flags | SHF_COMPRESSED))


# ---------------------------------------------------------------------------------------
# Symbol table entries.

def symbols(c, obj):
    st = obj.sec(".symtab")
    nsyms = st.sh_size // 24
    first_global = st.sh_info
    strsize = obj.sec(".strtab").sh_size
    n = len(obj.sections)
    cases = []
    for name in ("tls_local", "entry_main", "__tls_get_addr"):
        for value, why in ((strsize, "size of .strtab"), (U32, "0xffffffff")):
            cases.append((obj.set_sym(name, "st_name", value), "%s: st_name = %s" % (name, why)))
    for name in ("names", "entry_main", "bss_array"):
        for value, why in ((n, "e_shnum"), (0xFEFF, "0xfeff (below SHN_LORESERVE)"),
                           (SHN_XINDEX, "SHN_XINDEX without a SHT_SYMTAB_SHNDX section")):
            cases.append((obj.set_sym(name, "st_shndx", value), "%s: st_shndx = %s" % (name, why)))
    sec_sym = next(s for s in obj.symbols() if s["name"] == "" and s["st_info"] & 0xF == 3)
    cases.append((obj.set_sym(sec_sym["index"], "st_shndx", n + 3),
                  "section symbol %d: st_shndx = e_shnum + 3" % sec_sym["index"]))
    for value, why in ((nsyms + 1, "symbol count + 1"), (U32, "0xffffffff"),
                       (0, "0 (symbol 0 is always local)"),
                       (first_global - 1, "one less: the last local lies among the globals"),
                       (first_global + 1, "one more: the first global lies among the locals")):
        cases.append((obj.set_shdr(".symtab", "sh_info", value), ".symtab: sh_info = %s" % why))
    # Found by fuzzing: a common symbol's alignment (its st_value) of 0x7a00000000, not
    # a power of two, made rivet reserve tens of GB of disk for the output.
    common = obj.set_sym("bss_array", "st_shndx", 0xFFF2)
    for value, why in ((0x7a00000000, "0x7a00000000 (not a power of two; fuzz finding)"),
                       (1 << 40, "2^40 (too large)"), (24, "24 (not a power of two)")):
        data = put(common, obj.sym("bss_array")["off"] + SYM["st_value"][0], "Q", value)
        cases.append((data, "bss_array made SHN_COMMON with alignment %s" % why))
    common = put(common, obj.sym("bss_array")["off"] + SYM["st_value"][0], "Q", 8)
    cases.append((put(common, obj.sym("bss_array")["off"] + SYM["st_size"][0], "Q", 1 << 60),
                  "bss_array made SHN_COMMON with st_size = 2^60"))
    em = obj.sym("entry_main")
    cases.append((obj.set_sym("entry_main", "st_info", (STB_LOCAL << 4) | (em["st_info"] & 0xF)),
                  "entry_main: STB_LOCAL after the first global"))
    # A second SHT_SYMTAB (gABI: at most one per file).
    names, off = add_shstrtab_name(obj, ".symtab2")
    fields = {f: getattr(st, f) for f in SHDR}
    fields["sh_name"] = off
    second = relayout(obj, False, replace={obj.e_shstrndx: names}, append=[(fields, obj.content(st))])
    # gABI allows one; ld.bfd warns and ignores the second, lld ignores it silently.
    cases.append((second, "a second SHT_SYMTAB section", "error-or-link"))
    for data, what, *expect in cases:
        obj_case(c, "sym", what, data, *expect)


def extended_indexes(c, obj):
    """SHT_SYMTAB_SHNDX: every defined symbol's st_shndx moved to the extension table."""
    st = obj.sec(".symtab")
    nsyms = st.sh_size // 24
    symtab = bytearray(obj.content(st))
    shndx = bytearray(4 * nsyms)
    for s in obj.symbols():
        if 0 < s["st_shndx"] < 0xFF00:
            struct.pack_into("<I", shndx, 4 * s["index"], s["st_shndx"])
            struct.pack_into("<H", symtab, 24 * s["index"] + 6, SHN_XINDEX)
    names, off = add_shstrtab_name(obj, ".symtab_shndx")
    fields = {"sh_name": off, "sh_type": SHT_SYMTAB_SHNDX, "sh_flags": 0, "sh_addr": 0, "sh_offset": 0,
              "sh_size": len(shndx), "sh_link": st.index, "sh_info": 0, "sh_addralign": 4,
              "sh_entsize": 4}

    def build(table=bytes(shndx), **changes):
        f = dict(fields, sh_size=len(table))
        f.update(changes)
        return relayout(obj, False, replace={obj.e_shstrndx: names, st.index: bytes(symtab)},
                        append=[(f, table)])

    good = build()
    obj_case(c, "control", "section indexes of all defined symbols in SHT_SYMTAB_SHNDX", good,
             expect="link")
    n = len(obj.sections) + 1
    em = obj.sym("entry_main")["index"]
    bad_entry = bytearray(shndx)
    struct.pack_into("<I", bad_entry, 4 * em, n)
    huge_entry = bytearray(shndx)
    struct.pack_into("<I", huge_entry, 4 * em, U32)
    cases = [
        (build(table=bytes(shndx[:-4])), "SHT_SYMTAB_SHNDX one entry shorter than .symtab"),
        (build(table=bytes(shndx[:4])), "SHT_SYMTAB_SHNDX with one entry"),
        (build(table=bytes(bad_entry)), "entry_main's extended index = e_shnum"),
        (build(table=bytes(huge_entry)), "entry_main's extended index = 0xffffffff"),
        (build(sh_link=obj.sec(".text").index), "SHT_SYMTAB_SHNDX sh_link names .text, not .symtab"),
        (build(sh_type=SHT_PROGBITS), "symbols use SHN_XINDEX but the table is SHT_PROGBITS"),
    ]
    for data, what in cases:
        obj_case(c, "xindex", what, data)


# ---------------------------------------------------------------------------------------
# Strings without a NUL terminator, and SHF_MERGE sections that cannot be split.

def strings(c, obj):
    def last_byte(name, value=b"X"):
        s = obj.sec(name)
        return obj.data[:s.end - 1] + value + obj.data[s.end:]

    for name in (".strtab", ".shstrtab", ".rodata.str1.1", ".debug_str", ".comment"):
        obj_case(c, "strtab", "%s: last byte not NUL (string runs off the end)" % name, last_byte(name))
    cst = obj.sec(".rodata.cst8")
    obj_case(c, "strtab", ".rodata.cst8 (SHF_MERGE, entsize 8): sh_size 0x%x not a multiple of 8" %
             (cst.sh_size - 4), obj.set_shdr(".rodata.cst8", "sh_size", cst.sh_size - 4))
    obj_case(c, "strtab", ".rodata.str1.1 (SHF_MERGE|SHF_STRINGS): sh_entsize = 2 with odd sh_size",
             obj.set_shdr(".rodata.str1.1", "sh_entsize", 2))


# ---------------------------------------------------------------------------------------
# Relocation entries.

def relocations(c, obj):
    nsyms = obj.sec(".symtab").sh_size // 24
    cases = []

    def rel_put(entry, field, value):
        return put(obj.data, entry["off"] + RELA[field][0], RELA[field][1], value)

    def retype(entry, rtype, data=None):
        return put(obj.data if data is None else data, entry["off"] + 8, "Q",
                   (entry["sym"] << 32) | rtype)

    for rsec, target in ((".rela.text", ".text"), (".rela.data.rel", ".data.rel"),
                         (".rela.eh_frame", ".eh_frame"), (".rela.debug_info", ".debug_info")):
        r = obj.relas(rsec)[-1]
        tsize = obj.sec(target).sh_size
        width = 8 if r["type"] == 1 else 4
        for value, why in ((tsize, "the section size"), (tsize - width + 1, "so the field crosses the end"),
                           (U32, "0xffffffff"), (U64, "2^64 - 1")):
            cases.append((rel_put(r, "r_offset", value), "%s entry %d: r_offset = %s" % (rsec, r["index"], why)))
        # The control: a field that ends exactly at the section's end fits.
        if target != ".eh_frame":
            cases.append((rel_put(r, "r_offset", tsize - width),
                          "%s entry %d: r_offset = the section size - %d (the field ends at the end)"
                          % (rsec, r["index"], width), "link"))
    for rsec in (".rela.text", ".rela.debug_info"):
        r = obj.relas(rsec)[0]
        for value, why in ((nsyms, "symbol count"), (0x7FFFFFFF, "0x7fffffff"), (U32, "0xffffffff")):
            cases.append((put(obj.data, r["off"] + 8, "Q", (value << 32) | r["type"]),
                          "%s entry 0: symbol index = %s" % (rsec, why)))
    for rsec in (".rela.text", ".rela.data.rel"):
        r = obj.relas(rsec)[0]
        for value in (60, 255, 0xFFFF, U32):
            cases.append((retype(r, value), "%s entry 0: unknown r_type %d" % (rsec, value)))

    # TLSGD/TLSLD must be followed by the call to __tls_get_addr (x86-64 psABI 5.2
    # "Thread-Local Storage"); relaxing them rewrites both instructions.
    text = obj.relas(".rela.text")
    rt = obj.sec(".rela.text")
    for model, rtype in (("TLSGD", R_X86_64_TLSGD), ("TLSLD", R_X86_64_TLSLD)):
        i = next(k for k, r in enumerate(text) if r["type"] == rtype)
        call = text[i + 1]
        assert call["type"] == R_X86_64_PLT32
        other = obj.sym("comdat_helper")["index"]
        cases += [
            (retype(call, R_X86_64_NONE), "R_X86_64_%s whose call relocation is R_X86_64_NONE" % model),
            # The call instruction is intact, and relaxation rewrites it whole: ld.bfd and
            # lld link this.
            (rel_put(call, "r_offset", call["r_offset"] + 1),
             "R_X86_64_%s whose call relocation is one byte off" % model, "error-or-link"),
            (put(obj.data, call["off"] + 8, "Q", (other << 32) | R_X86_64_PLT32),
             "R_X86_64_%s followed by a call to comdat_helper, not __tls_get_addr" % model),
            (obj.set_shdr(".rela.text", "sh_size", 24 * (i + 1)),
             "R_X86_64_%s is the last relocation (the call's was cut off)" % model),
        ]
        code = bytearray(obj.data)
        t = obj.sec(".text").sh_offset
        for k in range(call["r_offset"] - 1, call["r_offset"] + 4):
            code[t + k] = 0x90
        cases.append((bytes(code), "R_X86_64_%s: the call instruction replaced by NOPs" % model))
    for data, what, *expect in cases:
        obj_case(c, "rela", what, data, *expect)

    # A GOTPCRELX relocation names a GOT load the linker may relax by rewriting the
    # opcode 2 or 3 bytes before r_offset. At offsets 0..2 there is no such opcode: a
    # linker must not read or write before the section, but may link (ld.bfd and lld
    # simply do not relax), so these only must not crash.
    gotx = next(r for r in text if r["type"] == R_X86_64_REX_GOTPCRELX)
    for off in (0, 1, 2):
        obj_case(c, "rela", "R_X86_64_REX_GOTPCRELX at .text offset %d" % off,
                 rel_put(gotx, "r_offset", off), expect="error-or-link")
    for off in (0, 1):
        d = retype(gotx, R_X86_64_GOTPCRELX, rel_put(gotx, "r_offset", off))
        obj_case(c, "rela", "R_X86_64_GOTPCRELX at .text offset %d" % off, d, expect="error-or-link")


# ---------------------------------------------------------------------------------------
# .eh_frame records (LSB "Exception Frames"): a CIE at 0, FDEs at 0x18 and 0x2c.

def eh_frames(c, obj):
    eh = obj.sec(".eh_frame")
    base = eh.sh_offset
    content = obj.content(eh)
    recs = []
    off = 0
    while off < len(content):
        length = get(content, off, "I")
        recs.append((off, length, get(content, off + 4, "I")))
        off += 4 + length
    assert recs[0][2] == 0 and len(recs) >= 3
    cie, fde1, fde2 = recs[0], recs[1], recs[2]

    def length(rec, value):
        return put(obj.data, base + rec[0], "I", value)

    def cie_ptr(rec, value):
        return put(obj.data, base + rec[0] + 4, "I", value & U32)

    cases = [
        (length(cie, U32), "CIE length = 0xffffffff (64-bit DWARF escape)"),
        (length(fde1, U32), "first FDE length = 0xffffffff"),
        (length(cie, 0x1000), "CIE length past the end of the section"),
        (length(fde2, fde2[1] + 4), "last FDE length 4 past the end of the section"),
        (length(fde1, 0xFFFFFFF0), "first FDE length = 0xfffffff0"),
        (length(fde1, 1), "first FDE length = 1 (no room for the CIE pointer)"),
        (length(fde1, 3), "first FDE length = 3"),
        (cie_ptr(fde1, fde1[0] + 4 + 0x100), "FDE CIE pointer before the start of the section"),
        (cie_ptr(fde1, U32), "FDE CIE pointer = 0xffffffff"),
        (cie_ptr(fde1, fde1[0] + 4 - fde2[0]), "FDE CIE pointer points forward, at the next FDE"),
        (cie_ptr(fde2, fde2[0] + 4 - fde1[0]), "FDE CIE pointer points back at another FDE"),
        (cie_ptr(fde1, fde1[0] + 4 - 4), "FDE CIE pointer into the middle of the CIE"),
        (cie_ptr(fde1, 4), "FDE CIE pointer points at the FDE itself"),
        (obj.set_shdr(".eh_frame", "sh_size", eh.sh_size - 4), ".eh_frame sh_size cuts the last FDE"),
        (obj.set_shdr(".eh_frame", "sh_size", 2), ".eh_frame sh_size = 2"),
    ]
    for data, what in cases:
        obj_case(c, "ehframe", ".eh_frame: " + what, data)


# ---------------------------------------------------------------------------------------
# Archives.

def archives(c, ar, members):
    parsed = ar_members(ar)
    index_hdr, _, index_body, index_size = parsed[0]
    names_hdr, _, names_body, names_size = parsed[1]
    main_hdr, _, main_body, main_size = parsed[2]
    assert ar[index_hdr:index_hdr + 2] == b"/ " and ar[names_hdr:names_hdr + 2] == b"//"
    assert ar[main_hdr:main_hdr + 14] == b"member-main.o/"
    helper_hdr = parsed[3][0]
    assert ar[helper_hdr:helper_hdr + 2] == b"/0"

    def size_field(hdr, text):
        return ar[:hdr + 48] + text.ljust(10).encode() + ar[hdr + 58:]

    def name_field(hdr, text):
        return ar[:hdr] + text.ljust(16).encode() + ar[hdr + 16:]

    def index_entry(i, value):
        """The archive with entry i of the symbol index pointing at value (big-endian)."""
        return ar[:index_body + 4 + 4 * i] + struct.pack(">I", value) + ar[index_body + 8 + 4 * i:]

    count = struct.unpack_from(">I", ar, index_body)[0]
    cases = [
        (b"!<arch>\r" + ar[8:], "magic \"!<arch>\\r\""),
        (b"!<arcH>\n" + ar[8:], "magic \"!<arcH>\\n\""),
        (b"!<thin>\n" + ar[8:], "a regular archive with the thin magic (bodies read as headers)"),
        (b"!<arch>\n" + ar[16:], "the first member header starts 8 bytes early"),
    ]
    for hdr, label in ((main_hdr, "member-main.o"), (index_hdr, "the symbol index"), (names_hdr, "\"//\"")):
        for text, why in (("12a4", "non-digit"), ("-1", "negative"), ("", "blank"), ("0x40", "hexadecimal"),
                          ("9999999999", "huge"), (str(len(ar)), "past the end of the file")):
            cases.append((size_field(hdr, text), "%s: size field %s (\"%s\")" % (label, why, text)))
    cases += [
        (size_field(main_hdr, str(main_size - 1)), "member-main.o: size one short (next header misaligned)"),
        (size_field(main_hdr, "0"), "member-main.o: size 0 (next header read from ELF bytes)"),
        (ar[:main_hdr + 58] + b"XX" + ar[main_hdr + 60:], "member-main.o: header terminator not \"`\\n\""),
        (size_field(index_hdr, "2"), "symbol index: size 2, shorter than its count"),
        (name_field(helper_hdr, "/9999"), "long-name offset /9999 past the \"//\" table"),
        (name_field(helper_hdr, "/%d" % names_size), "long-name offset equal to the \"//\" table size"),
        (name_field(helper_hdr, "/-1"), "long-name offset /-1"),
        (name_field(helper_hdr, "/abc"), "long-name offset /abc"),
        (name_field(helper_hdr, "/18446744073709551615"[:16]), "long-name offset with 15 digits"),
        (name_field(names_hdr, "xx/"), "\"//\" table renamed, so /0 has no table"),
        (ar[:names_body] + ar[names_body:names_body + names_size].replace(b"/\n", b"xx") +
         ar[names_body + names_size:], "\"//\" table: the name not terminated by \"/\\n\""),
        (ar[:index_body] + struct.pack(">I", U32) + ar[index_body + 4:], "symbol index count = 0xffffffff"),
        (ar[:index_body] + struct.pack(">I", count + 1) + ar[index_body + 4:],
         "symbol index count one more than stored (offsets run into the names)"),
        (ar[:index_body] + struct.pack(">I", index_size // 4) + ar[index_body + 4:],
         "symbol index count larger than the index member"),
        (ar[:index_body + index_size - 2] + b"XX" + ar[index_body + index_size:],
         "symbol index: last name not NUL-terminated"),
    ]
    for value, why in ((0, "0"), (1, "1"), (8, "8, the index member itself"), (names_hdr, "the \"//\" member"),
                       (main_hdr + 30, "the middle of a member header"), (main_body + 64, "member data"),
                       (len(ar) + 0x1000, "past the end of the file"), (U32, "0xffffffff")):
        cases.append((index_entry(0, value), "symbol index: entry_main's member offset = %s" % why))
    for data, what in cases:
        ar_case(c, "ar", what, data)

    # Valid archives from the writer above, then damaged members inside them.
    syms = [("entry_main", 0), ("helper_twice", 1), ("helper_counter", 1)]
    ar_case(c, "control", "archive rebuilt by make-cases.py", ar_archive(members, syms), expect="link")
    ar64 = ar_archive(members, syms, sym64=True)
    ar_case(c, "control", "archive with a 64-bit symbol index (/SYM64/)", ar64, expect="link")
    body64 = ar_members(ar64)[0][2]
    ar_case(c, "ar", "/SYM64/ index count = 2^64 - 1", ar64[:body64] + b"\xff" * 8 + ar64[body64 + 8:])
    ar_case(c, "ar", "/SYM64/ index: entry_main's member offset = 2^63",
            ar64[:body64 + 8] + struct.pack(">Q", 1 << 63) + ar64[body64 + 16:])
    main = Elf(members[0][1])
    for data, what in ((main.data[:200], "truncated to 200 bytes"),
                       (main.set_ehdr("e_machine", 3), "e_machine = EM_386"),
                       (main.set_shdr(".symtab", "sh_entsize", 0), ".symtab sh_entsize = 0"),
                       (main.set_ehdr("e_shoff", 1 << 40), "e_shoff = 2^40")):
        ar_case(c, "ar", "member-main.o inside the archive: " + what,
                ar_archive([("member-main.o", data), members[1]], syms))


def thin_archives(c, thin, members):
    names = [m[0] for m in members]
    parsed = ar_members_thin(thin)
    names_hdr = parsed[1][0]
    names_size = parsed[1][3]
    helper_hdr = parsed[3][0]

    def thin_case(what, data=thin, member_files=None, dirs=(), culprit="libthin.a"):
        files = {"libthin.a": data}
        files.update(member_files or {})
        c.add("thin", what, ["start.o", "libthin.a"], STATIC, files, extra=[n for n in names if n not in dirs],
              dirs=dirs, culprit=culprit)

    thin_case("member-main.o does not exist", member_files={"member-main.o": None})
    thin_case("member-main.o is a directory", dirs=("member-main.o",))
    thin_case("member-main.o is an empty file", member_files={"member-main.o": b""},
              culprit="libthin.a|member-main.o")
    thin_case("member-main.o is truncated to 100 bytes",
              member_files={"member-main.o": members[0][1][:100]}, culprit="libthin.a|member-main.o")
    thin_case("long-name offset /9999 past the \"//\" table",
              thin[:helper_hdr] + b"/9999".ljust(16) + thin[helper_hdr + 16:])
    thin_case("\"//\" size field past the end of the file",
              thin[:names_hdr + 48] + str(len(thin) + 1).ljust(10).encode() + thin[names_hdr + 58:])
    thin_case("\"//\" table: names not terminated by \"/\\n\"",
              thin[:parsed[1][2]] + thin[parsed[1][2]:parsed[1][2] + names_size].replace(b"/\n", b"xx") +
              thin[parsed[1][2] + names_size:])


def ar_members_thin(data):
    """ar_members for a thin archive: only the special members have bodies."""
    out = []
    off = 8
    while off < len(data):
        size = int(data[off + 48:off + 58])
        name = data[off:off + 16].rstrip(b" ")
        stored = name in (b"/", b"//")
        out.append((off, name, off + 60, size))
        off += 60 + (size + size % 2 if stored else 0)
    return out


# ---------------------------------------------------------------------------------------
# Shared objects.

def shared_objects(c, so):
    d = so.data
    n = len(so.sections)
    size = len(d)
    dynsym = so.sec(".dynsym")
    ndyn = dynsym.sh_size // 24
    dynstr = so.sec(".dynstr")
    versym = so.sec(".gnu.version")
    verdef = so.sec(".gnu.version_d")
    text = so.sec(".text").index
    cases = [
        (so.set_shdr(".dynsym", "sh_type", SHT_PROGBITS), "no .dynsym (its type changed to SHT_PROGBITS)"),
        (so.set_shdr(".dynsym", "sh_type", 0), "no .dynsym (its type changed to SHT_NULL)"),
        (so.set_shdr(".dynsym", "sh_entsize", 0), ".dynsym sh_entsize = 0"),
        (so.set_shdr(".dynsym", "sh_entsize", 16), ".dynsym sh_entsize = 16"),
        (so.set_shdr(".dynsym", "sh_entsize", 25), ".dynsym sh_entsize = 25"),
        (so.set_shdr(".dynsym", "sh_size", dynsym.sh_size - 1), ".dynsym sh_size not a multiple of 24"),
        (so.set_shdr(".dynsym", "sh_size", 1 << 62), ".dynsym sh_size = 2^62"),
        (so.set_shdr(".dynsym", "sh_offset", 1 << 63), ".dynsym sh_offset = 2^63"),
        (so.set_shdr(".dynsym", "sh_link", n), ".dynsym sh_link = e_shnum"),
        (so.set_shdr(".dynsym", "sh_link", 0), ".dynsym sh_link = 0 (the null section)"),
        (so.set_shdr(".dynsym", "sh_link", text), ".dynsym sh_link = .text, not a string table"),
        (so.set_shdr(".dynsym", "sh_info", ndyn + 1), ".dynsym sh_info = symbol count + 1"),
        (so.set_shdr(".dynsym", "sh_info", U32), ".dynsym sh_info = 0xffffffff"),
        (so.set_shdr(".dynsym", "sh_info", 0), ".dynsym sh_info = 0 (symbol 0 is always local)"),
        (so.set_sym("lib_func", "st_name", dynstr.sh_size, ".dynsym"), "lib_func: st_name = size of .dynstr"),
        (so.set_sym("lib_func", "st_name", U32, ".dynsym"), "lib_func: st_name = 0xffffffff"),
        # A shared object's st_shndx only says "defined"; ld.bfd and lld do not look further.
        (so.set_sym("lib_func", "st_shndx", n + 5, ".dynsym"), "lib_func: st_shndx = e_shnum + 5",
         "error-or-link"),
        (d[:dynstr.end - 1] + b"X" + d[dynstr.end:], ".dynstr: last byte not NUL"),
        (so.set_shdr(".dynstr", "sh_size", 1 << 63), ".dynstr sh_size = 2^63"),
        (so.set_shdr(".gnu.version", "sh_size", 2 * (ndyn - 1)), ".gnu.version one entry shorter than .dynsym"),
        (so.set_shdr(".gnu.version", "sh_size", 1), ".gnu.version sh_size = 1"),
        (so.set_shdr(".gnu.version", "sh_size", 0), ".gnu.version sh_size = 0"),
        (put(d, versym.sh_offset + 2 * so.sym("lib_func", ".dynsym")["index"], "H", 0x7FF0),
         "lib_func: version index 0x7ff0, which no verdef defines"),
        (so.set_shdr(".gnu.version_d", "sh_size", 1 << 62), ".gnu.version_d sh_size = 2^62"),
        (so.set_shdr(".gnu.version_d", "sh_link", n), ".gnu.version_d sh_link = e_shnum"),
        (so.set_shdr(".gnu.version_d", "sh_link", text), ".gnu.version_d sh_link = .text, not a string table"),
    ]
    # The verdef chain: three Elf64_Verdef records of 0x1c bytes, the last with two auxes.
    vd = [verdef.sh_offset]
    while len(vd) < verdef.sh_info:
        vd.append(vd[-1] + get(d, vd[-1] + 16, "I"))
    assert len(vd) == 3

    def vd_put(i, field, value, data=d):
        return put(data, vd[i] + VERDEF[field][0], VERDEF[field][1], value & U32)

    loop = vd_put(2, "vd_next", vd[1] - vd[2])
    cases += [
        (loop, "verdef chain loops: the last vd_next points back at the second"),
        (so.set_shdr(".gnu.version_d", "sh_info", U32, loop),
         "verdef chain loops and sh_info (the count) = 0xffffffff"),
        (vd_put(0, "vd_next", 0x1000), "verdef vd_next points past the section"),
        (vd_put(0, "vd_next", 0x7FFFFFFF), "verdef vd_next points past the end of the file"),
        (vd_put(2, "vd_aux", 0xFFFFF000), "verdef VICTIM_2: vd_aux out of range"),
        (put(d, vd[2] + get(d, vd[2] + 12, "I"), "I", dynstr.sh_size + 100),
         "verdef VICTIM_2: vda_name past .dynstr"),
    ]
    dyn = so.sec(".dynamic")
    entries = {}
    for off in range(dyn.sh_offset, dyn.end, 16):
        entries.setdefault(get(d, off, "q"), off)
    # Damage to DT_NEEDED and to .dynamic's link is linked with --allow-shlib-undefined:
    # otherwise a linker that lost libvictim.so's DT_NEEDED on libc would fail for the
    # wrong reason (libc's getpid, undefined), naming the file by accident.
    lenient = ["--allow-shlib-undefined"]
    for tag, label in ((DT_SONAME, "DT_SONAME"), (DT_NEEDED, "DT_NEEDED")):
        for value, why in ((dynstr.sh_size, "size of .dynstr"), (U32, "0xffffffff"), (1 << 63, "2^63")):
            cases.append((put(d, entries[tag] + 8, "Q", value), "%s offset = %s" % (label, why), "error",
                          lenient))
    cases += [
        (so.set_shdr(".dynamic", "sh_link", n), ".dynamic sh_link = e_shnum", "error", lenient),
        # ld.bfd and lld read DT_SONAME through .dynsym's string table and ignore this link.
        (so.set_shdr(".dynamic", "sh_link", text), ".dynamic sh_link = .text, not a string table",
         "error-or-link", lenient),
        (so.set_ehdr("e_phoff", size + 8), "e_phoff past the end of the file"),
        (so.set_ehdr("e_phoff", 1 << 63), "e_phoff = 2^63"),
        (so.set_ehdr("e_phoff", U64 - 15), "e_phoff = 2^64 - 16 (offset + size wraps)"),
        (so.set_ehdr("e_phnum", 0xFFFF), "e_phnum = 0xffff (table past the end of the file)"),
        # Program headers of an input are needed only to place copy relocations; ld.bfd and
        # lld accept these when no copy relocation is made (none is here).
        (so.set_ehdr("e_phentsize", 0), "e_phentsize = 0", "error-or-link"),
        (so.set_ehdr("e_phentsize", 32), "e_phentsize = 32", "error-or-link"),
        (so.set_ehdr("e_shoff", size), "e_shoff = file size"),
        (so.set_ehdr("e_shoff", 1 << 63), "e_shoff = 2^63"),
        (so.set_ehdr("e_shnum", 0), "e_shnum = 0 and section 0 sh_size = 0"),
        (so.set_ehdr("e_shentsize", 32), "e_shentsize = 32"),
        (so.set_ehdr("e_shstrndx", n), "e_shstrndx = e_shnum"),
        (so.set_ehdr("e_machine", 3), "e_machine = EM_386"),
        (put(d, 4, "B", 1), "e_ident[EI_CLASS] = ELFCLASS32"),
        (put(d, 5, "B", 2), "e_ident[EI_DATA] = ELFDATA2MSB"),
        (put(d, 6, "B", 0), "e_ident[EI_VERSION] = EV_NONE"),
    ]
    for data, what, *expect in cases:
        so_case(c, "so", what, data, *expect)


# ---------------------------------------------------------------------------------------
# Linker scripts.

def scripts(c):
    g = GLIBC_STYLE_SCRIPT
    mb = 1 << 20
    cases = [
        (b"/* GNU ld script\nGROUP ( libparts.a )\n", "unterminated comment from the first line"),
        (g + b"/* trailing comment\n", "unterminated comment after the GROUP"),
        (g + b"/*", "\"/*\" as the last two bytes"),
        (b"GROUP ( \"libparts.a )\n", "unterminated string"),
        (b"GROUP ( libparts.a\n", "GROUP without \")\""),
        (b"GROUP libparts.a )\n", "GROUP without \"(\""),
        (b"GROUP ( libparts.a ) )\n", "one \")\" too many"),
        (b"GROUP ( ( libparts.a ) )\n", "parenthesis inside the file list"),
        (b"GROUP ( libparts.a AS_NEEDED ( libvictim.so )\n", "AS_NEEDED closed, GROUP not"),
        (b"OUTPUT_FORMAT(elf64-x86-64\nGROUP ( libparts.a )\n", "OUTPUT_FORMAT without \")\""),
        (b")\n", "a lone \")\""),
        (b"GROUP ( AS_NEEDED libparts.a )\n", "AS_NEEDED without its parentheses"),
        (b"GROUP\n", "GROUP at the end of the file"),
        (b"ENTRY ( _start\n", "ENTRY without \")\""),
        (b"SEARCH_DIR (", "SEARCH_DIR at the end of the file"),
        (b"GROUP ( victim.lds )\n", "GROUP names the script itself"),
        (b"INPUT ( victim.lds )\n", "INPUT names the script itself"),
        (b"GROUP ( libparts.a AS_NEEDED ( victim.lds ) )\n", "AS_NEEDED names the script itself"),
        (b"GROUP ( libparts.a absent.a )\n", "GROUP names a missing archive"),
        (b"INPUT ( absent.o )\n", "INPUT names a missing object"),
        (b"GROUP ( libparts.a -labsent )\n", "GROUP names a missing -l library"),
        (b"GROUP ( libparts.a AS_NEEDED ( absent.so ) )\n", "AS_NEEDED names a missing shared object"),
        (b"GROUP ( libparts.a " + b"AS_NEEDED ( " * 1000, "AS_NEEDED ( nested 1000 deep, never closed"),
        (b"GROUP ( libparts.a " + b"AS_NEEDED ( " * 100000, "AS_NEEDED ( nested 100000 deep, never closed"),
        (b"GROUP ( libparts.a " + b"AS_NEEDED ( " * 1000000,
         "AS_NEEDED ( nested 1000000 deep (12 MB), never closed"),
        (b"GROUP " + b"( " * 1000000, "GROUP followed by 1000000 \"(\""),
        (b"A" * mb + b"\n", "a 1 MiB word as a command"),
        (b"GROUP ( " + b"a" * mb + b" )\n", "GROUP names a file with a 1 MiB name"),
        (b" " * mb + b"BOGUS_COMMAND\n", "1 MiB of spaces, then an unknown command"),
        (b"/*" + b"x" * mb, "a 1 MiB unterminated comment on one line"),
        (b"\xff\xfe" + g, "non-UTF-8 bytes \\xff\\xfe before a valid script"),
        (b"GROUP ( lib\xff\xfeparts.a )\n", "GROUP names a file whose name is not UTF-8"),
        (b"INPUT ( \xc0\xaf\xed\xa0\x80 )\n", "INPUT names an overlong/surrogate UTF-8 sequence"),
        (g + b" " * 5000 + b"\x00\x01\x02garbage\x7f\xff", "valid first 4 KiB, then NUL and binary bytes"),
        (b"SECTIONS { .text : { *(.text) } }\n", "a SECTIONS command"),
        (g + b"SECTIONS { . = 0x10000; .data : { *(.data) } }\n", "GROUP, then a SECTIONS command"),
        (b"MEMORY { ram (rwx) : ORIGIN = 0, LENGTH = 1M }\n", "a MEMORY command"),
    ]
    for text, what in cases:
        script_case(c, what, text)
    # Deeply nested but balanced: GNU ld's grammar allows AS_NEEDED inside AS_NEEDED, so
    # a linker may accept this; it must not exhaust its stack.
    for depth in (100000, 1000000):
        deep = b"GROUP ( " + b"AS_NEEDED ( " * depth + b"libparts.a " + b") " * depth + b")\n"
        script_case(c, "AS_NEEDED nested %d deep, balanced, around libparts.a" % depth, deep,
                    expect="error-or-link")
    script_case(c, "two scripts include each other", b"INPUT ( other.lds )\n",
                more={"other.lds": b"INPUT ( victim.lds )\n"}, culprit="victim.lds|other.lds")
    script_case(c, "three scripts include each other in a ring", b"GROUP ( libparts.a other.lds )\n",
                more={"other.lds": b"INPUT ( third.lds )\n", "third.lds": b"INPUT ( victim.lds )\n"},
                culprit="victim.lds|other.lds|third.lds")
    # glibc's libc.so is found with -lc: the same through -l.
    c.add("script", "script found by -l names itself through -l",
          ["start.o", "-lvictimscript"], DYNAMIC, {"libvictimscript.so": b"GROUP ( -lvictimscript )\n"},
          culprit="libvictimscript.so")


# ---------------------------------------------------------------------------------------
# Files that are nothing like what they claim to be.

def garbage(c):
    rng = random.Random(0x6172626167)
    for data, what in ((bytes(4096), "4096 zero bytes"),
                       (bytes(rng.randrange(256) for _ in range(1000)), "1000 random bytes"),
                       (b"\x7fELF", "only the ELF magic"),
                       (b"!<arch>\n" + bytes(rng.randrange(256) for _ in range(500)),
                        "archive magic followed by random bytes")):
        obj_case(c, "garbage", "victim.o is " + what, data)


# ---------------------------------------------------------------------------------------
# Random byte flips: a flip in unused bytes is harmless, so these may link; they must
# never crash or hang.

def flips(c, kind, data, count, seed, case):
    for i in range(count):
        rng = random.Random(seed + i)
        b = bytearray(data)
        nflips = 1 if i < count // 2 else rng.randint(2, 16)
        where = []
        for _ in range(nflips):
            off = rng.randrange(len(b))
            b[off] ^= rng.randint(1, 255)
            where.append("0x%x" % off)
        case(c, kind, "seed %d: %d byte(s) changed at %s" % (seed + i, nflips, " ".join(where)), bytes(b))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: make-cases.py BASE CASES")
    base, out = sys.argv[1], sys.argv[2]
    os.makedirs(out)
    c = Corpus(base, out)
    obj = Elf(c.base_file("victim.o"))
    gz = Elf(c.base_file("victim-gz.o"))
    so = Elf(c.base_file("libvictim.so"))
    ar = c.base_file("libvictim.a")
    thin = c.base_file("libthin.a")
    members = [(n, c.base_file(n)) for n in ("member-main.o", "member-helper-with-a-long-file-name.o")]
    hf = relayout(obj, True)

    controls(c, obj, hf, gz)
    truncations_obj(c, obj, hf)
    truncations_so(c, so)
    truncations_ar(c, ar)
    ehdr_fields(c, obj)
    shdr_fields(c, obj)
    groups(c, obj)
    compressed(c, gz)
    symbols(c, obj)
    extended_indexes(c, obj)
    strings(c, obj)
    relocations(c, obj)
    eh_frames(c, obj)
    archives(c, ar, members)
    thin_archives(c, thin, members)
    shared_objects(c, so)
    scripts(c)
    garbage(c)

    any_input = "start.o|victim.o"
    flips(c, "flip-obj", obj.data, 200, 1000,
          lambda c, k, w, d: c.add(k, w, ["start.o", "victim.o"], STATIC, {"victim.o": d},
                                   expect="error-or-link", culprit=any_input))
    flips(c, "flip-so", so.data, 40, 2000,
          lambda c, k, w, d: c.add(k, w, ["start.o", "usesso.o", "libvictim.so"], DYNAMIC,
                                   {"libvictim.so": d}, expect="error-or-link",
                                   culprit="start.o|usesso.o|libvictim.so"))
    flips(c, "flip-ar", ar, 40, 3000,
          lambda c, k, w, d: c.add(k, w, ["start.o", "libvictim.a"], STATIC, {"libvictim.a": d},
                                   expect="error-or-link", culprit="start.o|libvictim.a"))

    total = sum(c.counts.values())
    print("make-cases.py: %d cases in %s" % (total, out))
    for kind, n in c.counts.items():
        print("  %-14s %4d" % (kind, n))


if __name__ == "__main__":
    main()
