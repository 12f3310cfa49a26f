#!/usr/bin/env bash
# run-case.sh CASE.sh: a differential test. The case script builds and runs programs
# with the helpers below; it is run twice, once with GNU ld.bfd as the linker and once
# with rivet, each in a directory of its own, and everything the two runs recorded must
# be the same:
#   - each link's outcome (linked, or failed with exit status 1),
#   - each program's exit status, stdout and stderr,
#   - the dynamic-level facts of every ELF file a link wrote (see elf_facts): DT_NEEDED,
#     SONAME, DT_FLAGS/DT_FLAGS_1 and TEXTREL, the exported and imported dynamic symbols
#     with their versions, binding, type and visibility, the version definitions and
#     needs by name, and which symbols get COPY, GLOB_DAT, JUMP_SLOT, R_X86_64_64,
#     IRELATIVE or TLS dynamic relocations.
# Helpers a case uses (all paths are relative to the case's directory):
#   cc OUT.o FLAGS... SRC    compile with $CC (gcc; a case may set CC=g++ / clang)
#   so LIB.so ARGS...        link a shared object with $CC -shared -fPIC ... -o LIB.so
#   exe PROG ARGS...         link an executable with $CC ... -o PROG
#   ld OUT ARGS...           call the linker itself (ld.bfd or ld.rivet) with -o OUT
#   run PROG ARGS...         run ./PROG with LD_LIBRARY_PATH=. and record the outcome
#   try so|exe|ld ...        the link may fail: record its outcome instead of stopping
# A link that fails without `try` fails the test with that linker's messages.
# Environment: RIVET_BUILD (tools/ld.rivet, libexec/rivet/ld), RIVET_SRC.
set -Eeuo pipefail
shopt -s inherit_errexit

case_file=$(cd -- "$(dirname -- "$1")" && pwd)/$(basename -- "$1")
name=$(basename -- "$case_file" .sh)
RIVET_BUILD=$(cd -- "${RIVET_BUILD:?}" && pwd)
LD_RIVET=$RIVET_BUILD/tools/ld.rivet
RIVET_LIBEXEC=$RIVET_BUILD/libexec/rivet
work=$PWD/$name.tmp
rm -rf -- "$work"
mkdir -p -- "$work"

fail() {
  printf 'FAIL [%s]: %s\n' "$name" "$*" >&2
  exit 1
}

# The facts of one ELF file that a user of the dynamic linker can observe, one per
# line, sorted, with nothing that depends on layout (addresses, sizes, offsets).
elf_facts() {
  local f=$1
  readelf -dW "$f" 2>/dev/null | awk '
    /\(NEEDED\)/ {print "needed " $NF}
    /\(SONAME\)/ {print "soname " $NF}
    /\(TEXTREL\)/ {print "textrel"}
    /\(FLAGS\)/ {$1 = $2 = ""; print "flags" $0}
    /\(FLAGS_1\)/ {$1 = $2 = ""; print "flags_1" $0}' | sed 's/  */ /g' | sort
  # A LOCAL entry (GNU ld leaves some, for symbols it made local late) is invisible to
  # the loader's lookups.
  readelf --dyn-syms -W "$f" 2>/dev/null | awk 'NR > 3 && $1 ~ /:$/ && $8 != "" && $5 != "LOCAL" {
      kind = ($7 == "UND") ? "import" : "export"
      print kind " " $8 " " $4 " " $5 " " $6 (kind == "export" ? " " $4 : "")
    }' | sed 's/ ([0-9]*)$//' | sort -u
  readelf -VW "$f" 2>/dev/null | awk '
    /Version definition section/ {s = "verdef"; next}
    /Version needs section/ {s = "verneed"; next}
    /^$/ {s = ""}
    s == "verdef" && /Name:/ {for (i = 1; i <= NF; i++) if ($i == "Name:") print "verdef " $(i + 1) ($0 ~ /BASE/ ? " base" : "")}
    s == "verdef" && /Parent/ {print "verdef-parent " $NF}
    s == "verneed" && /File:/ {for (i = 1; i <= NF; i++) if ($i == "File:") file = $(i + 1)}
    s == "verneed" && /Name:/ {for (i = 1; i <= NF; i++) if ($i == "Name:") print "verneed " file " " $(i + 1)}' | sort
  readelf -rW "$f" 2>/dev/null | awk '$3 ~ /^R_/ && $3 != "R_X86_64_RELATIVE" && $3 != "R_X86_64_NONE" {
      sym = ($5 == "" || $5 ~ /^[0-9a-f]+$/ && $4 == "") ? "-" : $5
      if ($3 == "R_X86_64_IRELATIVE") sym = "-"
      print "dynrel " $3 " " sym
    }' | sort -u
}

# Runs the case with one linker, in $work/$1.
run_with() {
  local linker=$1 dir=$work/$1
  mkdir -p -- "$dir"
  (
    cd -- "$dir"
    CC=gcc
    if [ "$linker" = rivet ]; then
      LINK_FLAGS=(-B"$RIVET_LIBEXEC/")
      LD_CMD=$LD_RIVET
    else
      LINK_FLAGS=(-fuse-ld=bfd)
      LD_CMD=ld.bfd
    fi
    log() { printf '%s\n' "$*" >>"$dir/record"; }
    _link() { # _link MAY_FAIL OUT CMD...
      local may_fail=$1 out=$2 status=0
      shift 2
      printf '+ [%s] %s\n' "$linker" "$*" >&2
      "$@" >"$out.link-out" 2>&1 || status=$?
      if [ "$status" -ne 0 ] && [ "$may_fail" = 0 ]; then
        fail "$linker failed to link $out (exit $status):"$'\n'"$(head -c 3000 "$out.link-out")"
      fi
      log "link $out: $([ "$status" = 0 ] && echo ok || echo "failed (exit $status)")"
      if [ "$status" = 0 ] && [ -f "$out" ]; then
        elf_facts "$out" | sed "s|^|$out: |" >>"$dir/record"
      fi
      return 0
    }
    _may_fail=0
    # Objects are compiled once, in the first (bfd) run, and reused by the second.
    cc() {
      local out=$1
      shift
      if [ "$linker" = rivet ] && [ -f "$work/bfd/$out" ]; then
        cp -- "$work/bfd/$out" "$out"
        return
      fi
      printf '+ %s -c %s -o %s\n' "$CC" "$*" "$out" >&2
      "$CC" -c "$@" -o "$out"
    }
    so() { local out=$1; shift; _link "$_may_fail" "$out" "$CC" "${LINK_FLAGS[@]}" -shared -fPIC -o "$out" "$@"; }
    exe() { local out=$1; shift; _link "$_may_fail" "$out" "$CC" "${LINK_FLAGS[@]}" -o "$out" "$@"; }
    ld() { local out=$1; shift; _link "$_may_fail" "$out" "$LD_CMD" -o "$out" "$@"; }
    try() { _may_fail=1; "$@"; _may_fail=0; }
    run() {
      local prog=$1 status=0
      shift
      printf '+ [%s] ./%s %s\n' "$linker" "$prog" "$*" >&2
      LD_LIBRARY_PATH=$dir timeout 20 "./$prog" "$@" </dev/null >"$prog.stdout" 2>"$prog.stderr" || status=$?
      log "run $prog $*: exit $status"
      sed "s|^|$prog stdout: |" "$prog.stdout" >>"$dir/record"
      sed "s|^|$prog stderr: |" "$prog.stderr" >>"$dir/record"
    }
    # shellcheck source=/dev/null
    source "$case_file"
  )
}

run_with bfd
run_with rivet
if ! cmp -s "$work/bfd/record" "$work/rivet/record"; then
  fail "rivet's results differ from ld.bfd's (- bfd, + rivet):"$'\n'"$(diff -u --label bfd --label rivet "$work/bfd/record" "$work/rivet/record" | head -n 60)"
fi
grep -q '^run ' "$work/bfd/record" || grep -q ': ' "$work/bfd/record" || fail "the case ran and linked nothing"
echo "PASS [$name]: $(grep -c '^link ' "$work/bfd/record") links, $(grep -c '^run ' "$work/bfd/record") runs, $(grep -c ': ' "$work/bfd/record") facts alike"
