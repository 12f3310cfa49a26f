#!/usr/bin/env bash
# run-corpus.sh OUTDIR: links every case of the corpus make-corpus.sh generated in
# OUTDIR with ld.rivet and checks that a bad input fails cleanly.
#
# A linker reads files made by many tools, some broken, some hostile. For every case
# whose "expect" is "error" (see make-cases.py for the case file), ld.rivet must:
#   - exit with status 1: not 0, not another status, not killed by a signal;
#   - finish within the time bound (timeout 10 s);
#   - print an error "ld.rivet: error: ..." naming the damaged file (its base name, on
#     the error line or the ">>>" lines under it);
#   - leave no output file, no temporary file, and an existing output file (pre-created
#     for every 10th case) untouched: same bytes, same inode;
#   - not modify its inputs.
# "error-or-link" cases (random byte flips, constructs linkers may accept) may instead
# exit 0 with an output file; "link" cases are controls that must link.
#
# Each case runs in an empty scratch directory as
#     timeout 10 ld.rivet -L CASEDIR FLAGS INPUTS -o out
# with core dumps off, file size limited to 1 GiB and, unless ld.rivet is built with
# AddressSanitizer (which reserves terabytes of address space), address space limited to
# 4 GiB, so a hostile size field fails the same way on every machine instead of eating
# the machine's memory. RIVET_CORPUS_VMEM_KB overrides the limit (0: none).
#
# Output: one line per failing case (what was expected, what happened), then exactly
# "N passed, M failed". Exit status 0 when all passed, 1 when some failed, 2 when the
# corpus or the linker is missing.
#
# Environment: RIVET_BUILD, the CMake build directory holding tools/ld.rivet (default:
# build/ at the top of the checkout); RIVET_CORPUS_JOBS, parallel links (default 2).
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
here=$(cd -- "$(dirname -- "$0")" && pwd)
corpus=$(cd -- "$1" 2>/dev/null && pwd) || { echo "run-corpus.sh: no directory $1" >&2; exit 2; }
[ -d "$corpus/cases" ] || { echo "run-corpus.sh: $corpus/cases is missing; run make-corpus.sh first" >&2; exit 2; }
build=${RIVET_BUILD:-$here/../../build}
ld_rivet=$(cd -- "$build" 2>/dev/null && pwd)/tools/ld.rivet
[ -x "$ld_rivet" ] || { echo "run-corpus.sh: $ld_rivet is not an executable (set RIVET_BUILD)" >&2; exit 2; }

run=$corpus/run
rm -rf -- "$run"
mkdir -p -- "$run/scratch" "$run/log" "$run/result"

# Every case runs the same binary, even if the build tree is rebuilt meanwhile.
cp -- "$ld_rivet" "$run/ld.rivet"
ld_rivet=$run/ld.rivet

vmem_kb=${RIVET_CORPUS_VMEM_KB:-4194304}
if grep -qa __asan_init "$ld_rivet"; then
  vmem_kb=0
fi

export corpus run ld_rivet vmem_kb

# Lines of stderr that belong to an error: "ld.rivet: error: ..." and the lines under it
# up to the next "ld.rivet: " line.
error_text() {
  awk '/^ld\.rivet: error: /{e=1; print; next} /^ld\.rivet: /{e=0} e' "$1"
}

# Does TEXT name one of the files in the '|'-separated list? A name counts when it
# stands alone: not part of a longer file name.
names_file() {
  local text=$1 list=$2 name re
  local IFS='|'
  for name in $list; do
    re=$(printf '%s' "$name" | sed 's/[][\.*^$+?(){}|/]/\\&/g')
    if grep -Eq "(^|[^A-Za-z0-9_.+-])$re([^A-Za-z0-9_+-]|\$)" <<<"$text"; then
      return 0
    fi
  done
  return 1
}

describe_status() {
  local status=$1
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    echo "no exit within 10 s (hang; killed by timeout)"
  elif [ "$status" -gt 128 ]; then
    echo "killed by SIG$(kill -l $((status - 128)) 2>/dev/null || echo $((status - 128)))"
  else
    echo "exit status $status"
  fi
}

run_case() {
  local name=$1
  local dir=$corpus/cases/$name scratch=$run/scratch/$name
  local what="" expect="" culprit="" flags="" inputs="" line key value
  while IFS= read -r line; do
    case $line in
    '#'* | '') continue ;;
    esac
    key=${line%%:*}
    value=${line#*: }
    case $key in
    what) what=$value ;;
    expect) expect=$value ;;
    culprit) culprit=$value ;;
    flags) flags=$value ;;
    inputs) inputs=$value ;;
    esac
  done <"$dir/case"

  local args=() word
  for word in $flags; do
    args+=("$word")
  done
  for word in $inputs; do
    case $word in
    -*) args+=("$word") ;;
    *) args+=("$dir/$word") ;;
    esac
  done

  mkdir -p -- "$scratch"
  # Every 10th case that may fail finds an output file already there.
  local number=$((10#${name%%-*})) precreated=false before_inode=""
  if [ "$expect" != link ] && [ $((number % 10)) -eq 0 ]; then
    printf 'output of an earlier link of case %s; a failed link must leave it alone\n' "$name" >"$scratch/out"
    cp -- "$scratch/out" "$run/log/$name.precreated"
    before_inode=$(stat -c %i -- "$scratch/out")
    precreated=true
  fi

  # The outer 2>/dev/null silences bash's own "Segmentation fault" report; the status
  # says it all.
  local status=0 t0 t1
  t0=$(date +%s%N)
  {
    (
      cd -- "$scratch" || exit 99
      ulimit -c 0
      ulimit -f 1048576
      [ "$vmem_kb" -eq 0 ] || ulimit -v "$vmem_kb"
      exec timeout -k 5 10 "$ld_rivet" -L "$dir" "${args[@]}" -o out
    ) >"$run/log/$name.stdout" 2>"$run/log/$name.stderr" </dev/null || status=$?
  } 2>/dev/null
  t1=$(date +%s%N)
  echo "$(((t1 - t0) / 1000000)) $name" >"$run/log/$name.ms"

  local problems=() errors leftovers
  errors=$(error_text "$run/log/$name.stderr")
  leftovers=$(cd -- "$scratch" && find . -mindepth 1 ! -name out -printf '%P ' 2>/dev/null)
  [ -z "$leftovers" ] || problems+=("left files behind: ${leftovers% }")

  local want
  case $expect in
  link) want="exit 0 with an output file" ;;
  error) want="exit 1, an error naming $culprit, no output file" ;;
  *) want="exit 0 with an output, or exit 1 with an error naming $culprit and no output" ;;
  esac

  if [ "$status" -eq 0 ] && [ "$expect" != error ]; then
    if [ ! -f "$scratch/out" ]; then
      problems+=("exit 0 but no output file")
    elif [ "$(head -c 4 -- "$scratch/out")" != $'\x7fELF' ]; then
      problems+=("exit 0 but the output is not an ELF file")
    fi
    [ -z "$errors" ] || problems+=("exit 0 but printed: $(head -n 1 <<<"$errors")")
  elif [ "$status" -eq 1 ] && [ "$expect" != link ]; then
    if [ -z "$errors" ]; then
      problems+=("exit 1 without an 'ld.rivet: error:' line (stderr: $(head -n 1 -- "$run/log/$name.stderr" | cut -c 1-200))")
    elif ! names_file "$errors" "$culprit"; then
      problems+=("error does not name $culprit: $(head -n 1 <<<"$errors" | cut -c 1-200)")
    fi
  else
    local got
    got=$(describe_status "$status")
    if [ -n "$errors" ]; then
      got+=": $(head -n 1 <<<"$errors" | cut -c 1-200)"
    elif [ "$status" -ne 0 ] && [ -s "$run/log/$name.stderr" ]; then
      got+=" (stderr: $(head -n 1 -- "$run/log/$name.stderr" | cut -c 1-200))"
    fi
    problems=("$got" "${problems[@]}")
  fi
  # However it failed, a failed link must not leave or touch an output file.
  if [ "$status" -ne 0 ]; then
    if $precreated; then
      if [ ! -f "$scratch/out" ]; then
        problems+=("pre-existing output file was removed")
      elif ! cmp -s -- "$scratch/out" "$run/log/$name.precreated"; then
        problems+=("pre-existing output file was modified")
      elif [ "$(stat -c %i -- "$scratch/out")" != "$before_inode" ]; then
        problems+=("pre-existing output file was replaced (new inode)")
      fi
    elif [ -e "$scratch/out" ]; then
      problems+=("failed link left an output file")
    fi
  fi

  if [ ${#problems[@]} -eq 0 ]; then
    echo PASS >"$run/result/$name"
  else
    local joined
    joined=$(printf '%s; ' "${problems[@]}")
    printf 'FAIL %s [%s]: expected %s; got %s\n' "$name" "$what" "$want" "${joined%; }" >"$run/result/$name"
  fi
}
export -f run_case error_text names_file describe_status

# Inputs are checksummed before and after: a linker must not write to them.
checksum_inputs() {
  (cd -- "$corpus/cases" && find . -type f -print0 | sort -z | xargs -0 sha1sum)
}
checksum_inputs >"$run/inputs.before"

start=$SECONDS
# shellcheck disable=SC2016 # $c is expanded by the inner bash
(cd -- "$corpus/cases" && printf '%s\0' *) |
  xargs -0 -n 16 -P "${RIVET_CORPUS_JOBS:-2}" bash -c 'for c; do run_case "$c"; done' run-case
elapsed=$((SECONDS - start))

checksum_inputs >"$run/inputs.after"
while read -r file; do
  name=${file#./}
  name=${name%%/*}
  if [ "$(cat -- "$run/result/$name")" = PASS ]; then
    : >"$run/result/$name"
  fi
  printf 'FAIL %s: input file %s was modified by the link\n' "$name" "${file#./}" >>"$run/result/$name"
done < <(diff "$run/inputs.before" "$run/inputs.after" | sed -n 's/^< [0-9a-f]*  //p')

passed=0
failed=0
for result in "$run"/result/*; do
  if [ "$(cat -- "$result")" = PASS ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    cat -- "$result"
  fi
done
missing=$(($(find "$corpus/cases" -mindepth 1 -maxdepth 1 -type d | wc -l) - passed - failed))
if [ "$missing" -ne 0 ]; then
  echo "FAIL: $missing cases produced no result (the runner itself broke)"
  failed=$((failed + missing))
fi
slowest=$(cat -- "$run"/log/*.ms | sort -rn | head -n 3 | tr '\n' ' ')
echo "# $((passed + failed)) cases in ${elapsed} s; logs in $run/log; slowest links (ms): $slowest"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
