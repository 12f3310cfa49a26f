# shellcheck shell=bash
# The machinery of the `ld -r` differential corpus (reloc-differential-corpus*.sh),
# sourced after lib.sh.
#
# The linker under test writes relocatable output: RELOC_LD (default rivet, the
# ld.rivet of RIVET_BUILD) is run as `$RELOC_LD -r -o OUT INPUT...`. Setting
# RELOC_LD=ld.bfd checks the corpus itself; ld.lld works too.
#
# An input set is a bash function rc_<name> (dashes read as underscores) that runs in
# its own directory under the scratch directory, holding a copy of
# test/e2e/reloc-cases/<name>/. It uses:
#
#   rc_sources SET           copy another set's sources here as well
#   rc_cc DRIVER FLAG... -- SOURCE...
#                            compile each SOURCE to SOURCE-without-suffix.o
#   rc_ref TAG DRIVER ARG... [++ LIBARG...]
#                            the reference: link the original objects with ld.bfd
#                            through DRIVER (gcc, g++) into ref.TAG and run it. With
#                            `++`, LIBARG... first become ref.TAG.d/libcase.so
#                            (-shared), and the program is linked with -Lref.TAG.d.
#                            When the set has a file expected.TAG, the reference must
#                            print exactly that (the program checks itself).
#   rc_reloc OUT.r.o ARG...  OUT.r.o from `$RELOC_LD -r -o OUT.r.o ARG...`, and
#                            OUT.rbfd.o from `ld.bfd -r` of the same ARGs (where an
#                            earlier X.r.o is read as X.rbfd.o), then the structural
#                            checks below
#   rc_final TAG DRIVER ARG... [++ LIBARG...]
#                            link as rc_ref did, but from -r output, with ld.bfd,
#                            ld.lld and rivet (prog.TAG.bfd, .lld, .rivet); each must
#                            print what ref.TAG printed and exit as it did
#   rc_abc_and_main first|last
#                            the common set: a.c b.c c.c main.c, abc.r.o from a b c,
#                            main.o linked first or last (see the function)
#
# Every program is run with its library directory as argv[1] (for dlopen) and in
# LD_LIBRARY_PATH, stdin from /dev/null; stdout is compared, with "exit=N" appended.
#
# Checks of every -r output, against ld.bfd's -r output of the same inputs (all of
# them are made, and reported together):
#   - it is an ELF relocatable file (ET_REL);
#   - `nm -g`: the same global symbols with the same type letters (U stays U, W/V/w
#     stay weak, C stays C unless -d, u stays u, i stays i);
#   - .symtab: the same non-local symbols with the same binding, type, visibility,
#     size, and section class (UND, COM with its alignment, ABS, defined);
#   - the same relocation types (none resolved, relaxed or turned into NONE);
#   - COMDAT groups: each signature once and named, the same signatures as ld.bfd's,
#     and every signature of an input object present;
#   - a section named as input sections is aligned at least as much as each of them;
#   - .note.GNU-stack: the same (none, non-executable, executable) as ld.bfd's, and
#     non-executable when all input objects had a non-executable one;
#   - .note.gnu.property: the same properties (x86 IBT/SHSTK and ISA levels);
#   - eu-elflint --gnu-ld -q draws no message it does not draw for ld.bfd's output
#     (file names dropped, section and symbol indices read as '#').
#
# Sets run in parallel (RELOC_CORPUS_JOBS at a time, default the number of CPUs, at
# most 4); RELOC_CORPUS_ONLY=REGEX runs only the sets whose name matches. Each set's
# log is left in the scratch directory as <set>.log.

require_tools g++ clang clang++ ld.lld nm ar objdump

RC_CASES="$RIVET_SRC/test/e2e/reloc-cases"
RC_RUN_TIMEOUT=${RIVET_TEST_RUN_TIMEOUT:-30}

# The linker under test, made absolute (sets run in subdirectories; lib.sh moved to
# $T, one level below the directory the test was started in).
RELOC_LD=${RELOC_LD:-$LD_RIVET}
case $RELOC_LD in
  /*) ;;
  */*) RELOC_LD="${T%/*}/$RELOC_LD" ;;
  *)
    _rc_found=$(command -v -- "$RELOC_LD") || fail "RELOC_LD=$RELOC_LD: no such command (expected the linker whose -r output is under test)"
    RELOC_LD=$_rc_found
    unset _rc_found
    ;;
esac
[ -x "$RELOC_LD" ] || fail "RELOC_LD=$RELOC_LD is not an executable file (expected the linker whose -r output is under test)"
if [ "$RELOC_LD" = "$LD_RIVET" ]; then
  RC_LABEL="rivet"
else
  RC_LABEL="RELOC_LD (${RELOC_LD##*/})"
fi
note "linker under test for -r: $RC_LABEL, $RELOC_LD"

RC_LINKERS=(bfd lld rivet)

# ---------------------------------------------------------------------------
# Building

rc_sources() {
  [ -d "$RC_CASES/$1" ] || fail "test setup: no sources for set $1 in $RC_CASES"
  cp -- "$RC_CASES/$1"/* .
}

rc_cc() {
  local drv=$1 src
  shift
  local -a flags=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do
    flags+=("$1")
    shift
  done
  [ $# -gt 0 ] || fail "rc_cc: missing '--' before the sources"
  shift
  for src in "$@"; do
    run "$drv" -c "${flags[@]}" -o "${src%.*}.o" "$src"
  done
}

# _rc_ldopt LINKER: the driver options that pick LINKER.
_rc_ldopt() {
  case $1 in
    bfd) RC_LDOPT=(-fuse-ld=bfd) ;;
    lld) RC_LDOPT=(-fuse-ld=lld) ;;
    rivet) RC_LDOPT=(-B"$RIVET_LIBEXEC/") ;;
    *) fail "_rc_ldopt: unknown linker $1" ;;
  esac
}

# _rc_link LINKER OUT DRIVER ARG... [++ LIBARG...]: see rc_ref.
_rc_link() {
  local linker=$1 out=$2 drv=$3
  shift 3
  local -a prog=() lib=()
  local so=0
  while [ $# -gt 0 ]; do
    if [ "$1" = ++ ]; then
      so=1
    elif [ $so = 1 ]; then
      lib+=("$1")
    else
      prog+=("$1")
    fi
    shift
  done
  _rc_ldopt "$linker"
  rm -rf -- "$out" "$out.d"
  mkdir -p -- "$out.d"
  if [ $so = 1 ]; then
    run "$drv" "${RC_LDOPT[@]}" -shared -o "$out.d/libcase.so" "${lib[@]}" || return 1
    prog=(-L"$out.d" "${prog[@]}")
  fi
  run "$drv" "${RC_LDOPT[@]}" -o "$out" "${prog[@]}"
}

# _rc_exec EXE: run it; EXE.out gets its stdout and "exit=STATUS", EXE.err its stderr.
_rc_exec() {
  local exe=$1 st=0
  printf '+ ./%s\n' "$exe" >&2
  LD_LIBRARY_PATH="$PWD/$exe.d${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
    timeout "$RC_RUN_TIMEOUT" "./$exe" "$PWD/$exe.d" </dev/null >"$exe.out" 2>"$exe.err" || st=$?
  echo "exit=$st" >>"$exe.out"
}

_rc_hint() {
  case "$1" in
    124) echo " (timed out after ${RC_RUN_TIMEOUT}s)" ;;
    134) echo " (SIGABRT)" ;;
    135) echo " (SIGBUS)" ;;
    136) echo " (SIGFPE)" ;;
    139) echo " (SIGSEGV)" ;;
    132) echo " (SIGILL)" ;;
  esac
}

rc_ref() {
  local tag=$1
  shift
  _rc_link bfd "ref.$tag" "$@" || fail "test setup: the reference link of the original objects (ld.bfd) failed"
  _rc_exec "ref.$tag"
  local want=expected.$tag
  [ "$tag" != main ] || [ -f "$want" ] || want=expected
  if [ -f "$want" ] && ! cmp -s "$want" "ref.$tag.out"; then
    fail "test setup: the reference program ref.$tag (original objects, ld.bfd) does not print $want; diff:"$'\n'"$(diff -u --label "$want" --label "ref.$tag" "$want" "ref.$tag.out" | head -n 60 || true)"$'\n'"its stderr: $(head -c 2000 "ref.$tag.err")"
  fi
}

# rc_abc_and_main first|last: the most common set. gcc -O2 compiles a.c b.c c.c and
# main.c; the reference links the objects (main.o first or last); a.o b.o c.o become
# abc.r.o with -r; the final program links main.o and abc.r.o in the same order.
rc_abc_and_main() {
  rc_cc gcc -O2 -- a.c b.c c.c main.c
  if [ "$1" = first ]; then
    rc_ref main gcc main.o a.o b.o c.o
    rc_reloc abc.r.o a.o b.o c.o
    rc_final main gcc main.o abc.r.o
  else
    rc_ref main gcc a.o b.o c.o main.o
    rc_reloc abc.r.o a.o b.o c.o
    rc_final main gcc abc.r.o main.o
  fi
}

rc_final() {
  local tag=$1 linker problems=""
  shift
  [ -f "ref.$tag.out" ] || fail "rc_final: no reference ref.$tag (call rc_ref $tag first)"
  for linker in "${RC_LINKERS[@]}"; do
    if [ "$linker" = lld ] && [ -n "${RC_SKIP_LLD:-}" ]; then
      note "$RC_NAME/$tag: no ld.lld final link: $RC_SKIP_LLD"
      continue
    fi
    local exe="prog.$tag.$linker"
    if ! _rc_link "$linker" "$exe" "$@" 2>"$exe.link-err"; then
      problems+="* the final link by $linker failed (the original objects linked):"$'\n'"$(head -c 3000 "$exe.link-err")"$'\n'
      continue
    fi
    cat -- "$exe.link-err" >&2
    _rc_exec "$exe"
    if ! cmp -s "ref.$tag.out" "$exe.out"; then
      local st
      st=$(sed -n 's/^exit=//p' "$exe.out" | tail -n 1)
      problems+="* the program linked by $linker differs from the reference$(_rc_hint "$st"); diff (reference -> $linker):"$'\n'"$(diff -u --label reference --label "$linker" "ref.$tag.out" "$exe.out" | sed -n '3,62p' || true)"$'\n'"  its stderr: $(head -c 2000 "$exe.err")"$'\n'
    fi
  done
  [ -z "$problems" ] ||
    rc_set_problem "$tag: final links of $RC_LABEL's -r output, compared with the reference ref.$tag (original objects, ld.bfd):"$'\n'"$problems"
}

# ---------------------------------------------------------------------------
# The -r link and the checks of its output

rc_reloc() {
  local out=$1 a
  shift
  case $out in
    *.r.o) ;;
    *) fail "rc_reloc: the output name must end in .r.o, got $out" ;;
  esac
  local bout=${out%.r.o}.rbfd.o
  local -a bargs=()
  for a in "$@"; do
    case $a in
      *.r.o) bargs+=("${a%.r.o}.rbfd.o") ;;
      *) bargs+=("$a") ;;
    esac
  done
  run ld.bfd -r -o "$bout" "${bargs[@]}" || fail "test setup: ld.bfd -r -o $bout ${bargs[*]} failed"
  rm -f -- "$out"
  local st=0
  printf '+ %s -r -o %s %s\n' "$RELOC_LD" "$out" "$*" >&2
  "$RELOC_LD" -r -o "$out" "$@" >"$out.ld-msgs" 2>&1 || st=$?
  cat -- "$out.ld-msgs" >&2
  # Nothing to go on with; earlier findings of the set are reported too.
  [ "$st" = 0 ] ||
    fail "$RC_SET_PROBLEMS$RC_LABEL -r -o $out $* failed with exit status $st (ld.bfd -r linked the same inputs); its messages:"$'\n'"$(if [ -s "$out.ld-msgs" ]; then head -c 3000 "$out.ld-msgs"; else echo "(none)"; fi)"
  [ -f "$out" ] || fail "$RC_SET_PROBLEMS$RC_LABEL -r -o $out $* exited 0 but wrote no $out"
  rc_check_relocatable "$out" "$bout" "$@"
}

# rc_groups FILE: the COMDAT group signatures, one a line, in section order.
rc_groups() {
  readelf -gW "$1" | sed -n "s/^COMDAT group section \[ *[0-9]*\] \`[^']*' \[\(.*\)\] contains .*/\1/p"
}

# _rc_elflint FILE: eu-elflint's complaints, normalized as lib.sh's elflint_compare does.
_rc_elflint() {
  local file=$1
  eu-elflint --gnu-ld -q "$file" 2>&1 | sed \
    -e "s|$file||g" \
    -e 's/\[ *[0-9][0-9]*\]/[#]/g' \
    -e 's/symbol [0-9][0-9]* /symbol # /g' \
    -e 's/section [0-9][0-9]* /section # /g' \
    -e 's/at offset [0-9][0-9]*/at offset #/g' \
    -e 's/entry [0-9][0-9]*/entry #/g' \
    -e '/^No errors$/d' \
    -e '/^[[:space:]]*$/d' |
    LC_ALL=C sort -u || true
}

# rc_nm_globals FILE: "name letter" of every global symbol (nm -g), sorted.
rc_nm_globals() {
  nm -gP "$1" | awk '{ print $1, $2 }' | LC_ALL=C sort
}

# rc_symtab_globals FILE: "name bind type vis class size" of every non-local .symtab
# entry; class is UND, ABS, COM/ALIGN or DEF.
rc_symtab_globals() {
  readelf -sW "$1" | awk '
    /^Symbol table / { in_symtab = ($3 == "'"'"'.symtab'"'"'"); next }
    in_symtab && $1 ~ /^[0-9]+:$/ && $5 != "LOCAL" && NF >= 8 {
      cls = $7
      if (cls == "COM") { v = $2; sub(/^0+/, "", v); cls = "COM/" v }
      else if (cls != "UND" && cls != "ABS") cls = "DEF"
      print $8, $5, $4, $6, cls, $3
    }' | LC_ALL=C sort
}

# rc_gnu_stack FILE: "none", "noexec" or "exec": the .note.GNU-stack section.
rc_gnu_stack() {
  readelf -SW "$1" | sed -n 's/^ *\[ *[0-9]*\] //p' | awk '
    $1 == ".note.GNU-stack" { found = 1; if (NF == 10 && $7 ~ /X/) exec = 1 }
    END { print found ? (exec ? "exec" : "noexec") : "none" }'
}

# rc_reloc_types FILE: the relocation types FILE's relocation sections use, one a line.
rc_reloc_types() {
  readelf -rW "$1" | awk '$3 ~ /^R_X86_64_/ { print $3 }' | LC_ALL=C sort -u
}

# rc_section_aligns FILE [inputs]: "name alignment" of each section but relocation
# sections, the largest alignment for a name that occurs more than once. With
# "inputs", compressed sections (whose sh_addralign is that of the compressed form)
# and COMDAT group members (whose group may be a discarded duplicate) are left out.
rc_section_aligns() {
  readelf -SW "$1" | sed -n 's/^ *\[ *[0-9]*\] //p' | awk -v inputs="${2:-}" '
    $1 !~ /^\.rela?\./ && $2 != "NULL" && $2 != "GROUP" && $2 != "SYMTAB" && $2 != "STRTAB" && $2 != "RELA" {
      if (inputs != "" && NF == 10 && $7 ~ /[CG]/) next
      if (!($1 in al) || $NF + 0 > al[$1]) al[$1] = $NF + 0
    }
    END { for (n in al) print n, al[n] }' | LC_ALL=C sort
}

# rc_properties FILE: the GNU properties readelf -n shows, one note a line.
rc_properties() {
  readelf -nW "$1" | sed -n 's/.*Properties: *//p' | LC_ALL=C sort
}

# A set goes on after a check finds something wrong with the linker under test (not
# with the test itself), so that one run shows all that is wrong; the findings
# collect in RC_SET_PROBLEMS and fail the set at its end.
RC_SET_PROBLEMS=""
rc_set_problem() {
  RC_SET_PROBLEMS+="$1"$'\n'
  printf 'PROBLEM: %s\n' "$1" >&2
}

# rc_expect_eq GOT WANT WHAT: a finding unless GOT is WANT.
rc_expect_eq() {
  [ "$1" = "$2" ] || rc_set_problem "$3: expected '$2', got '$1'"
}

# The checks of one -r output collect their findings here first.
_RC_PROBLEMS=""
_rc_problem() {
  _RC_PROBLEMS+="* $1"$'\n'
}

# _rc_compare WHAT MINE BFDS: a problem unless the two texts are equal.
_rc_compare() {
  local what=$1 mine=$2 bfds=$3
  [ "$mine" = "$bfds" ] && return 0
  _rc_problem "$what differ from ld.bfd's -r output of the same inputs; diff (ld.bfd -> $RC_LABEL):"$'\n'"$(diff -u --label ld.bfd --label "$RC_LABEL" <(printf '%s\n' "$bfds") <(printf '%s\n' "$mine") | sed -n '3,62p' || true)"
}

rc_check_relocatable() {
  local out=$1 bout=$2 a
  shift 2
  _RC_PROBLEMS=""
  local type
  type=$(elf_type "$out")
  [ "$type" = REL ] || fail "$out: expected an ELF relocatable file (Type REL), got Type '$type'"

  # Symbols, and relocations: -r neither resolves nor relaxes them, so the same
  # relocation types remain (a TLS sequence or a GOTPCRELX rewritten, or a relocation
  # applied and turned into R_X86_64_NONE, would show here).
  _rc_compare "global symbols (nm -g: name and type letter)" "$(rc_nm_globals "$out")" "$(rc_nm_globals "$bout")"
  _rc_compare "non-local .symtab entries (name binding type visibility section-class size)" \
    "$(rc_symtab_globals "$out")" "$(rc_symtab_globals "$bout")"
  _rc_compare "relocation types (readelf -r)" "$(rc_reloc_types "$out")" "$(rc_reloc_types "$bout")"

  # COMDAT groups: each signature once, those of ld.bfd, every input's.
  local groups dups sig missing="" empty
  groups=$(rc_groups "$out")
  empty=$(grep -c '^$' <<<"$groups" || true)
  [ -z "$groups" ] || [ "$empty" = 0 ] || _rc_problem "$empty COMDAT group(s) with an empty signature name (readelf -g: the group's sh_info symbol has no name)"
  dups=$(sed '/^$/d' <<<"$groups" | LC_ALL=C sort | uniq -d)
  [ -z "$dups" ] || _rc_problem "COMDAT group signatures listed more than once (readelf -g):"$'\n'"$dups"
  _rc_compare "COMDAT group signatures (readelf -g)" "$(sed '/^$/d' <<<"$groups" | LC_ALL=C sort)" \
    "$(rc_groups "$bout" | sed '/^$/d' | LC_ALL=C sort)"

  # Input objects: their groups, their section alignments, their stack notes.
  local all_noexec=1 n_objs=0 in_aligns=""
  for a in "$@"; do
    case $a in
      *.o) [ -f "$a" ] || continue ;;
      *) continue ;;
    esac
    n_objs=$((n_objs + 1))
    while IFS= read -r sig; do
      [ -n "$sig" ] || continue
      grep -qxF -- "$sig" <<<"$groups" || missing+="$sig (from $a)"$'\n'
    done < <(rc_groups "$a")
    [ "$(rc_gnu_stack "$a")" = noexec ] || all_noexec=0
    in_aligns+="$(rc_section_aligns "$a" inputs)"$'\n'
  done
  [ -z "$missing" ] || _rc_problem "COMDAT groups of the inputs missing (readelf -g):"$'\n'"$missing"

  # A section named as input sections are is aligned at least as much as each of them.
  local under
  under=$(awk 'NR == FNR { al[$1] = $2; next } ($1 in al) && al[$1] < $2 { print $1 ": " al[$1] " (an input has " $2 ")" }' \
    <(rc_section_aligns "$out") <(sed '/^$/d' <<<"$in_aligns") | LC_ALL=C sort -u)
  [ -z "$under" ] || _rc_problem "sections less aligned than the input sections of their name:"$'\n'"$under"

  local stack
  stack=$(rc_gnu_stack "$out")
  if [ "$n_objs" -gt 0 ] && [ "$all_noexec" = 1 ] && [ "$stack" != noexec ]; then
    _rc_problem "expected a non-executable .note.GNU-stack (every input object has one), got: $stack"
  fi
  _rc_compare ".note.GNU-stack (none/noexec/exec)" "$stack" "$(rc_gnu_stack "$bout")"
  _rc_compare "GNU properties (readelf -n)" "$(rc_properties "$out")" "$(rc_properties "$bout")"

  # eu-elflint: nothing it does not also say of ld.bfd's output.
  local extra
  extra=$(LC_ALL=C comm -23 <(_rc_elflint "$out") <(_rc_elflint "$bout"))
  [ -z "$extra" ] || _rc_problem "eu-elflint --gnu-ld -q complains where it does not of ld.bfd's -r output:"$'\n'"$extra"

  [ -z "$_RC_PROBLEMS" ] ||
    rc_set_problem "$out, written by $RC_LABEL -r from $*, compared with $bout (ld.bfd -r):"$'\n'"$_RC_PROBLEMS"
}

# ---------------------------------------------------------------------------
# Debug information

# rc_debug_readable FILE...: readelf decodes .debug_info and .debug_line without a
# warning, and finds at least one compile unit (findings, not failures).
rc_debug_readable() {
  local f
  for f in "$@"; do
    [ -f "$f" ] || continue
    if ! readelf --debug-dump=info,line "$f" >"$f.dwarf" 2>"$f.dwarf-err"; then
      rc_set_problem "$f: readelf --debug-dump=info,line failed: $(head -c 2000 "$f.dwarf-err")"
    elif [ -s "$f.dwarf-err" ]; then
      rc_set_problem "$f: readelf --debug-dump=info,line complains:"$'\n'"$(head -c 2000 "$f.dwarf-err")"
    elif ! grep -q 'DW_TAG_compile_unit' "$f.dwarf"; then
      rc_set_problem "$f: no DW_TAG_compile_unit in readelf --debug-dump=info"
    fi
  done
}

# rc_addr2line EXE FUNC: "file:line" addr2line gives for FUNC's address (file name
# without its directory); "no FUNC" when nm does not find the function.
rc_addr2line() {
  local addr
  addr=$(nm "$1" | awk -v f="$2" '$3 == f && ($2 == "T" || $2 == "t") && !done { print $1; done = 1 }')
  if [ -z "$addr" ]; then
    echo "no $2"
    return
  fi
  addr2line -e "$1" "0x$addr" | sed 's|.*/||; s/ (discriminator [0-9]*)//'
}

# ---------------------------------------------------------------------------
# Running the sets

RC_NAMES=()
rc_define() { RC_NAMES+=("$@"); }

_rc_run_one() {
  set -Eeuo pipefail
  trap _on_err ERR
  RC_NAME=$1
  local fn="rc_${RC_NAME//-/_}"
  declare -F "$fn" >/dev/null || fail "test setup: set $RC_NAME has no function $fn"
  mkdir -p -- "$T/$RC_NAME"
  cd -- "$T/$RC_NAME"
  if [ -d "$RC_CASES/$RC_NAME" ]; then
    cp -- "$RC_CASES/$RC_NAME"/* .
  fi
  "$fn"
  [ -z "$RC_SET_PROBLEMS" ] || fail "$RC_NAME:"$'\n'"$RC_SET_PROBLEMS"
}

rc_run_all() {
  local jobs=${RELOC_CORPUS_JOBS:-$(nproc 2>/dev/null || echo 2)}
  [ "$jobs" -le 4 ] || jobs=4
  [ "$jobs" -ge 1 ] || jobs=1
  local only=${RELOC_CORPUS_ONLY:-} name running=0 start=$SECONDS
  local -a names=()
  for name in "${RC_NAMES[@]}"; do
    if [ -z "$only" ] || [[ $name =~ $only ]]; then
      names+=("$name")
    fi
  done
  [ ${#names[@]} -gt 0 ] || fail "no set matches RELOC_CORPUS_ONLY=$only"
  note "${#names[@]} sets, $jobs at a time; logs in $T/<set>.log"
  for name in "${names[@]}"; do
    if [ "$running" -ge "$jobs" ]; then
      wait -n || true
      running=$((running - 1))
    fi
    (
      set +e
      trap - ERR
      (_rc_run_one "$name") >"$T/$name.log" 2>&1 </dev/null
      echo $? >"$T/$name.rc"
    ) &
    running=$((running + 1))
  done
  wait

  local passed=0 rc
  local -a failed=()
  for name in "${names[@]}"; do
    rc=$(cat -- "$T/$name.rc" 2>/dev/null || echo "?")
    if [ "$rc" = 0 ]; then
      echo "ok $name"
      passed=$((passed + 1))
    else
      echo "FAIL $name (exit $rc):"
      # The message of the fail that stopped it, or the end of the log.
      awk '/^FAIL \[/ { n = NR } { line[NR] = $0 } END { s = n ? n : (NR > 20 ? NR - 20 : 1); for (i = s; i <= NR && i < s + 80; i++) print "    " line[i] }' "$T/$name.log"
      failed+=("$name")
    fi
  done
  echo "$passed sets passed ($((SECONDS - start)) s)"
  [ ${#failed[@]} -eq 0 ] || fail "${#failed[@]} of ${#names[@]} sets failed with $RC_LABEL as the -r linker: ${failed[*]}"
}
