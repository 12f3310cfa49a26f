#!/usr/bin/env bash
# Build real Debian 12 source packages with rivet forced in as the linker of every link,
# run each package's own test suite, and prove that every executable and shared object
# the build wrote was linked by rivet. The reference run does the same with GNU ld.
#
#   bash tools/package-builds.sh [--linker rivet|bfd] [--jobs N] [--workdir DIR] [PACKAGE...]
#
#   --linker rivet   (default) link with build/tools/ld.rivet of this checkout (build it
#                    first: bash tools/setup.sh --no-sample); RIVET_LD=PATH picks another
#   --linker bfd     link with /usr/bin/ld.bfd: the reference run
#   --jobs N         parallel jobs inside each package build (default: nproc)
#   --workdir DIR    WORKDIR below; default /tmp/rivet-package-builds
#   PACKAGE...       default: the list below; a run of some packages replaces their
#                    results and keeps the others'
#   --report-only    only the table of both linkers' results kept in WORKDIR
#
# How rivet is forced in. WORKDIR/LINKER/bin holds `ld`, `ld.bfd` and
# `x86_64-linux-gnu-ld`, all a wrapper script that runs the linker under test (for rivet
# a copy of ld.rivet beside it, so that a rebuild of ./build cannot change the linker
# mid-run) after noting each relocatable link (`ld -r`) it is asked for in
# WORKDIR/LINKER/ld-r.log (kept per package as logs/PACKAGE.ld-r, one line "DIR: ARGS"
# per link). gcc and clang look up `ld` in COMPILER_PATH before their own directories
# and PATH, and that directory also comes first in PATH, which catches Makefiles that
# run `ld` themselves. Each package is built from a fresh `dpkg-source -x` with
# `dpkg-buildpackage -B` (architecture-dependent packages; its dh_auto_test runs the
# package's tests), with DEB_BUILD_OPTIONS=nostrip (dh_strip would remove .comment, the
# proof) and DEB_BUILD_PROFILES=nobiarch (zlib would also build 32-bit libraries: rivet
# links x86-64 only, so far).
#
# The proof: after the build, every regular file under the package's tree written during
# the build that is an ELF executable or shared object must carry "rivet " in .comment
# (rivet adds "rivet VERSION" there, as lld and mold add theirs). For --linker bfd, none
# may carry it. The relocatable objects `ld -r` writes carry no mark of their own (GNU ld
# and rivet both keep only the inputs' .comment): what proves the linker for them is the
# wrapper's log, and a package listed in LD_R_USERS (busybox) must have made at least one
# `ld -r` link through it.
#
# Steps: 1. apt-get installs dpkg-dev and each package's build dependencies
# (`apt-get build-dep --arch-only`; a deb-src entry is added if apt has none) and
# downloads the sources into WORKDIR/dl. 2. each package is built, logged in
# WORKDIR/LINKER/logs/PACKAGE.log. 3. a table: build system, outcome, the test summary
# lines found in the log, ELF files written (and how many were linked by rivet), shared
# objects with version definitions (.gnu.version_d: a version script was used), the
# relocatable links made (ld -r), time.
# Results are kept in WORKDIR/results-LINKER.tsv; once both linkers have run, the table
# shows them side by side. Exit status 0 when every package built, passed its tests,
# (for rivet) every ELF file it wrote was linked by rivet, and each LD_R_USERS package
# made an `ld -r` link.
set -euo pipefail

RIVET_ROOT=$(cd "$(dirname "$0")/.." && pwd)
LINKER=rivet
WORKDIR=/tmp/rivet-package-builds
JOBS=$(nproc)
# C and C++; libtool, cmake, meson, Kbuild (busybox) and hand-written build systems; zlib,
# json-c, nettle, libpng1.6, xz-utils and libtasn1-6 link with version scripts; busybox
# makes `ld -r` links and links busybox-static with -static against glibc.
DEFAULT_PACKAGES=(zlib json-c nettle libyaml expat pcre2 fribidi libpng1.6 xz-utils
                  libtasn1-6 tinyxml2 yaml-cpp double-conversion snappy libdrm libxkbcommon
                  busybox)
# Tests debian/rules does not run: run in the built tree with the same environment after
# dpkg-buildpackage. expat's rules run none: its `make check` links its C and C++ test
# programs then (the tests of its wide-character copy, buildw/, do not compile in
# Debian's tree, with any linker). busybox's rules run the testsuite on the busybox of
# the `deb` flavour only: its test-static and test-udeb targets run it on the other two
# (busybox-static, linked -static, and the smaller udeb build).
declare -A EXTRA_TESTS=(
  [expat]="make -C build check"
  [busybox]="debian/rules test-static test-udeb"
)
# Packages whose build makes relocatable links (ld -r): the run fails for one that made
# none through the forced-in linker. busybox: Kbuild links a directory's obj-y objects
# into built-in.o with `$(LD) -nostdlib -r`, LD being `gcc -nostdlib` (gcc passes -r on);
# in Debian's configurations only applets/ is obj-y (the other directories are lib-y
# archives), so it is one -r link per flavour, of applets/applets.o alone, and the
# result goes into each busybox binary.
declare -A LD_R_USERS=([busybox]=1)
PACKAGES=()
REPORT_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --linker) LINKER=${2:?--linker needs rivet or bfd}; shift 2 ;;
    --linker=*) LINKER=${1#--linker=}; shift ;;
    --jobs) JOBS=${2:?--jobs needs a number}; shift 2 ;;
    --jobs=*) JOBS=${1#--jobs=}; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    --report-only) REPORT_ONLY=1; shift ;;
    --workdir) WORKDIR=${2:?--workdir needs a directory}; shift 2 ;;
    --workdir=*) WORKDIR=${1#--workdir=}; shift ;;
    -*) echo "package-builds: unknown option $1" >&2; exit 2 ;;
    *) PACKAGES+=("$1"); shift ;;
  esac
done
[ ${#PACKAGES[@]} -gt 0 ] || PACKAGES=("${DEFAULT_PACKAGES[@]}")
case "$LINKER" in rivet|bfd) ;; *) echo "package-builds: --linker rivet|bfd" >&2; exit 2 ;; esac
mkdir -p "$WORKDIR"
WORKDIR=$(cd "$WORKDIR" && pwd)
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo

if [ "$REPORT_ONLY" = 0 ]; then
# ---------------------------------------------------------------- 1. packages, sources
echo "== 1. build dependencies and sources"
# shellcheck source=tools/debian-source.sh
. "$RIVET_ROOT/tools/debian-source.sh"
need_update=0
ensure_deb_src "tools/package-builds.sh" && need_update=1
[ $need_update = 1 ] && $SUDO apt-get update -qq
for p in dpkg-dev build-essential fakeroot python3 binutils; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || { $SUDO apt-get update -qq; DEBIAN_FRONTEND=noninteractive \
           $SUDO apt-get install -y -qq --no-install-recommends "$p" >/dev/null; }
done
# build-dep is a no-op for what is installed; it fails loudly for a package apt cannot find.
DEBIAN_FRONTEND=noninteractive $SUDO apt-get build-dep -y -qq --arch-only "${PACKAGES[@]}" \
  >"$WORKDIR/build-dep.log" 2>&1 || { tail -20 "$WORKDIR/build-dep.log" >&2; exit 1; }
mkdir -p "$WORKDIR/dl"
for p in "${PACKAGES[@]}"; do
  if ! ls "$WORKDIR/dl/${p}_"*.dsc >/dev/null 2>&1; then
    # (as root, apt warns that it downloads unsandboxed: WORKDIR is not _apt's)
    (cd "$WORKDIR/dl" && apt-get source --download-only -qq "$p" 2>&1 >/dev/null \
       | { grep -v 'unsandboxed' || true; } >&2)
  fi
done

# ---------------------------------------------------------------- 2. the linker
RUN=$WORKDIR/$LINKER
BIN=$RUN/bin
rm -rf "$BIN"; mkdir -p "$BIN" "$RUN/logs" "$RUN/src"
if [ "$LINKER" = rivet ]; then
  src_ld=${RIVET_LD:-$RIVET_ROOT/build/tools/ld.rivet}
  [ -x "$src_ld" ] || { echo "package-builds: no $src_ld (bash tools/setup.sh --no-sample)" >&2; exit 1; }
  cp "$src_ld" "$BIN/ld.rivet"
  target=$BIN/ld.rivet
else
  target=/usr/bin/ld.bfd
fi
# The forced-in `ld` is a wrapper: it notes every relocatable link (-r, -i, -Ur or
# --relocatable, also inside an @FILE response file) as a line "DIR: ARGUMENTS" in RLOG,
# then runs the linker under test in its place.
RLOG=$RUN/ld-r.log
sed -e "s|@RLOG@|$RLOG|; s|@TARGET@|$target|" >"$BIN/ld-wrapper" <<'EOF'
#!/bin/sh
for a in "$@"; do
  case "$a" in
    -r|-i|-Ur|--relocatable) printf '%s: %s\n' "$PWD" "$*" >>'@RLOG@'; break ;;
    @*) if [ -f "${a#@}" ] && tr -s ' \t' '\n\n' <"${a#@}" |
             grep -qxE -- "[\"']?(-r|-i|-Ur|--relocatable)[\"']?"; then
          printf '%s: %s\n' "$PWD" "$*" >>'@RLOG@'; break
        fi ;;
  esac
done
exec '@TARGET@' "$@"
EOF
chmod +x "$BIN/ld-wrapper"
for name in ld ld.bfd x86_64-linux-gnu-ld; do ln -s ld-wrapper "$BIN/$name"; done
export COMPILER_PATH=$BIN${COMPILER_PATH:+:$COMPILER_PATH}
export PATH=$BIN:$PATH
export DEB_BUILD_OPTIONS="nostrip noautodbgsym parallel=$JOBS"
export DEB_BUILD_PROFILES=nobiarch
unset LD MAKEFLAGS
echo "== 2. linker: $("$BIN/ld" --version | head -n1)"
echo "   gcc runs: $(gcc -print-prog-name=ld)"
probe=$(mktemp -d)
printf 'int main(void){return 0;}\n' >"$probe/p.c"
gcc "$probe/p.c" -o "$probe/p"
if [ "$LINKER" = rivet ] && ! readelf -p .comment "$probe/p" | grep -q 'rivet '; then
  echo "package-builds: gcc did not link with rivet through COMPILER_PATH" >&2; exit 1
fi
rm -rf "$probe"

# elf_census DIR STAMP: for each regular file under DIR newer than STAMP that is an ELF
# executable or shared object, one line "rivet|other verdef|- PATH" (hard links once).
elf_census() {
  python3 - "$1" "$2" <<'PY'
import os, struct, sys
root, stamp = sys.argv[1], os.stat(sys.argv[2]).st_mtime
seen = set()
for d, _, files in os.walk(root):
    for f in files:
        p = os.path.join(d, f)
        try:
            st = os.lstat(p)
        except OSError:
            continue
        if not os.path.isfile(p) or os.path.islink(p) or st.st_mtime < stamp:
            continue
        if (st.st_dev, st.st_ino) in seen or st.st_size < 64:
            continue
        with open(p, 'rb') as fh:
            data = fh.read()
        if data[:4] != b'\x7fELF' or data[4] != 2 or data[5] != 1:
            continue
        e_type = struct.unpack_from('<H', data, 16)[0]
        if e_type not in (2, 3):
            continue
        seen.add((st.st_dev, st.st_ino))
        shoff, = struct.unpack_from('<Q', data, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from('<HHH', data, 0x3a)
        secs = []
        for i in range(shnum):
            off = shoff + i * shentsize
            if off + 64 > len(data):
                break
            name, typ, _, _, soff, size = struct.unpack_from('<IIQQQQ', data, off)
            secs.append((name, typ, soff, size))
        linker, verdef = 'other', '-'
        if shstrndx < len(secs):
            stroff = secs[shstrndx][2]
            for name, typ, soff, size in secs:
                end = data.find(b'\0', stroff + name)
                sname = data[stroff + name:end]
                if sname == b'.comment' and b'rivet ' in data[soff:soff + size]:
                    linker = 'rivet'
                if typ == 0x6ffffffd:
                    verdef = 'verdef'
        print(linker, verdef, os.path.relpath(p, root))
PY
}

# ---------------------------------------------------------------- 3. builds
echo "== 3. builds ($LINKER, -j$JOBS)"
RESULTS=$WORKDIR/results-$LINKER.tsv
# One line per package: a run of some packages replaces their lines and keeps the rest.
touch "$RESULTS"
for p in "${PACKAGES[@]}"; do
  awk -F'\t' -v p="$p" '$1 != p' "$RESULTS" >"$RESULTS.new" && mv "$RESULTS.new" "$RESULTS"
done
failed=0
for p in "${PACKAGES[@]}"; do
  dsc=$(ls "$WORKDIR/dl/${p}_"*.dsc | sort | tail -n1)
  rm -rf "$RUN/src/$p"; mkdir -p "$RUN/src/$p"
  dpkg-source -q -x "$dsc" "$RUN/src/$p/tree" >/dev/null 2>&1
  tree=$RUN/src/$p/tree
  # The build system debian/rules drives: its build dependencies say which.
  if grep -qsw 'meson' "$tree/debian/control"; then system=meson
  elif grep -qsw 'cmake' "$tree/debian/control"; then system=cmake
  elif [ -n "$(find "$tree" -maxdepth 3 -name ltmain.sh -print -quit)" ] ||
       grep -qsE 'LT_INIT|AC_PROG_LIBTOOL|AM_PROG_LIBTOOL' "$tree/configure.ac" "$tree/configure.in" \
         "$tree"/*/configure.ac; then system=libtool
  else system=make; fi
  log=$RUN/logs/$p.log
  touch "$RUN/src/$p/stamp"
  : >"$RLOG"
  start=$SECONDS
  status=ok
  (cd "$tree" && timeout 3600 dpkg-buildpackage -B -uc -us -j"$JOBS") >"$log" 2>&1 || status=FAIL
  if [ "$status" = ok ] && [ -n "${EXTRA_TESTS[$p]:-}" ]; then
    echo "== package-builds: ${EXTRA_TESTS[$p]}" >>"$log"
    (cd "$tree" && timeout 3600 bash -c "${EXTRA_TESTS[$p]}") >>"$log" 2>&1 || status=FAIL
  fi
  secs=$((SECONDS - start))
  census=$(elf_census "$RUN/src/$p" "$RUN/src/$p/stamp")
  n_elf=$(grep -c . <<<"$census" || true)
  n_rivet=$(grep -c '^rivet ' <<<"$census" || true)
  n_verdef=$(grep -c '^[a-z]* verdef ' <<<"$census" || true)
  # The relocatable links the forced-in linker made.
  cp "$RLOG" "$RUN/logs/$p.ld-r"
  n_r=$(grep -c . "$RLOG" || true)
  # Test summaries of automake, ctest, meson, and the hand-written suites of zlib, nettle
  # and double-conversion.
  tests=$(sed 's/^[[:space:]]*//' "$log" \
           | grep -aE '^# (TOTAL|PASS|FAIL|ERROR): |tests passed, [0-9]+ tests failed|^Ok: |^Fail: |^All [0-9]+ tests passed|^Ran [0-9]+ tests|^\*\*\* zlib .*test OK|^\[  (PASSED|FAILED)  \]' \
           | sort | uniq -c | sed 's/^ *//' | tr '\n' ';' | cut -c1-160 || true)
  # busybox's testsuite/runtest prints a line per test and no total: count them, for
  # each build directory it ran in.
  if grep -aq '^======== running testsuite in ' "$log"; then
    tests=$(awk '/^======== running testsuite in /{ d = $5; sub(/^b\//, "", d)
                                                      if (!(d in p)) o[n++] = d; p[d] += 0 }
                 d != "" && /^PASS: /{ p[d]++ }  d != "" && /^FAIL: /{ f[d]++ }
                 d != "" && /^SKIPPED: /{ s[d]++ }
                 END { for (i = 0; i < n; i++)
                         printf "%s: %d PASS %d FAIL %d SKIP;", o[i], p[o[i]], f[o[i]], s[o[i]] }' \
             "$log")$tests
  fi
  proof=ok
  if [ "$LINKER" = rivet ] && { [ "$n_elf" -eq 0 ] || [ "$n_rivet" -ne "$n_elf" ]; }; then proof=FAIL; fi
  if [ "$LINKER" = bfd ] && [ "$n_rivet" -ne 0 ]; then proof=FAIL; fi
  if [ -n "${LD_R_USERS[$p]:-}" ] && [ "$n_r" -eq 0 ]; then proof=FAIL; fi
  [ "$status" = ok ] && [ "$proof" = ok ] || failed=$((failed + 1))
  outcome=$status
  [ "$proof" = ok ] || outcome=NOPROOF
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$p" "$system" "$outcome" "$n_elf" "$n_rivet" \
    "$n_verdef" "$secs" "${tests:-no summary found}" "$n_r" >>"$RESULTS"
  printf '   %-18s %-7s build+tests %-4s  ELF files %3s, by rivet %3s (%s)  with verdef %2s  ld -r %3s  %4ss\n' \
    "$p" "$system" "$status" "$n_elf" "$n_rivet" "$proof" "$n_verdef" "$n_r" "$secs"
  [ "$status" = ok ] || tail -n 15 "$log" | sed 's/^/      | /'
  if [ "$proof" != ok ]; then
    { grep -v '^rivet ' <<<"$census" || true; } | head -n 10 | sed 's/^/      not rivet: /'
    [ -z "${LD_R_USERS[$p]:-}" ] || [ "$n_r" -ne 0 ] ||
      echo "      no ld -r link, though $p is listed as an ld -r user"
  fi
  echo "      tests: ${tests:-no summary found}"
done

# ---------------------------------------------------------------- 4. side by side
fi # REPORT_ONLY
# Every package either run has a line for, in the default list's order first.
mapfile -t all < <( { printf '%s\n' "${DEFAULT_PACKAGES[@]}";
                      cut -f1 "$WORKDIR"/results-rivet.tsv "$WORKDIR"/results-bfd.tsv 2>/dev/null; } |
                    awk 'NF && !seen[$0]++')
echo "== 4. both linkers (build + the package's own tests; rivet: every ELF file it wrote linked by rivet)"
printf '   %-18s %-8s %-8s %-8s %-7s %s\n' package system rivet bfd "ld -r" "tests (rivet run)"
n_rivet_ok=0 n_bfd_ok=0 n_listed=0
for p in "${all[@]}"; do
  # (no results file yet for a linker that has not run)
  field() { awk -F'\t' -v p="$p" -v c="$2" '$1 == p { print $c }' "$WORKDIR/results-$1.tsv" \
              2>/dev/null || true; }
  r=$(field rivet 3) b=$(field bfd 3)
  [ -n "$r$b" ] || continue
  n_listed=$((n_listed + 1))
  [ "$r" = ok ] && n_rivet_ok=$((n_rivet_ok + 1))
  [ "$b" = ok ] && n_bfd_ok=$((n_bfd_ok + 1))
  sys=$(field rivet 2); [ -n "$sys" ] || sys=$(field bfd 2)
  # ld -r: the relocatable links of the rivet run (of the bfd run when rivet has not run)
  nr=$(field rivet 9); [ -n "$r" ] || nr=$(field bfd 9)
  printf '   %-18s %-8s %-8s %-8s %-7s %s\n' "$p" "$sys" "${r:--}" "${b:--}" "${nr:--}" \
    "$(field rivet 8 | cut -c1-70)"
done
echo "   passing: rivet $n_rivet_ok of $n_listed, bfd $n_bfd_ok of $n_listed"
if [ "$REPORT_ONLY" = 1 ]; then
  exit 0
fi
echo "== this run: $((${#PACKAGES[@]} - failed)) of ${#PACKAGES[@]} packages built and passed their tests with $LINKER"
[ "$failed" -eq 0 ]
