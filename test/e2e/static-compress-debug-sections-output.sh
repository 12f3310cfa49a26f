#!/usr/bin/env bash
# --compress-debug-sections=TYPE writes the output's .debug_* sections compressed, as
# GNU ld 2.40 does: zlib (= zlib-gabi) and zstd give SHF_COMPRESSED sections holding an
# Elf64_Chdr (ch_type, ch_size = the uncompressed size, ch_addralign) and the
# compressed bytes, aligned 8; a section that compression would not make smaller stays
# as it is; zlib-gnu gives .zdebug_* sections ("ZLIB", big-endian size, zlib stream).
# The DWARF must read back byte for byte as the uncompressed (none) output's, tools
# must find source lines through it, and the result must not depend on --threads. One
# .debug_str larger than the linker's compression blocks checks that blocks compressed
# apart join into one valid stream. rivet used to accept the option and write the
# sections uncompressed.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools addr2line objcopy

cat >cds_util.c <<'EOF'
int cds_scale(int x) {
  int y = x * 7;
  return y - 3;
}
EOF
# Three thousand globals with long names: over 1 MiB of .debug_str.
awk 'BEGIN {
  for (i = 0; i < 3000; i++) {
    name = sprintf("cds_global_%04d", i)
    for (k = 0; k < 80; k++) name = name sprintf("_%x", (i * 7919 + k * 104729) % 1000003)
    printf "int %s = %d;\n", name, i
  }
}' >cds_globals.c
cat >cds_main.c <<'EOF'
#include <stdio.h>
int cds_scale(int);
struct cds_pair { int left, right; };
static struct cds_pair cds_table[4] = {{1, 2}, {3, 4}, {5, 6}, {7, 8}};
int cds_compute(int n) {
  int s = 0;
  for (int i = 0; i < n; i++)
    s += cds_scale(cds_table[i % 4].left + cds_table[i % 4].right);
  return s;
}
int main(void) {
  printf("compute(10) = %d\n", cds_compute(10));
  return 0;
}
EOF
compile_c -O1 -g -o cds_util.o cds_util.c
compile_c -O1 -g -o cds_main.o cds_main.c
compile_c -O0 -g -o cds_globals.o cds_globals.c
objs=(cds_main.o cds_util.o cds_globals.o)
want_stdout="compute(10) = 544"

link_rivet cds.none.rivet "${objs[@]}" -Wl,--compress-debug-sections=none
link_bfd cds.none.bfd "${objs[@]}"
run_rivet_expect cds.none "$want_stdout"
debug_sections=$(section_names cds.none.rivet | grep '^\.debug_' || true)
for s in .debug_info .debug_str .debug_line .debug_abbrev; do
  printf '%s\n' "$debug_sections" | grep -qx -- "$s" || fail "test setup: expected $s in rivet's uncompressed output, sections: $(printf '%s' "$debug_sections" | tr '\n' ' ')"
done
str_size=$(hex_to_dec "$(section_field cds.none.rivet .debug_str size)")
[ "$str_size" -gt $((1 << 20)) ] || fail "test setup: expected .debug_str over 1 MiB, it is $str_size bytes"
for s in $debug_sections; do
  assert_not_contains "$(section_field cds.none.rivet "$s" flags)" C "flags of $s with --compress-debug-sections=none"
done

# dump_section FILE SECTION OUT: the section's bytes as they are in FILE.
dump_section() {
  objcopy --dump-section "$2=$3" "$1" "$3.scratch" || fail "objcopy could not dump $2 of $1"
}
for s in $debug_sections; do
  dump_section cds.none.rivet "$s" "none$s.bin"
done
# The DWARF as readelf decodes it, without the lines that name the section's file layout.
dwarf_text() {
  readelf -w --decompress "$1" 2>&1 | grep -v -e '^Contents of' -e '^ *Offset' -e '^$' || true
}
dwarf_text cds.none.rivet >none.dwarf
grep -q cds_compute none.dwarf || fail "test setup: readelf -w of rivet's uncompressed output does not mention cds_compute"

# u64_in FILE OFFSET: the little-endian 64-bit number at a file offset, in decimal.
u64_in() {
  od -An -v -t u8 -j "$2" -N 8 "$1" | tr -d ' '
}

# backtrace EXE: the frames gdb shows at a breakpoint on cds_scale, without addresses.
backtrace() {
  gdb -nx -batch -ex 'break cds_scale' -ex run -ex bt "$1" 2>&1 | sed -n 's/^\(#[0-9]*\) *\(0x[0-9a-f]* in \)\{0,1\}/\1 /p' || true
}
can_gdb=0
if command -v gdb >/dev/null 2>&1; then
  case "$(backtrace ./cds.none.bfd)" in
    *"cds_compute"*"cds_main.c:"*) can_gdb=1 ;;
    *) note "gdb cannot run programs here (checked on ld.bfd's output): the gdb check is left out" ;;
  esac
fi

bfd_missing=()
for mode in zlib zstd; do
  case $mode in
    zlib) ch_type=1 ;; # ELFCOMPRESS_ZLIB
    zstd) ch_type=2 ;; # ELFCOMPRESS_ZSTD
  esac
  out=cds.$mode.rivet
  link_rivet "$out" "${objs[@]}" -Wl,--compress-debug-sections=$mode
  bfd_out=cds.$mode.bfd
  if ! link_bfd "$bfd_out" "${objs[@]}" -Wl,--compress-debug-sections=$mode 2>"$bfd_out.err"; then
    note "ld.bfd cannot write --compress-debug-sections=$mode: $(head -n 2 "$bfd_out.err")"
    bfd_missing+=("$mode")
    bfd_out=
  fi
  run_rivet_expect cds.$mode "$want_stdout"

  # Section flags: the large sections are compressed; each .debug section is
  # compressed exactly when ld.bfd's is; nothing else is.
  for s in .debug_info .debug_str; do
    assert_contains "$(section_field "$out" "$s" flags)" C "$out: flags of $s (SHF_COMPRESSED)"
  done
  for s in $debug_sections; do
    flags=$(section_field "$out" "$s" flags)
    if [ -n "$bfd_out" ]; then
      bfd_flags=$(section_field "$bfd_out" "$s" flags)
      assert_eq "$flags" "$bfd_flags" "$out: flags of $s (as ld.bfd's $bfd_out)"
    fi
    case $flags in
      *C*)
        assert_eq "$(section_field "$out" "$s" align)" 8 "$out: sh_addralign of compressed $s (the Elf64_Chdr's)"
        off=$(hex_to_dec "$(section_field "$out" "$s" off)")
        assert_eq "$(od -An -v -t u4 -j "$off" -N 4 "$out" | tr -d ' ')" "$ch_type" "$out: ch_type of $s"
        assert_eq "$(u64_in "$out" $((off + 8)))" "$(hex_to_dec "$(section_field cds.none.rivet "$s" size)")" \
          "$out: ch_size of $s (its size in the uncompressed output)"
        assert_eq "$(u64_in "$out" $((off + 16)))" "$(section_field cds.none.rivet "$s" align)" \
          "$out: ch_addralign of $s (its alignment in the uncompressed output)"
        size=$(hex_to_dec "$(section_field "$out" "$s" size)")
        [ "$size" -lt "$(hex_to_dec "$(section_field cds.none.rivet "$s" size)")" ] ||
          fail "$out: compressed $s ($size bytes) is not smaller than uncompressed"
        ;;
    esac
  done
  for s in .symtab .strtab .shstrtab .comment; do
    ! has_section "$out" "$s" || assert_not_contains "$(section_field "$out" "$s" flags)" C "$out: flags of $s (not a debug section)"
  done

  # The same DWARF as the uncompressed output, byte for byte and as decoded.
  run objcopy --decompress-debug-sections "$out" "$out.inflated"
  for s in $debug_sections; do
    dump_section "$out.inflated" "$s" "$mode$s.bin"
    cmp -s "none$s.bin" "$mode$s.bin" ||
      fail "$out: $s decompressed differs from the uncompressed output's ($(stat -c %s "$mode$s.bin") vs $(stat -c %s "none$s.bin") bytes)"
  done
  dwarf_text "$out" >"$mode.dwarf"
  cmp -s none.dwarf "$mode.dwarf" ||
    fail "$out: readelf -w --decompress differs from the uncompressed output's:"$'\n'"$(diff none.dwarf "$mode.dwarf" | head -n 20 || true)"

  # Tools read source lines through it.
  for fn in cds_compute cds_scale; do
    want=$(addr2line -e cds.none.rivet "$(symbol_field cds.none.rivet "$fn" value)")
    got=$(addr2line -e "$out" "$(symbol_field "$out" "$fn" value)")
    case "$want" in *\?*) fail "test setup: addr2line could not map $fn in the uncompressed output ($want)" ;; esac
    assert_eq "${got##*/}" "${want##*/}" "$out: addr2line for $fn (file:line)"
  done
  if [ "$can_gdb" = 1 ]; then
    bt=$(backtrace "./$out")
    assert_contains "$bt" "#0 cds_scale (" "$out: gdb's backtrace at the breakpoint on cds_scale"
    assert_contains "$bt" ") at cds_util.c:" "$out: gdb's backtrace, the source line in cds_scale"
    assert_contains "$bt" ") at cds_main.c:8" "$out: gdb's backtrace, the line of the call in cds_compute"
    assert_eq "$bt" "$(backtrace ./cds.none.rivet)" "$out: gdb's backtrace (as with the uncompressed output)"
  fi

  elflint_compare "$out" "${bfd_out:-cds.none.bfd}"

  # Independent of the thread count; the option's separate-argument spelling is the same.
  link_rivet "$out.t1" "${objs[@]}" -Wl,--compress-debug-sections=$mode -Wl,--threads=1
  link_rivet "$out.t4" "${objs[@]}" -Wl,--compress-debug-sections=$mode -Wl,--threads=4
  cmp -s "$out.t1" "$out.t4" || fail "$out: --threads=1 and --threads=4 outputs differ"
  cmp -s "$out" "$out.t1" || fail "$out: the output with --threads=1 differs from the default's"
  link_rivet "$out.sep" "${objs[@]}" -Wl,--compress-debug-sections,$mode
  cmp -s "$out" "$out.sep" || fail "$out: '--compress-debug-sections $mode' gave another output than '--compress-debug-sections=$mode'"
done

# zlib-gnu: .zdebug_* sections where ld.bfd writes them, inflating to the same DWARF.
out=cds.zlib-gnu.rivet
link_rivet "$out" "${objs[@]}" -Wl,--compress-debug-sections=zlib-gnu
run_rivet_expect cds.zlib-gnu "$want_stdout"
zdebug=$(section_names "$out" | grep '^\.zdebug_' | LC_ALL=C sort | tr '\n' ' ' || true)
assert_contains "$zdebug" ".zdebug_info " "$out: renamed sections"
if link_bfd cds.zlib-gnu.bfd "${objs[@]}" -Wl,--compress-debug-sections=zlib-gnu 2>cds.zlib-gnu.bfd.err; then
  assert_eq "$zdebug" "$(section_names cds.zlib-gnu.bfd | grep '^\.zdebug_' | LC_ALL=C sort | tr '\n' ' ' || true)" \
    "$out: .zdebug_* sections (as ld.bfd's)"
  elflint_compare "$out" cds.zlib-gnu.bfd
else
  bfd_missing+=(zlib-gnu)
fi
off=$(hex_to_dec "$(section_field "$out" .zdebug_info off)")
assert_eq "$(od -An -v -c -j "$off" -N 4 "$out" | tr -d ' ')" ZLIB "$out: magic of .zdebug_info"
assert_eq "$(od -An -v -t x1 -j $((off + 4)) -N 8 "$out" | tr -d ' ')" \
  "$(printf '%016x' "$(hex_to_dec "$(section_field cds.none.rivet .debug_info size)")")" \
  "$out: big-endian size in .zdebug_info's header"
assert_not_contains "$(section_field "$out" .zdebug_info flags)" C "$out: flags of .zdebug_info (no SHF_COMPRESSED)"
run objcopy --decompress-debug-sections "$out" "$out.inflated"
for s in $debug_sections; do
  dump_section "$out.inflated" "$s" "gnu$s.bin"
  cmp -s "none$s.bin" "gnu$s.bin" || fail "$out: $s decompressed differs from the uncompressed output's"
done

# A type GNU ld does not know: one error line naming it, status 1, no output.
for spelling in "--compress-debug-sections=lzma" "--compress-debug-sections lzma"; do
  # shellcheck disable=SC2086 # the spelling is one or two words
  expect_link_error bad.out "lzma" -- "$LD_RIVET" $spelling cds_util.o -o bad.out
  expect_one_error_line
  assert_eq "$(printf '%s\n' "$LINK_STDERR" | wc -l)" 1 "lines on stderr for $spelling"
done

[ ${#bfd_missing[@]} = 0 ] || skip "rivet passed, but ld.bfd could not write ${bfd_missing[*]} to compare with"
