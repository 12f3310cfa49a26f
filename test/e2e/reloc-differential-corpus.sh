#!/usr/bin/env bash
# `ld -r` (relocatable output), differentially: about fifty input sets -- C, C++ and
# assembly from gcc, g++, clang and clang++, sources in test/e2e/reloc-cases/ -- are
# each linked once from the original objects by ld.bfd (the reference program), and
# again after the linker under test combined some or all of the objects with -r
# (into one object, or a shared library's objects, or in two steps: -r of a -r
# output). The combined objects are final-linked by ld.bfd, ld.lld and rivet, and
# every program must print what the reference prints and exit as it exits: each
# program's output depends on the feature of its set, so a wrong -r output gives a
# different output or a crash rather than the same one.
#
# Each -r output is also compared with ld.bfd's -r output of the same inputs
# (common/reloc-corpus.bash lists the checks): COMDAT group signatures, eu-elflint's
# complaints, the global symbols' nm letters (undefined stays U, weak stays W/V/w,
# common stays C unless -d, GNU unique stays u), visibility and sizes, the
# relocation types, section alignment, .note.GNU-stack and the x86 feature
# properties. Some sets check more (debug information readable and addr2line
# agreeing, --gc-sections still dropping unreached sections, properties kept or
# dropped).
#
# The linker under test is RELOC_LD, rivet by default; RELOC_LD=ld.bfd checks the
# corpus itself (every set must pass), RELOC_LD=ld.lld works too. Every set runs
# even when one fails; the test prints "ok SET" or the failure of each, and fails
# at the end listing the sets that failed. RELOC_CORPUS_ONLY=REGEX runs some sets.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
# shellcheck source=common/reloc-corpus.bash
source "$RIVET_SRC/test/e2e/common/reloc-corpus.bash"

CXXFLAGS=(-O2 -std=c++17)

# ---------------------------------------------------------------------------
# Plain C across files

# Calls, globals, static functions of the same name, function pointers to local and
# global functions, string literals: everything into one object.
rc_define c-calls
rc_c_calls() {
  rc_cc gcc -O2 -- a.c b.c main.c
  rc_ref main gcc a.o b.o main.o
  rc_reloc all.r.o a.o b.o main.o
  rc_final main gcc all.r.o
}

# The same, position-dependent: -fno-pic objects (R_X86_64_32S/PC32, copy
# relocations) linked -no-pie, the -r output mixed with main.o.
rc_define c-calls-nopie
rc_c_calls_nopie() {
  rc_sources c-calls
  rc_cc gcc -O2 -fno-pic -- a.c b.c main.c
  rc_ref main gcc -no-pie a.o b.o main.o
  rc_reloc ab.r.o a.o b.o
  rc_final main gcc -no-pie ab.r.o main.o
}

# The same, linked -static.
rc_define c-calls-static
rc_c_calls_static() {
  rc_sources c-calls
  rc_cc gcc -O2 -- a.c b.c main.c
  rc_ref main gcc -static a.o b.o main.o
  rc_reloc ab.r.o a.o b.o
  rc_final main gcc -static ab.r.o main.o
}

# SHF_MERGE strings (identical and tail-sharing literals in several files, pointers
# into the middle of literals), wide strings, .rodata.cst* constants.
rc_define c-merge-strings
rc_c_merge_strings() {
  rc_abc_and_main last
}

# "static int counter" (and a static helper) in four files; -r chained: (a b) c.
rc_define c-static-same-name
rc_c_static_same_name() {
  rc_cc gcc -O2 -- a.c b.c c.c main.c
  rc_ref main gcc a.o b.o c.o main.o
  rc_reloc ab.r.o a.o b.o
  rc_reloc abc.r.o ab.r.o c.o
  rc_final main gcc abc.r.o main.o
}

# Tentative definitions of different sizes and alignments (-fcommon): they stay
# common in the -r output, sized by the largest, for the final link to allocate.
rc_define c-common
rc_c_common() {
  rc_cc gcc -O2 -fcommon -- a.c b.c c.c main.c
  rc_ref main gcc a.o b.o c.o main.o
  rc_reloc abc.r.o a.o b.o c.o
  rc_expect_eq "$(rc_nm_globals abc.r.o | awk '$1 == "cbuf" { print $2 }')" C "cbuf in nm of abc.r.o (-r without -d)"
  rc_final main gcc abc.r.o main.o
}

# The same with -r -d: the commons are allocated (nm B), with the largest size.
rc_define c-common-d
rc_c_common_d() {
  rc_sources c-common
  rc_cc gcc -O2 -fcommon -- a.c b.c c.c main.c
  rc_ref main gcc a.o b.o c.o main.o
  rc_reloc abc.r.o -d a.o b.o c.o
  rc_expect_eq "$(rc_nm_globals abc.r.o | awk '$1 == "cbuf" { print $2 }')" B "cbuf in nm of abc.r.o (-r -d)"
  rc_final main gcc abc.r.o main.o
}

# Weak definitions stay weak through -r (b.o, outside it, overrides them), weak
# undefined references stay weak undefined and read as NULL.
rc_define c-weak
rc_c_weak() {
  rc_cc gcc -O2 -- a.c b.c c.c main.c
  rc_ref main gcc a.o b.o c.o main.o
  rc_reloc acm.r.o a.o c.o main.o
  rc_expect_eq "$(rc_nm_globals acm.r.o | awk '$1 ~ /^(wvar|wfn|wundef_fn|printf)$/ { printf "%s=%s ", $1, $2 }')" \
    "printf=U wfn=W wundef_fn=w wvar=V " "weak and undefined symbols in nm of acm.r.o"
  rc_final main gcc acm.r.o b.o
}

# Hidden and protected symbols across -fPIC files, in a shared library whose
# program defines (and exports) the same names.
rc_define c-hidden
rc_c_hidden() {
  rc_cc gcc -O2 -fPIC -- a.c b.c
  rc_cc gcc -O2 -- main.c
  rc_ref main gcc -rdynamic main.o -lcase ++ a.o b.o
  rc_reloc lib.r.o a.o b.o
  rc_final main gcc -rdynamic main.o -lcase ++ lib.r.o
}

# __start_mysec/__stop_mysec walking entries that three files put in "mysec".
rc_define c-start-stop
rc_c_start_stop() {
  rc_abc_and_main first
}

# ---------------------------------------------------------------------------
# Initialization order

# constructor(N)/destructor(N) and plain ones in three files.
rc_define c-ctor-priorities
rc_c_ctor_priorities() {
  rc_abc_and_main first
}

# Pointers placed in .preinit_array, .init_array(.NNNNN), .fini_array(.NNNNN).
rc_define c-init-array-sections
rc_c_init_array_sections() {
  rc_abc_and_main first
}

# Legacy .ctors/.dtors. GNU ld runs each .ctors input section backwards, so -r,
# which makes one .ctors section of several, changes the order by its nature: the
# reference here is ld.bfd's -r output linked by ld.bfd.
rc_define c-ctors-dtors
rc_c_ctors_dtors() {
  rc_cc gcc -O2 -- a.c b.c c.c main.c
  rc_reloc abc.r.o a.o b.o c.o
  rc_ref main gcc main.o abc.rbfd.o
  RC_SKIP_LLD="ld.lld does not put .ctors into .init_array, so nothing would run them"
  rc_final main gcc main.o abc.r.o
}

# ---------------------------------------------------------------------------
# IFUNC

rc_define c-ifunc
rc_c_ifunc() {
  rc_cc gcc -O2 -- a.c b.c main.c
  rc_ref main gcc a.o b.o main.o
  rc_reloc ab.r.o a.o b.o
  rc_expect_eq "$(rc_nm_globals ab.r.o | awk '$1 == "f" { print $2 }')" i "f in nm of ab.r.o"
  rc_final main gcc ab.r.o main.o
}

rc_define c-ifunc-static
rc_c_ifunc_static() {
  rc_sources c-ifunc
  rc_cc gcc -O2 -- a.c b.c main.c
  rc_ref main gcc -static a.o b.o main.o
  rc_reloc all.r.o a.o b.o main.o
  rc_final main gcc -static all.r.o
}

rc_define c-target-clones
rc_c_target_clones() {
  rc_cc gcc -O2 -- a.c b.c main.c
  rc_ref main gcc a.o b.o main.o
  rc_reloc ab.r.o a.o b.o
  rc_final main gcc ab.r.o main.o
}

# ---------------------------------------------------------------------------
# Symbol versions: foo@VER1 and foo@@VER2 from one object, through -r, into a
# shared library with a version script; the program calls both versions.
rc_define c-symver-shlib
rc_c_symver_shlib() {
  rc_cc gcc -O2 -fPIC -- lib.c lib2.c
  rc_cc gcc -O2 -- main.c old.c
  rc_ref main gcc main.o old.o -lcase ++ -Wl,--version-script=lib.map lib.o lib2.o
  rc_reloc lib.r.o lib.o lib2.o
  rc_expect_eq "$(rc_nm_globals lib.r.o | awk '$1 ~ /^foo(@|$)/ { printf "%s=%s ", $1, $2 }')" \
    "foo=U foo@@VER2=T foo@VER1=T " "versioned names in nm of lib.r.o"
  rc_final main gcc main.o old.o -lcase ++ -Wl,--version-script=lib.map lib.r.o
}

# ---------------------------------------------------------------------------
# TLS, every model (c-tls sources)

# rc_tls_set RELOC [-static] FLAG...: def.c and use.c compiled with FLAGs (use.o
# must use RELOC, a check of the flags) and combined, main.c apart.
rc_tls_set() {
  local reloc=$1 link=()
  shift
  if [ "$1" = -static ]; then
    link=(-static)
    shift
  fi
  rc_sources c-tls
  rc_cc gcc -O2 "$@" -- def.c use.c main.c
  grep -qx "$reloc" <<<"$(rc_reloc_types use.o)" || fail "test setup: use.o compiled with $* has no $reloc relocation"
  rc_ref main gcc -pthread "${link[@]}" main.o def.o use.o
  rc_reloc tls.r.o def.o use.o
  rc_final main gcc -pthread "${link[@]}" main.o tls.r.o
}
rc_define c-tls-gd c-tls-ld c-tls-ie c-tls-le c-tls-gnu2 c-tls-static
rc_c_tls_gd() { rc_tls_set R_X86_64_TLSGD -fPIC -ftls-model=global-dynamic; }
rc_c_tls_ld() { rc_tls_set R_X86_64_TLSLD -fPIC -ftls-model=local-dynamic; }
rc_c_tls_ie() { rc_tls_set R_X86_64_GOTTPOFF -fPIC -ftls-model=initial-exec; }
rc_c_tls_le() { rc_tls_set R_X86_64_TPOFF32 -ftls-model=local-exec; }
rc_c_tls_gnu2() { rc_tls_set R_X86_64_GOTPC32_TLSDESC -fPIC -mtls-dialect=gnu2; }
rc_c_tls_static() { rc_tls_set R_X86_64_TLSGD -static -fPIC -ftls-model=global-dynamic; }

# The TLS variables in a shared library (general dynamic), reached from the program
# by initial exec.
rc_define c-tls-shlib
rc_c_tls_shlib() {
  rc_sources c-tls
  rc_cc gcc -O2 -fPIC -ftls-model=global-dynamic -- def.c use.c
  rc_cc gcc -O2 -- main.c
  rc_ref main gcc -pthread main.o -lcase ++ def.o use.o
  rc_reloc tls.r.o def.o use.o
  rc_final main gcc -pthread main.o -lcase ++ tls.r.o
}

# ---------------------------------------------------------------------------
# Debug information (c-debug sources): the programs run as the reference does, the
# -r output and the programs' DWARF decodes without complaint, and addr2line maps
# the functions to the same lines as in the reference.
rc_debug_set() {
  rc_sources c-debug
  rc_cc gcc -O1 "$@" -- alpha.c beta.c main.c
  rc_ref main gcc alpha.o beta.o main.o
  rc_reloc dbg.r.o alpha.o beta.o
  rc_final main gcc dbg.r.o main.o
  local -a progs=(ref.main)
  local l fn want
  for l in "${RC_LINKERS[@]}"; do progs+=("prog.main.$l"); done
  rc_debug_readable dbg.r.o "${progs[@]}"
  if command -v addr2line >/dev/null 2>&1; then
    for fn in alpha_fn alpha_len beta_fn; do
      want=$(rc_addr2line ref.main "$fn")
      case $want in
        alpha.c:[1-9]* | beta.c:[1-9]*) ;;
        *) fail "test setup: addr2line maps $fn of the reference to '$want'" ;;
      esac
      for l in "${RC_LINKERS[@]}"; do
        [ -f "prog.main.$l" ] || continue
        rc_expect_eq "$(rc_addr2line "prog.main.$l" "$fn")" "$want" "addr2line of $fn in prog.main.$l (linked by $l from $RC_LABEL's -r output)"
      done
    done
  fi
}
rc_define c-debug-dwarf4 c-debug-dwarf5 c-debug-gz
rc_c_debug_dwarf4() { rc_debug_set -g -gdwarf-4; }
rc_c_debug_dwarf5() { rc_debug_set -g -gdwarf-5; }
rc_c_debug_gz() {
  rc_debug_set -g -gz
  grep -q '\.debug_info .* C ' <<<"$(readelf -SW alpha.o)" || fail "test setup: -gz gave alpha.o no compressed .debug_info"
}

# ---------------------------------------------------------------------------
# -ffunction-sections -fdata-sections: the final link with --gc-sections drops the
# unreached functions and data of the -r output as it does those of the original
# objects (and keeps the __start_gckeep entries); without it, keeps them.
rc_define c-gc-sections
rc_c_gc_sections() {
  local gc=("-Wl,--gc-sections" "-Wl,-z,nostart-stop-gc") sym l
  rc_cc gcc -O2 -ffunction-sections -fdata-sections -- a.c b.c main.c
  rc_ref main gcc a.o b.o main.o
  rc_ref gc gcc "${gc[@]}" a.o b.o main.o
  rc_reloc ab.r.o a.o b.o
  rc_final main gcc ab.r.o main.o
  rc_final gc gcc "${gc[@]}" ab.r.o main.o
  for sym in unused_fn_marker unused_data_marker b_only_unused_marker; do
    grep -qw "$sym" <<<"$(nm ref.main)" || fail "test setup: $sym missing from ref.main"
    if grep -qw "$sym" <<<"$(nm ref.gc)"; then fail "test setup: --gc-sections kept $sym in ref.gc"; fi
    for l in "${RC_LINKERS[@]}"; do
      if [ -f "prog.main.$l" ] && ! grep -qw "$sym" <<<"$(nm "prog.main.$l")"; then
        rc_set_problem "prog.main.$l: expected $sym (no --gc-sections)"
      fi
      if [ -f "prog.gc.$l" ] && grep -qw "$sym" <<<"$(nm "prog.gc.$l")"; then
        rc_set_problem "prog.gc.$l: expected --gc-sections to drop $sym from $RC_LABEL's -r output, as from the original objects"
      fi
    done
  done
}

# ---------------------------------------------------------------------------
# Archives as -r input (c-archive sources): members pulled by -u, and all of them
# with --whole-archive.
rc_define c-archive-u c-archive-whole
rc_c_archive_u() {
  rc_sources c-archive
  rc_cc gcc -O2 -- m1.c m2.c m3.c main.c
  run ar rcs libm.a m1.o m2.o m3.o
  rc_ref u gcc main.o m1.o m3.o
  rc_reloc pulled.r.o -u pulled_fn libm.a
  rc_final u gcc main.o pulled.r.o
}
rc_c_archive_whole() {
  rc_sources c-archive
  rc_cc gcc -O2 -- m1.c m2.c m3.c main.c
  run ar rcs libm.a m1.o m2.o m3.o
  rc_ref whole gcc main.o m1.o m2.o m3.o
  rc_reloc all.r.o --whole-archive libm.a --no-whole-archive
  rc_final whole gcc main.o all.r.o
}

# Alignment of 256 to 8192 bytes (data, bss, TLS, functions).
rc_define c-align
rc_c_align() {
  rc_cc gcc -O2 -- a.c b.c main.c
  rc_ref main gcc a.o b.o main.o
  rc_reloc ab.r.o a.o b.o
  rc_final main gcc ab.r.o main.o
}

# -fPIC objects into a shared library the program links, and one it dlopens.
rc_define c-pic-shlib c-pic-dlopen
rc_c_pic_shlib() {
  rc_cc gcc -O2 -fPIC -- a.c b.c
  rc_cc gcc -O2 -- main.c
  rc_ref main gcc main.o -lcase ++ a.o b.o
  rc_reloc lib.r.o a.o b.o
  rc_final main gcc main.o -lcase ++ lib.r.o
}
rc_c_pic_dlopen() {
  rc_cc gcc -O2 -fPIC -- a.c b.c
  rc_cc gcc -O2 -- main.c
  rc_ref main gcc main.o -ldl ++ a.o b.o
  rc_reloc lib.r.o a.o b.o
  rc_final main gcc main.o -ldl ++ lib.r.o
}

# clang and gcc objects in one -r output (c-merge-strings sources): clang's
# .llvm_addrsig, its string sections and relocations next to gcc's.
rc_define c-clang-gcc-mix
rc_c_clang_gcc_mix() {
  rc_sources c-merge-strings
  rc_cc clang -O2 -- a.c c.c
  rc_cc gcc -O2 -- b.c main.c
  rc_ref main gcc a.o b.o c.o main.o
  rc_reloc abc.r.o a.o b.o c.o
  rc_final main gcc abc.r.o main.o
}

# ---------------------------------------------------------------------------
# Assembly with unusual relocations (asm-relocs sources; r1.s lists them)

rc_define asm-relocs-pie asm-relocs-nopie
rc_asm_relocs_pie() {
  rc_sources asm-relocs
  rc_cc gcc -- r1.s r2.s
  rc_cc gcc -O2 -- main.c
  local t
  for t in PC8 PC16 PC32 PC64 GOTPCRELX REX_GOTPCRELX GOTPC32 GOTOFF64 SIZE32 SIZE64 PLT32; do
    grep -qx "R_X86_64_$t" <<<"$(rc_reloc_types r1.o)" || fail "test setup: r1.o has no R_X86_64_$t"
  done
  rc_ref main gcc r1.o r2.o main.o
  rc_reloc r12.r.o r1.o r2.o
  rc_final main gcc r12.r.o main.o
}
rc_asm_relocs_nopie() {
  rc_sources asm-relocs
  rc_cc gcc -- r1.s r2.s r3.s
  rc_cc gcc -O2 -fno-pic -- main.c nopie.c
  grep -qx R_X86_64_32S <<<"$(rc_reloc_types r3.o)" || fail "test setup: r3.o has no R_X86_64_32S"
  rc_ref nopie gcc -no-pie r1.o r2.o r3.o main.o nopie.o
  rc_reloc r123.r.o r1.o r2.o r3.o
  rc_reloc all.r.o r123.r.o main.o nopie.o
  rc_final nopie gcc -no-pie all.r.o
}

# ---------------------------------------------------------------------------
# Properties of the -r output that a running program would not show

# An input without .note.GNU-stack: GNU ld's -r output then has an executable one.
rc_define prop-gnu-stack-exec
rc_prop_gnu_stack_exec() {
  rc_cc gcc -O2 -- nostack.s user.c main.c
  rc_ref main gcc nostack.o user.o main.o
  rc_reloc nu.r.o nostack.o user.o
  rc_final main gcc nu.r.o main.o
}

# -fcf-protection=full everywhere: the IBT and SHSTK properties survive -r ...
rc_define prop-cet-full prop-cet-mixed
rc_prop_cet_full() {
  rc_sources prop-cet
  rc_cc gcc -O2 -fcf-protection=full -- p1.c p2.c main.c
  rc_ref main gcc p1.o p2.o main.o
  rc_reloc p12.r.o p1.o p2.o
  rc_expect_eq "$(rc_properties p12.r.o)" "x86 feature: IBT, SHSTK" "GNU properties of p12.r.o (readelf -n)"
  rc_final main gcc p12.r.o main.o
}
# ... and are dropped when one input lacks them.
rc_prop_cet_mixed() {
  rc_sources prop-cet
  rc_cc gcc -O2 -fcf-protection=full -- p1.c main.c
  rc_cc gcc -O2 -fcf-protection=none -- p2.c
  rc_ref main gcc p1.o p2.o main.o
  rc_reloc p12.r.o p1.o p2.o
  rc_expect_eq "$(rc_properties p12.r.o)" "" "GNU properties of p12.r.o (readelf -n), p2.o without them"
  rc_final main gcc p12.r.o main.o
}

# ---------------------------------------------------------------------------
# C++

# Templates instantiated in several files (COMDAT): two files through -r, the final
# link deduplicating the groups of the -r output against plain objects.
rc_define cxx-templates
rc_cxx_templates() {
  rc_cc g++ "${CXXFLAGS[@]}" -- a.cc b.cc c.cc main.cc
  rc_ref main g++ a.o b.o c.o main.o
  rc_reloc ab.r.o a.o b.o
  rc_final main g++ ab.r.o c.o main.o
}

# C++17 inline variables (GNU unique, guard variables) and inline functions' statics.
rc_define cxx-inline-vars
rc_cxx_inline_vars() {
  rc_cc g++ "${CXXFLAGS[@]}" -- a.cc b.cc main.cc
  rc_ref main g++ a.o b.o main.o
  rc_reloc ab.r.o a.o b.o
  rc_final main g++ ab.r.o main.o
}

# Exceptions across files: .eh_frame, .gcc_except_table, typeinfo (dynamic, -static,
# and from a shared library made of the -r output of -fPIC objects).
rc_define cxx-exceptions cxx-exceptions-static cxx-exceptions-shlib
rc_cxx_exceptions() {
  rc_cc g++ "${CXXFLAGS[@]}" -- thrower.cc middle.cc main.cc
  rc_ref main g++ thrower.o middle.o main.o
  rc_reloc tm.r.o thrower.o middle.o
  rc_final main g++ tm.r.o main.o
}
rc_cxx_exceptions_static() {
  rc_sources cxx-exceptions
  rc_cc g++ "${CXXFLAGS[@]}" -- thrower.cc middle.cc main.cc
  rc_ref main g++ -static thrower.o middle.o main.o
  rc_reloc all.r.o thrower.o middle.o main.o
  rc_final main g++ -static all.r.o
}
rc_cxx_exceptions_shlib() {
  rc_sources cxx-exceptions
  rc_cc g++ "${CXXFLAGS[@]}" -fPIC -- thrower.cc middle.cc
  rc_cc g++ "${CXXFLAGS[@]}" -- main.cc
  rc_ref main g++ main.o -lcase ++ thrower.o middle.o
  rc_reloc tm.r.o thrower.o middle.o
  rc_final main g++ main.o -lcase ++ tm.r.o
}

# RTTI: dynamic_cast, typeid and catch by base across files; -r chained.
rc_define cxx-rtti
rc_cxx_rtti() {
  rc_cc g++ "${CXXFLAGS[@]}" -- animal.cc dog.cc cat.cc main.cc
  rc_ref main g++ animal.o dog.o cat.o main.o
  rc_reloc ad.r.o animal.o dog.o
  rc_reloc adc.r.o ad.r.o cat.o
  rc_final main g++ adc.r.o main.o
}

# Virtual functions, multiple and virtual inheritance, thunks, covariant returns.
rc_define cxx-virtual
rc_cxx_virtual() {
  rc_cc g++ "${CXXFLAGS[@]}" -- named.cc widget.cc gadget.cc main.cc
  rc_ref main g++ named.o widget.o gadget.o main.o
  rc_reloc all.r.o named.o widget.o gadget.o main.o
  rc_final main g++ all.r.o
}

# thread_local objects with constructors and destructors (TLS init and wrapper
# functions), one thread after another.
rc_define cxx-thread-local
rc_cxx_thread_local() {
  rc_cc g++ "${CXXFLAGS[@]}" -- tl_def.cc tl_use.cc main.cc
  rc_ref main g++ -pthread main.o tl_def.o tl_use.o
  rc_reloc tl.r.o tl_def.o tl_use.o
  rc_final main g++ -pthread main.o tl.r.o
}

# Global objects' constructors in link order and by init_priority; -r chained.
rc_define cxx-ctor-order
rc_cxx_ctor_order() {
  rc_cc g++ "${CXXFLAGS[@]}" -- a.cc b.cc c.cc main.cc
  rc_ref main g++ main.o a.o b.o c.o
  rc_reloc ab.r.o a.o b.o
  rc_reloc abc.r.o ab.r.o c.o
  rc_final main g++ main.o abc.r.o
}

# STB_GNU_UNIQUE statics of inline template functions (nm "u"), in a shared library.
rc_define cxx-gnu-unique
rc_cxx_gnu_unique() {
  rc_cc g++ "${CXXFLAGS[@]}" -fPIC -- a.cc b.cc
  rc_cc g++ "${CXXFLAGS[@]}" -- main.cc
  rc_ref main g++ main.o -lcase ++ a.o b.o
  rc_reloc lib.r.o a.o b.o
  rc_expect_eq "$(rc_nm_globals lib.r.o | awk '$1 == "_ZZN8RegistryIiE5countEvE1n" { print $2 }')" u \
    "Registry<int>::count()::n in nm of lib.r.o"
  rc_final main g++ main.o -lcase ++ lib.r.o
}

# clang++ and g++ objects (and a clang C file) in one -r output.
rc_define cxx-clang-gcc-mix
rc_cxx_clang_gcc_mix() {
  rc_cc clang++ "${CXXFLAGS[@]}" -- clang_part.cc
  rc_cc clang -O2 -- clang_c.c
  rc_cc g++ "${CXXFLAGS[@]}" -- gcc_part.cc main.cc
  rc_ref main g++ clang_part.o gcc_part.o clang_c.o main.o
  rc_reloc mix.r.o clang_part.o gcc_part.o clang_c.o
  rc_final main g++ mix.r.o main.o
}

rc_run_all
