# shellcheck shell=bash
#
# Helpers for rivet's end-to-end tests. Every test script does
#
#     source "$RIVET_SRC/test/e2e/lib.sh"
#
# and then builds small programs, links each one twice -- with rivet (through
# `gcc -B$RIVET_BUILD/libexec/rivet`, or clang's --ld-path) and with GNU ld.bfd as the
# reference -- runs both and compares, then checks ELF facts of rivet's output with
# readelf.
#
# Environment (set by test/CMakeLists.txt):
#   RIVET_BUILD  the CMake build directory; holds tools/ld.rivet and libexec/rivet/ld
#   RIVET_SRC    the source checkout
#
# Exit status: 0 pass, 1 fail, 77 skip. A test skips only when a tool it needs is not
# installed on this machine; a missing or broken rivet build is a failure.

set -Eeuo pipefail
# Without this, a failing command inside $(...) would not stop the substitution.
shopt -s inherit_errexit

# `readelf ... | grep -q PATTERN` (and nm's): grep leaves at its first match, and the
# tool, still writing, dies of SIGPIPE, which pipefail would count as the pipeline
# failing whenever its output is longer than what was read before the match. Dying
# of SIGPIPE is not the tool failing.
_sigpipe_is_fine() {
  local status=$?
  [ "$status" = 141 ] || return "$status"
}
readelf() { command readelf "$@" || _sigpipe_is_fine; }
nm() { command nm "$@" || _sigpipe_is_fine; }

TEST_NAME=$(basename -- "$0" .sh)

# ---------------------------------------------------------------------------
# Reporting

# fail MESSAGE...: stop the test; MESSAGE says what was expected and what came out.
fail() {
  printf 'FAIL [%s]: %s\n' "$TEST_NAME" "$*" >&2
  exit 1
}

# skip MESSAGE...: only for a tool that is not installed here.
skip() {
  printf 'SKIP [%s]: %s\n' "$TEST_NAME" "$*" >&2
  exit 77
}

note() {
  printf '# %s\n' "$*" >&2
}

# run CMD...: print the command, then run it (so a failing step is visible in the log).
run() {
  printf '+ %s\n' "$*" >&2
  "$@"
}

# A command that set -e kills the test on should still say which line it was.
_on_err() {
  local rc=$? file=${BASH_SOURCE[1]:-$0} line=${BASH_LINENO[0]}
  [ "$rc" -eq 77 ] || printf 'FAIL [%s]: command exited %s at %s line %s: %s\n' "$TEST_NAME" "$rc" "${file##*/}" "$line" "$BASH_COMMAND" >&2
}
trap _on_err ERR

# ---------------------------------------------------------------------------
# Environment and tools

[ -n "${RIVET_BUILD:-}" ] || fail "RIVET_BUILD is not set (expected the CMake build directory)"
[ -n "${RIVET_SRC:-}" ] || fail "RIVET_SRC is not set (expected the source checkout)"
RIVET_BUILD=$(cd -- "$RIVET_BUILD" && pwd) || fail "RIVET_BUILD=$RIVET_BUILD is not a directory"
RIVET_SRC=$(cd -- "$RIVET_SRC" && pwd) || fail "RIVET_SRC=$RIVET_SRC is not a directory"

LD_RIVET="$RIVET_BUILD/tools/ld.rivet"
RIVET_LIBEXEC="$RIVET_BUILD/libexec/rivet"

# require_tools TOOL...: skip the test when one of the tools is not installed.
require_tools() {
  local t
  for t in "$@"; do
    command -v "$t" >/dev/null 2>&1 || skip "required tool '$t' is not installed"
  done
}

# require_static_lib DRIVER LIB...: skip when the toolchain has no static LIB (libc.a,
# libstdc++.a, libpthread.a...), since then no -static link is possible at all.
require_static_lib() {
  local driver=$1 lib path
  shift
  for lib in "$@"; do
    path=$("$driver" -print-file-name="$lib")
    case "$path" in
      /*) [ -f "$path" ] || skip "$driver has no static $lib (-print-file-name gave $path)" ;;
      *) skip "$driver has no static $lib (-print-file-name gave '$path')" ;;
    esac
  done
}

require_tools gcc ld.bfd readelf eu-elflint timeout diff cmp od
require_static_lib gcc libc.a

[ -x "$LD_RIVET" ] || fail "expected the rivet linker at RIVET_BUILD/tools/ld.rivet, found nothing executable there ($LD_RIVET)"
[ -x "$RIVET_LIBEXEC/ld" ] || fail "expected RIVET_BUILD/libexec/rivet/ld (symlink to ld.rivet), found nothing executable there ($RIVET_LIBEXEC/ld)"

# If gcc did not find our `ld` in the -B directory it would silently link with the
# system linker and every comparison would pass. Make sure it resolves to ours.
_gcc_ld=$(gcc -B"$RIVET_LIBEXEC/" -print-prog-name=ld)
[ "$_gcc_ld" = "$RIVET_LIBEXEC/ld" ] ||
  fail "expected 'gcc -B$RIVET_LIBEXEC/ -print-prog-name=ld' to give $RIVET_LIBEXEC/ld, got '$_gcc_ld'"
unset _gcc_ld

# ---------------------------------------------------------------------------
# Scratch directory: a fresh directory under the current one (ctest gives each test its
# own working directory), so files left by an earlier run never satisfy a check.

T="$PWD/$TEST_NAME.tmp"
rm -rf -- "$T"
mkdir -p -- "$T"

# ---------------------------------------------------------------------------
# Thread-count independence: every link a test makes, through LD_RIVET or gcc -B, is
# made with --threads=1 and --threads=16 as well, and all three must agree byte for
# byte, in exit status and in messages (common/threads-check-ld). A test whose links
# must be the linker's own process (it signals or times it) sets
# RIVET_THREADS_CHECK=off before sourcing this file.
_threads_check_dir="$T.threads-check"
if [ "${RIVET_THREADS_CHECK:-on}" != off ]; then
  rm -rf -- "$_threads_check_dir"
  mkdir -p -- "$_threads_check_dir/libexec"
  ln -s "$RIVET_SRC/test/e2e/common/threads-check-ld" "$_threads_check_dir/libexec/ld"
  export RIVET_REAL_LD=$LD_RIVET
  export RIVET_THREADS_CHECK_LOG="$_threads_check_dir/failures.log"
  LD_RIVET="$_threads_check_dir/libexec/ld"
  RIVET_LIBEXEC="$_threads_check_dir/libexec"
  _threads_check_verdict() {
    local rc=$?
    if [ -s "$RIVET_THREADS_CHECK_LOG" ]; then
      printf 'FAIL [%s]: a link depends on the thread count:\n' "$TEST_NAME" >&2
      cat -- "$RIVET_THREADS_CHECK_LOG" >&2
      exit 1
    fi
    exit "$rc"
  }
  trap _threads_check_verdict EXIT
fi
cd -- "$T"

# ---------------------------------------------------------------------------
# Compiling. Arguments go straight to the compiler, after -c:
#   compile_c -O2 -o main.o main.c

compile_c() { run gcc -c "$@"; }
compile_cxx() { run g++ -c "$@"; }
compile_clang() { run clang -c "$@"; }
compile_clangxx() { run clang++ -c "$@"; }

# ---------------------------------------------------------------------------
# Linking. link_rivet OUT ARGS... / link_bfd OUT ARGS... link a static executable with
# the gcc driver; the _cxx variants use g++, the _clang variants clang / clang++.
# link_both BASE ARGS... produces BASE.rivet and BASE.bfd from the same arguments.

link_rivet() {
  local out=$1
  shift
  run gcc -static -B"$RIVET_LIBEXEC/" -o "$out" "$@"
}
link_bfd() {
  local out=$1
  shift
  run gcc -static -fuse-ld=bfd -o "$out" "$@"
}
link_rivet_cxx() {
  local out=$1
  shift
  run g++ -static -B"$RIVET_LIBEXEC/" -o "$out" "$@"
}
link_bfd_cxx() {
  local out=$1
  shift
  run g++ -static -fuse-ld=bfd -o "$out" "$@"
}
link_rivet_clang() {
  local out=$1
  shift
  run clang -static --ld-path="$LD_RIVET" -o "$out" "$@"
}
link_bfd_clang() {
  local out=$1
  shift
  run clang -static -fuse-ld=bfd -o "$out" "$@"
}
link_rivet_clangxx() {
  local out=$1
  shift
  run clang++ -static --ld-path="$LD_RIVET" -o "$out" "$@"
}
link_bfd_clangxx() {
  local out=$1
  shift
  run clang++ -static -fuse-ld=bfd -o "$out" "$@"
}

link_both() {
  local base=$1
  shift
  link_bfd "$base.bfd" "$@"
  link_rivet "$base.rivet" "$@" || fail "rivet failed to link $base (ld.bfd linked the same inputs)"
}
link_both_cxx() {
  local base=$1
  shift
  link_bfd_cxx "$base.bfd" "$@"
  link_rivet_cxx "$base.rivet" "$@" || fail "rivet failed to link $base (ld.bfd linked the same inputs)"
}
link_both_clang() {
  local base=$1
  shift
  link_bfd_clang "$base.bfd" "$@"
  link_rivet_clang "$base.rivet" "$@" || fail "rivet failed to link $base (ld.bfd linked the same inputs)"
}
link_both_clangxx() {
  local base=$1
  shift
  link_bfd_clangxx "$base.bfd" "$@"
  link_rivet_clangxx "$base.rivet" "$@" || fail "rivet failed to link $base (ld.bfd linked the same inputs)"
}

# ---------------------------------------------------------------------------
# Running.
#
# run_both_and_compare BASE [--stdin FILE] [--] [ARGS...]
#   Runs ./BASE.bfd and ./BASE.rivet with the same arguments and standard input, and
#   fails unless both exit with the same status and print the same stdout. Leaves
#   BASE.{bfd,rivet}.{stdout,stderr,status} behind for further checks.

RUN_TIMEOUT=${RIVET_TEST_RUN_TIMEOUT:-60}

_run_one() {
  local exe=$1 stdin=$2
  shift 2
  local status=0
  timeout "$RUN_TIMEOUT" "./$exe" "$@" <"$stdin" >"$exe.stdout" 2>"$exe.stderr" || status=$?
  echo "$status" >"$exe.status"
}

run_both_and_compare() {
  local base=$1 stdin=/dev/null
  shift
  while [ $# -gt 0 ]; do
    case "$1" in
      --stdin)
        stdin=$2
        shift 2
        ;;
      --)
        shift
        break
        ;;
      *) break ;;
    esac
  done
  [ -f "$base.bfd" ] || fail "run_both_and_compare: $base.bfd was not linked"
  [ -f "$base.rivet" ] || fail "run_both_and_compare: $base.rivet was not linked"
  printf '+ ./%s.{bfd,rivet} %s\n' "$base" "$*" >&2
  _run_one "$base.bfd" "$stdin" "$@"
  _run_one "$base.rivet" "$stdin" "$@"
  local sb sr
  sb=$(cat "$base.bfd.status")
  sr=$(cat "$base.rivet.status")
  if [ "$sb" != "$sr" ]; then
    fail "$base: expected exit status $sb (as the ld.bfd-linked program), rivet's exited $sr" \
      "$(_status_hint "$sr")"$'\n'"rivet's stderr:"$'\n'"$(head -c 4000 "$base.rivet.stderr")"$'\n'"rivet's stdout (first lines):"$'\n'"$(head -n 20 "$base.rivet.stdout")"
  fi
  if ! cmp -s "$base.bfd.stdout" "$base.rivet.stdout"; then
    fail "$base: expected the same stdout as the ld.bfd-linked program; diff (bfd -> rivet):"$'\n'"$(diff -u --label bfd --label rivet "$base.bfd.stdout" "$base.rivet.stdout" | head -n 80 || true)"
  fi
}

_status_hint() {
  case "$1" in
    124) echo "(timed out after ${RUN_TIMEOUT}s)" ;;
    139) echo "(SIGSEGV)" ;;
    134) echo "(SIGABRT)" ;;
    132) echo "(SIGILL)" ;;
    135) echo "(SIGBUS)" ;;
    136) echo "(SIGFPE)" ;;
    *) echo "" ;;
  esac
}

# expect_stdout BASE TEXT: both runs printed exactly TEXT (plus a final newline). The
# bfd side is checked too: if it is wrong, the test program itself is wrong.
expect_stdout() {
  local base=$1 want=$2 side
  printf '%s\n' "$want" >"$base.expected"
  for side in bfd rivet; do
    if ! cmp -s "$base.expected" "$base.$side.stdout"; then
      fail "$base.$side: expected stdout (-) differs from what it printed (+):"$'\n'"$(diff -u --label expected --label "$side" "$base.expected" "$base.$side.stdout" | head -n 80 || true)"
    fi
  done
}

# expect_status BASE N: both runs exited with status N.
expect_status() {
  local base=$1 want=$2 side got
  for side in bfd rivet; do
    got=$(cat "$base.$side.status")
    [ "$got" = "$want" ] || fail "$base.$side: expected exit status $want, got $got $(_status_hint "$got")"
  done
}

# ---------------------------------------------------------------------------
# eu-elflint.
#
# elflint_compare RIVET_OUT BFD_OUT   (or elflint_compare BASE for BASE.rivet/BASE.bfd)
#   Runs `eu-elflint --gnu-ld` on both and fails if rivet's output draws any message that
#   bfd's output does not. Messages are compared with the file name removed and with
#   section indices, symbol-table indices and note offsets replaced by '#': those
#   numbers depend on how many sections and symbols a linker emits and in what order,
#   not on whether the ELF is valid, while the section name, symbol name and complaint
#   are kept.

_elflint_messages() {
  local file=$1
  # eu-elflint exits 1 when it has something to say; the messages are what we compare.
  eu-elflint --gnu-ld "$file" 2>&1 | sed \
    -e "s|$file||g" \
    -e 's/\[ *[0-9][0-9]*\]/[#]/g' \
    -e 's/symbol [0-9][0-9]* /symbol # /g' \
    -e 's/at offset [0-9][0-9]*/at offset #/g' \
    -e '/^No errors$/d' \
    -e '/^[[:space:]]*$/d' |
    LC_ALL=C sort -u || true
}

elflint_compare() {
  local rivet_out bfd_out
  if [ $# -eq 1 ]; then
    rivet_out=$1.rivet
    bfd_out=$1.bfd
  else
    rivet_out=$1
    bfd_out=$2
  fi
  [ -f "$rivet_out" ] || fail "elflint_compare: $rivet_out does not exist"
  [ -f "$bfd_out" ] || fail "elflint_compare: $bfd_out does not exist"
  _elflint_messages "$rivet_out" >"$rivet_out.elflint"
  _elflint_messages "$bfd_out" >"$bfd_out.elflint"
  local extra
  extra=$(LC_ALL=C comm -23 "$rivet_out.elflint" "$bfd_out.elflint")
  if [ -n "$extra" ]; then
    fail "expected eu-elflint --gnu-ld to find nothing in $rivet_out that it does not also find in $bfd_out; rivet-only messages:"$'\n'"$extra"
  fi
}

# ---------------------------------------------------------------------------
# readelf helpers. All look at the static symbol table (.symtab) and section headers.

# section_field FILE NAME FIELD: FIELD is one of type addr off size es flags align.
# Prints nothing when FILE has no section NAME.
section_field() {
  local file=$1 name=$2 field=$3
  readelf -SW "$file" | sed -n 's/^ *\[ *[0-9][0-9]*\] //p' | awk -v n="$name" -v f="$field" '
    $1 == n {
      # Name Type Address Off Size ES Flg Lk Inf Al  (Flg may be empty)
      if (NF == 10) { flg = $7; lk = 8 } else { flg = ""; lk = 7 }
      if (f == "type") print $2
      else if (f == "addr") print $3
      else if (f == "off") print $4
      else if (f == "size") print $5
      else if (f == "es") print $6
      else if (f == "flags") print flg
      else if (f == "align") print $(lk + 2)
      n = "\001"   # print the first match only; reading on keeps the pipe drained
    }'
}

has_section() {
  readelf -SW "$1" | sed -n 's/^ *\[ *[0-9][0-9]*\] //p' | awk -v n="$2" '$1 == n { found = 1 } END { exit !found }'
}

section_names() {
  readelf -SW "$1" | sed -n 's/^ *\[ *[0-9][0-9]*\] //p' | awk '{ print $1 }'
}

# symtab FILE: the .symtab rows as "value size type bind vis ndx name". readelf names
# OS-specific types and bindings (STT_GNU_IFUNC, STB_GNU_UNIQUE) only when EI_OSABI is
# GNU; otherwise it prints "<OS specific>: 10", which becomes one field OS_SPECIFIC_10.
symtab() {
  readelf -sW "$1" | sed -e 's/<OS specific>: */OS_SPECIFIC_/g' -e 's/<processor specific>: */PROC_SPECIFIC_/g' | awk -v q="'.symtab'" '
    /^Symbol table / { in_symtab = ($3 == q); next }
    in_symtab && $1 ~ /^[0-9]+:$/ && NF >= 8 { print $2, $3, $4, $5, $6, $7, $8 }'
}

# symbol_count FILE NAME: how many .symtab entries are named NAME.
symbol_count() {
  symtab "$1" | awk -v n="$2" '$7 == n { c++ } END { print c + 0 }'
}

# symbol_field FILE NAME FIELD (value size type bind vis ndx) of the first entry NAME.
symbol_field() {
  symtab "$1" | awk -v n="$2" -v f="$3" '
    $7 == n {
      if (f == "value") print $1; else if (f == "size") print $2; else if (f == "type") print $3
      else if (f == "bind") print $4; else if (f == "vis") print $5; else if (f == "ndx") print $6
      n = "\001"   # first match only
    }'
}

# section_name_by_index FILE IDX
section_name_by_index() {
  readelf -SW "$1" | sed -n 's/^ *\[ *\([0-9][0-9]*\)\] /\1 /p' | awk -v i="$2" '$1 == i { print $2 }'
}

# phdr_rows FILE TYPE: program header rows of TYPE as
# "offset vaddr paddr filesz memsz flags align" (flags without spaces, e.g. RW, RE, R).
phdr_rows() {
  readelf -lW "$1" | awk -v t="$2" '
    $1 == t {
      flags = ""
      for (i = 7; i < NF; i++) flags = flags $i
      print $2, $3, $4, $5, $6, flags, $NF
    }'
}

# section_u64s FILE NAME: the section contents as little-endian 64-bit words, in hex
# without 0x, one per line.
section_u64s() {
  local file=$1 name=$2 off size
  off=$(section_field "$file" "$name" off)
  size=$(section_field "$file" "$name" size)
  [ -n "$off" ] || fail "section_u64s: $file has no section $name"
  od -An -v -t x8 -j $((16#$off)) -N $((16#$size)) "$file" | tr -s ' ' '\n' | sed '/^$/d'
}

# pointer_array_symbols FILE SECTION: for a section of function pointers (.init_array,
# .fini_array...), one line per entry naming the FUNC symbol(s) at that address.
pointer_array_symbols() {
  local file=$1 sec=$2 words w
  words=$(section_u64s "$file" "$sec")
  symtab "$file" | awk '$3 == "FUNC" { print $1, $7 }' >"$file.funcs"
  for w in $words; do
    awk -v a="$w" '$1 == a { printf "%s ", $2 }' "$file.funcs"
    echo
  done
}

# hex_to_dec HEX (with or without 0x)
hex_to_dec() {
  local h=${1#0x}
  echo $((16#$h))
}

# build_id FILE: the hex string of the NT_GNU_BUILD_ID note ("" if none).
build_id() {
  readelf -nW "$1" | awk '/Build ID:/ && !done { sub(/.*Build ID: */, ""); print $1; done = 1 }'
}

# tree_build_id FILE ALGORITHM: the build ID rivet (and lld) computes for FILE: the
# file with the ID's bytes zeroed, hashed in 1 MiB blocks, then the block digests
# hashed together.
tree_build_id() {
  local off
  off=$(hex_to_dec "$(section_field "$1" .note.gnu.build-id off)")
  python3 - "$1" "$2" "$off" <<'PYEOF'
import hashlib, sys
path, alg, off = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = bytearray(open(path, "rb").read())
size = hashlib.new(alg).digest_size
data[off + 16 : off + 16 + size] = bytes(size)
blocks = b"".join(hashlib.new(alg, data[i : i + (1 << 20)]).digest() for i in range(0, max(len(data), 1), 1 << 20))
print(hashlib.new(alg, blocks).hexdigest())
PYEOF
}

# ---------------------------------------------------------------------------
# Assertions.

assert_eq() {
  local got=$1 want=$2 what=$3
  [ "$got" = "$want" ] || fail "$what: expected '$want', got '$got'"
}

assert_contains() {
  local haystack=$1 needle=$2 what=$3
  case "$haystack" in
    *"$needle"*) ;;
    *) fail "$what: expected to contain '$needle', got:"$'\n'"$(printf '%s' "$haystack" | head -c 4000 || true)" ;;
  esac
}

assert_not_contains() {
  local haystack=$1 needle=$2 what=$3
  case "$haystack" in
    *"$needle"*) fail "$what: expected no '$needle', got:"$'\n'"$(printf '%s' "$haystack" | head -c 4000 || true)" ;;
    *) ;;
  esac
}

# assert_words_in_order FILE WHAT WORD...: each WORD occurs as a whole word on exactly
# one line of FILE, and those lines come in the given order.
assert_words_in_order() {
  local file=$1 what=$2 w n line prev=0 prev_w=""
  shift 2
  for w in "$@"; do
    n=$(grep -cw -- "$w" "$file" || true)
    [ "$n" = 1 ] || fail "$what: expected '$w' exactly once, found it $n times in:"$'\n'"$(cat "$file")"
    line=$(grep -nw -- "$w" "$file" | cut -d: -f1)
    [ "$line" -gt "$prev" ] ||
      fail "$what: expected '$w' after '$prev_w', but it comes at line $line, before line $prev, in:"$'\n'"$(cat "$file")"
    prev=$line
    prev_w=$w
  done
}

# ---------------------------------------------------------------------------
# Link errors.
#
# expect_link_error OUTPUT SUBSTRING... -- COMMAND...
#   Runs COMMAND (normally "$LD_RIVET" ... -o OUTPUT ...) and asserts: exit status 1;
#   stderr has at least one line starting with "ld.rivet: error: "; every SUBSTRING
#   occurs in stderr; and OUTPUT was not created -- or, if it existed before, that it
#   is byte-for-byte, inode and mtime unchanged. Leaves stderr in LINK_STDERR.

LINK_STDERR=

_file_stamp() {
  stat -c '%i %s %y' -- "$1"
}

# kill_link_midway "DELAYS" OUTPUT LINK-ARGS...: links OUTPUT with $LD_RIVET, the
# previous OUTPUT saying "previous output" ($before: its inode, mtime and size), and
# kills the link with SIGTERM after each delay in turn until one lands while it runs
# (exit status 143); fails if the link always finished first.
kill_link_midway() {
  local delays=$1 out=$2 delay status pid
  shift 2
  for delay in $delays; do
    printf 'previous output\n' >"$out"
    before=$(stat -c '%i %Y %s' "$out")
    "$LD_RIVET" "$@" -o "$out" &
    pid=$!
    sleep "$delay"
    kill -TERM "$pid" 2>/dev/null || true
    status=0
    wait "$pid" || status=$?
    [ "$status" = 143 ] && return
    [ "$status" = 0 ] || fail "expected the link to be killed (143) or to finish (0), got $status"
  done
  fail "could not kill the link while it was running (it always finished first)"
}

expect_link_error() {
  local out=$1
  shift
  local -a needles=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    needles+=("$1")
    shift
  done
  [ $# -gt 0 ] || fail "expect_link_error: missing '--' before the command"
  shift

  local existed=0 before_stamp="" before_copy="$out.before-link"
  if [ -e "$out" ]; then
    existed=1
    before_stamp=$(_file_stamp "$out")
    cp -p -- "$out" "$before_copy"
  fi

  printf '+ %s\n' "$*" >&2
  local status=0
  "$@" >"$out.link-stdout" 2>"$out.link-stderr" || status=$?
  LINK_STDERR=$(cat "$out.link-stderr")
  printf '%s\n' "$LINK_STDERR" >&2

  [ "$status" = 1 ] || fail "expected the link to fail with exit status 1, got $status $(_status_hint "$status"); stderr:"$'\n'"$LINK_STDERR"
  grep -q '^ld\.rivet: error: ' "$out.link-stderr" ||
    fail "expected a line starting with 'ld.rivet: error: ' on stderr, got:"$'\n'"$LINK_STDERR"
  local n
  for n in "${needles[@]}"; do
    assert_contains "$LINK_STDERR" "$n" "link error message"
  done

  if [ "$existed" = 1 ]; then
    [ -e "$out" ] || fail "expected the pre-existing output file $out to be left untouched by a failed link, but it was removed"
    cmp -s "$before_copy" "$out" || fail "expected the pre-existing output file $out to be left untouched by a failed link, but its contents changed"
    local after_stamp
    after_stamp=$(_file_stamp "$out")
    [ "$after_stamp" = "$before_stamp" ] ||
      fail "expected the pre-existing output file $out to be left untouched (inode size mtime '$before_stamp'), got '$after_stamp'"
  else
    [ ! -e "$out" ] || fail "expected no output file $out after a failed link, but it exists ($(stat -c %s -- "$out") bytes)"
  fi
}

# error_line_count: how many "ld.rivet: error: " lines the last expect_link_error saw.
error_line_count() {
  printf '%s\n' "$LINK_STDERR" | grep -c '^ld\.rivet: error: ' || true
}

# expect_one_error_line: the last failed link reported exactly one error.
expect_one_error_line() {
  local n
  n=$(error_line_count)
  [ "$n" = 1 ] || fail "expected exactly one 'ld.rivet: error:' line, got $n:"$'\n'"$LINK_STDERR"
}

# ---------------------------------------------------------------------------
# Freestanding objects for tests that call ld.rivet directly (no libc, no driver).

# make_start_object OUT.o: defines _start, which calls main() and exits with its result
# through the exit_group system call.
make_start_object() {
  cat >start.s <<'EOF'
	.text
	.globl _start
	.type _start, @function
_start:
	xorl %ebp, %ebp
	andq $-16, %rsp
	call main
	movl %eax, %edi
	movl $231, %eax
	syscall
	hlt
	.size _start, .-_start
	.section .note.GNU-stack,"",@progbits
EOF
  run as -o "$1" start.s
}

# ---------------------------------------------------------------------------
# Dynamic executables (the dyn-*.sh tests).
#
# dlink_rivet OUT ARGS... / dlink_bfd OUT ARGS... link a dynamically linked executable
# with the gcc driver: PIE unless ARGS say -no-pie. The _cxx, _clang and _clangxx
# variants use g++, clang and clang++. dlink_both BASE ARGS... produces BASE.rivet and
# BASE.bfd from the same arguments.

dlink_rivet() {
  local out=$1
  shift
  run gcc -B"$RIVET_LIBEXEC/" -o "$out" "$@"
}
dlink_bfd() {
  local out=$1
  shift
  run gcc -fuse-ld=bfd -o "$out" "$@"
}
dlink_rivet_cxx() {
  local out=$1
  shift
  run g++ -B"$RIVET_LIBEXEC/" -o "$out" "$@"
}
dlink_bfd_cxx() {
  local out=$1
  shift
  run g++ -fuse-ld=bfd -o "$out" "$@"
}
dlink_rivet_clang() {
  local out=$1
  shift
  run clang --ld-path="$LD_RIVET" -o "$out" "$@"
}
dlink_bfd_clang() {
  local out=$1
  shift
  run clang -fuse-ld=bfd -o "$out" "$@"
}
dlink_rivet_clangxx() {
  local out=$1
  shift
  run clang++ --ld-path="$LD_RIVET" -o "$out" "$@"
}
dlink_bfd_clangxx() {
  local out=$1
  shift
  run clang++ -fuse-ld=bfd -o "$out" "$@"
}

dlink_both() {
  local base=$1
  shift
  dlink_bfd "$base.bfd" "$@"
  dlink_rivet "$base.rivet" "$@" || fail "rivet failed to link $base (ld.bfd linked the same inputs)"
}
dlink_both_cxx() {
  local base=$1
  shift
  dlink_bfd_cxx "$base.bfd" "$@"
  dlink_rivet_cxx "$base.rivet" "$@" || fail "rivet failed to link $base (ld.bfd linked the same inputs)"
}
dlink_both_clang() {
  local base=$1
  shift
  dlink_bfd_clang "$base.bfd" "$@"
  dlink_rivet_clang "$base.rivet" "$@" || fail "rivet failed to link $base (ld.bfd linked the same inputs)"
}
dlink_both_clangxx() {
  local base=$1
  shift
  dlink_bfd_clangxx "$base.bfd" "$@"
  dlink_rivet_clangxx "$base.rivet" "$@" || fail "rivet failed to link $base (ld.bfd linked the same inputs)"
}

# build_shlib OUT SONAME ARGS...: a shared object for the executables under test to link
# against, built by gcc -shared -fPIC with ld.bfd (rivet does not write shared objects),
# with DT_SONAME SONAME. build_shlib_cxx uses g++.
build_shlib() {
  local out=$1 soname=$2
  shift 2
  run gcc -shared -fPIC -fuse-ld=bfd -Wl,-soname,"$soname" -o "$out" "$@"
}
build_shlib_cxx() {
  local out=$1 soname=$2
  shift 2
  run g++ -shared -fPIC -fuse-ld=bfd -Wl,-soname,"$soname" -o "$out" "$@"
}

# dyn_mode MODE sets the arrays MODE_CFLAGS (for compiling the executable's objects) and
# MODE_LDFLAGS (for linking it) for one of the ways an executable is built:
#   pie         gcc's default: -fPIE code (-fPIE spelled out), no option at link time
#   nopie       -fno-pic code linked -no-pie: COPY relocations, canonical PLT entries
#   fpie-nopie  -fPIE code linked -no-pie
DYN_MODES=(pie nopie fpie-nopie)
MODE_CFLAGS=()
MODE_LDFLAGS=()
dyn_mode() {
  case "$1" in
    pie)
      MODE_CFLAGS=(-fPIE)
      MODE_LDFLAGS=()
      ;;
    nopie)
      MODE_CFLAGS=(-fno-pic)
      MODE_LDFLAGS=(-no-pie)
      ;;
    fpie-nopie)
      MODE_CFLAGS=(-fPIE)
      MODE_LDFLAGS=(-no-pie)
      ;;
    *) fail "dyn_mode: unknown mode '$1' (expected one of ${DYN_MODES[*]})" ;;
  esac
}

# elf_type FILE: EXEC, DYN, REL...
elf_type() {
  readelf -hW "$1" | awk '$1 == "Type:" { print $2 }'
}

# interpreter FILE: the path PT_INTERP requests ("" if none).
interpreter() {
  readelf -lW "$1" | sed -n 's/.*\[Requesting program interpreter: \(.*\)\]$/\1/p'
}

# dynamic_tags FILE: the dynamic section as "TAG VALUE" rows, with readelf's wording
# stripped: "NEEDED libc.so.6", "SONAME libx.so", "RUNPATH $ORIGIN", "FLAGS BIND_NOW",
# "FLAGS_1 NOW PIE", "INIT_ARRAYSZ 8", "INIT 0x401000".
dynamic_tags() {
  readelf -dW "$1" | sed -n -E 's/^ *0x[0-9a-fA-F]+ \(([A-Za-z0-9_]+)\) +(.*)$/\1 \2/p' | sed -E \
    -e 's/^([A-Za-z0-9_]+) (Shared library|Library soname|Library runpath|Library rpath): \[(.*)\]$/\1 \3/' \
    -e 's/^([A-Za-z0-9_]+) Flags: */\1 /' \
    -e 's/ \(bytes\)$//'
}

# dynamic_values FILE TAG: the values of every TAG entry, one a line.
dynamic_values() {
  dynamic_tags "$1" | awk -v t="$2" '$1 == t { sub(/^[^ ]+ ?/, ""); print }'
}

has_dynamic_tag() {
  dynamic_tags "$1" | awk -v t="$2" '$1 == t { found = 1 } END { exit !found }'
}

# dynsym FILE: the .dynsym rows as "value size type bind vis ndx name version", where
# version is readelf's "@VER" / "@@VER" suffix cut off the name ("-" when there is none).
dynsym() {
  readelf --dyn-syms -W "$1" | sed -e 's/<OS specific>: */OS_SPECIFIC_/g' -e 's/<processor specific>: */PROC_SPECIFIC_/g' | awk -v q="'.dynsym'" '
    /^Symbol table / { in_dynsym = ($3 == q); next }
    in_dynsym && $1 ~ /^[0-9]+:$/ && NF >= 8 {
      name = $8; ver = "-"; i = index(name, "@")
      if (i > 1) { ver = substr(name, i); name = substr(name, 1, i - 1) }
      print $2, $3, $4, $5, $6, $7, name, ver
    }'
}

# dynsym_count FILE NAME: how many .dynsym entries are named NAME (any version).
dynsym_count() {
  dynsym "$1" | awk -v n="$2" '$7 == n { c++ } END { print c + 0 }'
}

# dynsym_field FILE NAME FIELD (value size type bind vis ndx version) of the first
# .dynsym entry NAME; nothing when there is none.
dynsym_field() {
  dynsym "$1" | awk -v n="$2" -v f="$3" '
    $7 == n {
      if (f == "value") print $1; else if (f == "size") print $2; else if (f == "type") print $3
      else if (f == "bind") print $4; else if (f == "vis") print $5; else if (f == "ndx") print $6
      else if (f == "version") print $8
      n = "\001"   # first match only
    }'
}

# dyn_relocs FILE: every dynamic relocation (.rela.dyn and .rela.plt) as
# "offset type symbol addend"; symbol is "-" for relocations without one (RELATIVE,
# IRELATIVE) and has any "@VERSION" cut off.
dyn_relocs() {
  readelf -rW "$1" | awk '
    /^Relocation section / { in_rel = 1; next }
    in_rel && $1 ~ /^[0-9a-f]+$/ && $3 ~ /^R_/ {
      if (NF >= 7) { sym = $5; add = $6 $7 } else { sym = "-"; add = $4 }
      i = index(sym, "@"); if (i > 1) sym = substr(sym, 1, i - 1)
      print $1, $3, sym, add
    }'
}

# dyn_reloc_count FILE TYPE [SYMBOL]: how many dynamic relocations of TYPE (e.g.
# R_X86_64_COPY) there are, against SYMBOL if given.
dyn_reloc_count() {
  dyn_relocs "$1" | awk -v t="$2" -v s="${3:-}" '$2 == t && (s == "" || $3 == s) { c++ } END { print c + 0 }'
}

# section_of_addr FILE ADDR: the allocated section (non-zero address) whose range
# holds the hex address ADDR; nothing when none does.
section_of_addr() {
  local file=$1 addr
  addr=$(hex_to_dec "$2")
  readelf -SW "$file" | sed -n 's/^ *\[ *[0-9][0-9]*\] //p' | while read -r name type a off size rest; do
    [ -n "$size" ] || continue
    case "$a" in *[!0-9a-fA-F]*) continue ;; esac
    local lo=$((16#$a)) sz=$((16#$size))
    if [ "$lo" -ne 0 ] && [ "$addr" -ge "$lo" ] && [ "$addr" -lt $((lo + sz)) ]; then
      echo "$name"
      break
    fi
  done
}

# addr_in_phdr FILE TYPE ADDR [LEN]: succeeds when [ADDR, ADDR+LEN) (hex ADDR, decimal
# LEN, default 1) lies inside the memory range of some program header of TYPE.
addr_in_phdr() {
  local file=$1 type=$2 addr len=${4:-1} off vaddr paddr filesz memsz flags align
  addr=$(hex_to_dec "$3")
  while read -r off vaddr paddr filesz memsz flags align; do
    [ -n "$vaddr" ] || continue
    local lo hi
    lo=$(hex_to_dec "$vaddr")
    hi=$((lo + $(hex_to_dec "$memsz")))
    if [ "$addr" -ge "$lo" ] && [ $((addr + len)) -le "$hi" ]; then
      return 0
    fi
  done < <(phdr_rows "$file" "$type")
  return 1
}

# assert_no_output_file FILE: a failed link left nothing behind.
assert_no_output_file() {
  [ ! -e "$1" ] || fail "expected no output file $1 after a failed link, but it exists ($(stat -c %s -- "$1") bytes)"
}

# u64_at FILE ADDR: the little-endian 64-bit word stored in FILE at virtual address ADDR
# (hex), in hex without 0x, as it is before the loader relocates anything. Fails when no
# section with file contents holds ADDR.
u64_at() {
  local file=$1 addr sec sec_addr sec_off
  addr=$(hex_to_dec "$2")
  sec=$(section_of_addr "$file" "$2")
  [ -n "$sec" ] || fail "u64_at: no section of $file holds address $2"
  [ "$(section_field "$file" "$sec" type)" != NOBITS ] || fail "u64_at: address $2 of $file is in NOBITS section $sec"
  sec_addr=$(hex_to_dec "$(section_field "$file" "$sec" addr)")
  sec_off=$(hex_to_dec "$(section_field "$file" "$sec" off)")
  od -An -v -t x8 -j $((sec_off + addr - sec_addr)) -N 8 "$file" | tr -d ' '
}

# run_rivet_expect BASE WANT [ARGS...]: runs ./BASE.rivet alone and fails unless it exits
# 0 and prints exactly WANT (plus a final newline). For behaviour where ld.bfd's output
# is known to differ from what is correct, so it cannot serve as the reference.
run_rivet_expect() {
  local base=$1 want=$2
  shift 2
  printf '+ ./%s.rivet %s\n' "$base" "$*" >&2
  _run_one "$base.rivet" /dev/null "$@"
  local st
  st=$(cat "$base.rivet.status")
  [ "$st" = 0 ] || fail "$base.rivet: expected exit status 0, got $st $(_status_hint "$st"); stderr:"$'\n'"$(head -c 4000 "$base.rivet.stderr")"
  printf '%s\n' "$want" >"$base.rivet.expected"
  cmp -s "$base.rivet.expected" "$base.rivet.stdout" ||
    fail "$base.rivet: expected stdout (-) differs from what it printed (+):"$'\n'"$(diff -u --label expected --label rivet "$base.rivet.expected" "$base.rivet.stdout" | head -n 80 || true)"
}

# ---------------------------------------------------------------------------
# Shared objects linked by rivet (the so-*.sh tests).
#
# so_link_rivet OUT ARGS... / so_link_bfd OUT ARGS... link a shared object with
# `gcc -shared -fPIC` (ARGS are sources, objects and options), with rivet or ld.bfd;
# the _cxx variants use g++. so_link_both LIB ARGS... makes rivet/LIB and bfd/LIB from
# the same arguments (creating both directories), so that -Lrivet / -Lbfd at link time
# and LD_LIBRARY_PATH=rivet / bfd at run time pick one or the other.

so_link_rivet() {
  local out=$1
  shift
  run gcc -shared -fPIC -B"$RIVET_LIBEXEC/" -o "$out" "$@"
}
so_link_bfd() {
  local out=$1
  shift
  run gcc -shared -fPIC -fuse-ld=bfd -o "$out" "$@"
}
so_link_rivet_cxx() {
  local out=$1
  shift
  run g++ -shared -fPIC -B"$RIVET_LIBEXEC/" -o "$out" "$@"
}
so_link_bfd_cxx() {
  local out=$1
  shift
  run g++ -shared -fPIC -fuse-ld=bfd -o "$out" "$@"
}
so_link_both() {
  local lib=$1
  shift
  mkdir -p rivet bfd
  so_link_bfd "bfd/$lib" "$@"
  so_link_rivet "rivet/$lib" "$@" || fail "rivet failed to link the shared object $lib (ld.bfd linked the same inputs)"
}
so_link_both_cxx() {
  local lib=$1
  shift
  mkdir -p rivet bfd
  so_link_bfd_cxx "bfd/$lib" "$@"
  so_link_rivet_cxx "rivet/$lib" "$@" || fail "rivet failed to link the shared object $lib (ld.bfd linked the same inputs)"
}

# so_elflint_compare LIB: elflint_compare rivet/LIB bfd/LIB.
so_elflint_compare() {
  elflint_compare "rivet/$1" "bfd/$1"
}

# so_dlink_matrix BASE ARGS... links a dynamic executable from the same ARGS four
# times, as BASE.LIBDIR-EXELINKER: against the libraries in rivet/ and in bfd/ (-L), each
# with rivet and with ld.bfd. BASE.bfd-bfd is the reference; BASE.rivet-bfd checks
# that ld.bfd accepts rivet's shared objects, BASE.bfd-rivet and BASE.rivet-rivet that
# rivet's executables work with either. so_dlink_matrix_cxx uses g++.
SO_PAIRS=(bfd-bfd bfd-rivet rivet-bfd rivet-rivet)
_so_dlink_matrix() {
  local drv=$1 base=$2 libdir
  shift 2
  for libdir in bfd rivet; do
    run "$drv" -fuse-ld=bfd -o "$base.$libdir-bfd" -L"$libdir" "$@"
    run "$drv" -B"$RIVET_LIBEXEC/" -o "$base.$libdir-rivet" -L"$libdir" "$@" ||
      fail "rivet failed to link the executable $base.$libdir-rivet against $libdir/ (ld.bfd linked the same inputs)"
  done
}
so_dlink_matrix() { _so_dlink_matrix gcc "$@"; }
so_dlink_matrix_cxx() { _so_dlink_matrix g++ "$@"; }

# so_run_matrix BASE [ARGS...] runs the four executables of so_dlink_matrix, each with
# LD_LIBRARY_PATH naming its library directory (and SO_DIR set to that directory, for
# programs that dlopen by path), and fails unless each exits with the status and prints
# the stdout of BASE.bfd-bfd. Leaves BASE.PAIR.{stdout,stderr,status} behind.
# It also works for executables linked without the libraries (dlopen tests).
so_run_one() {
  local exe=$1 libdir=$2
  shift 2
  local status=0
  LD_LIBRARY_PATH="$PWD/$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" SO_DIR="$PWD/$libdir" \
    timeout "$RUN_TIMEOUT" "./$exe" "$@" </dev/null >"$exe.stdout" 2>"$exe.stderr" || status=$?
  echo "$status" >"$exe.status"
}
so_run_matrix() {
  local base=$1 pair
  shift
  for pair in "${SO_PAIRS[@]}"; do
    [ -f "$base.$pair" ] || fail "so_run_matrix: $base.$pair was not linked"
    printf '+ LD_LIBRARY_PATH=%s ./%s.%s %s\n' "${pair%-*}" "$base" "$pair" "$*" >&2
    so_run_one "$base.$pair" "${pair%-*}" "$@"
  done
  local want got
  want=$(cat "$base.bfd-bfd.status")
  for pair in bfd-rivet rivet-bfd rivet-rivet; do
    got=$(cat "$base.$pair.status")
    [ "$got" = "$want" ] ||
      fail "$base.$pair (library by ${pair%-*}, executable by ${pair#*-}): expected exit status $want (as with both linked by ld.bfd), got $got $(_status_hint "$got")"$'\n'"its stderr:"$'\n'"$(head -c 4000 "$base.$pair.stderr")"$'\n'"its stdout (first lines):"$'\n'"$(head -n 20 "$base.$pair.stdout")"
    cmp -s "$base.bfd-bfd.stdout" "$base.$pair.stdout" ||
      fail "$base.$pair (library by ${pair%-*}, executable by ${pair#*-}): expected the stdout of $base.bfd-bfd; diff (bfd-bfd -> $pair):"$'\n'"$(diff -u --label bfd-bfd --label "$pair" "$base.bfd-bfd.stdout" "$base.$pair.stdout" | head -n 80 || true)"$'\n'"its stderr:"$'\n'"$(head -c 2000 "$base.$pair.stderr")"
  done
}

# so_expect_stdout BASE TEXT: every run of so_run_matrix printed exactly TEXT (plus a
# final newline); bfd-bfd is checked too, since if it is wrong the test itself is.
so_expect_stdout() {
  local base=$1 want=$2 pair
  printf '%s\n' "$want" >"$base.expected"
  for pair in "${SO_PAIRS[@]}"; do
    cmp -s "$base.expected" "$base.$pair.stdout" ||
      fail "$base.$pair: expected stdout (-) differs from what it printed (+):"$'\n'"$(diff -u --label expected --label "$pair" "$base.expected" "$base.$pair.stdout" | head -n 80 || true)"$'\n'"its stderr:"$'\n'"$(head -c 2000 "$base.$pair.stderr")"
  done
}

# dynamic_flags_1 FILE: the DT_FLAGS_1 words, one a line ("NOW", "NODELETE"...);
# dynamic_flags FILE: the DT_FLAGS words ("BIND_NOW", "STATIC_TLS"...).
dynamic_flags_1() {
  dynamic_values "$1" FLAGS_1 | tr ' ' '\n' | sed '/^$/d'
}
dynamic_flags() {
  dynamic_values "$1" FLAGS | tr ' ' '\n' | sed '/^$/d'
}

# assert_has_word LIST WORD WHAT: LIST (one word a line) contains WORD as a line.
assert_has_word() {
  local list=$1 word=$2 what=$3
  printf '%s\n' "$list" | grep -qx -- "$word" ||
    fail "$what: expected '$word', got: $(printf '%s' "$list" | tr '\n' ' ')"
}
assert_lacks_word() {
  local list=$1 word=$2 what=$3
  if printf '%s\n' "$list" | grep -qx -- "$word"; then
    fail "$what: expected no '$word', got: $(printf '%s' "$list" | tr '\n' ' ')"
  fi
}

# defined_dynsyms FILE: names of the defined .dynsym entries, "name version" sorted.
defined_dynsyms() {
  dynsym "$1" | awk '$6 != "UND" { print $7, $8 }' | LC_ALL=C sort
}

# verdefs FILE: the .gnu.version_d entries as "flags name [parent...]", one a line, in
# order; flags is readelf's "BASE" / "none" / "WEAK".
verdefs() {
  readelf -VW "$1" | awk '
    /^Version definition section/ { in_vd = 1; next }
    /^Version needs section/ || /^Version symbols section/ { in_vd = 0 }
    in_vd && /Rev:/ {
      if (line != "") print line
      flags = $0; sub(/.*Flags: */, "", flags); sub(/ +Index:.*/, "", flags)
      name = $0; sub(/.*Name: */, "", name)
      line = flags " " name
      next
    }
    in_vd && /Parent [0-9]+:/ { p = $0; sub(/.*Parent [0-9]+: */, "", p); line = line " " p }
    END { if (line != "") print line }'
}
