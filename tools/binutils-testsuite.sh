#!/usr/bin/env bash
# Run GNU binutils' own ld testsuite (DejaGnu, ld/testsuite of Debian 12's binutils 2.40)
# with rivet, or with GNU ld itself for reference, as the linker under test.
#
#   bash tools/binutils-testsuite.sh [--linker rivet|bfd] [WORKDIR] [RUNTESTFLAGS=...]
#
#   --linker rivet   (default) test build/tools/ld.rivet of this checkout (build it first:
#                    bash tools/setup.sh --no-sample)
#   --linker bfd     test the ld-new that binutils built: the reference run
#   WORKDIR          default /tmp/rivet-binutils-testsuite
#   RUNTESTFLAGS=... passed to `make check-ld` (after -v), e.g. RUNTESTFLAGS=ld-elf/elf.exp
#                    or 'RUNTESTFLAGS=ld-shared/shared.exp ld-elf/exclude.exp'
#   RIVET_LD=PATH    (environment) test that ld.rivet instead of build/tools/ld.rivet
#   --report-only    only step 5, on the logs kept from the last run (WORKDIR/ld-LINKER.log);
#                    e.g. to redo the side-by-side table once both linkers have run
#
# The first run takes about 12 minutes to build binutils on 2 cores (most of it bfd and
# opcodes), then each run of the suite 10-16 minutes: runtest runs the ~3000 tests one
# after another, so -j2 only helps make's own steps. Results: WORKDIR/results-LINKER.txt.
#
# Steps (each is skipped when already done):
#  1. apt-get installs what is missing (dejagnu, expect, bison, flex, texinfo, ...); if apt
#     has no deb-src entry, /etc/apt/sources.list.d/rivet-deb-src.list gets one for bookworm
#     main, built from the machine's own deb entries; `apt-get source binutils` in WORKDIR.
#  2. binutils is configured and built out of tree in WORKDIR/build (gas, binutils, ld;
#     host target only; nothing installed).
#  3. The linker under test is put in place. The testsuite runs the linker two ways:
#     directly as $ld = WORKDIR/build/ld/ld-new (ld/testsuite/config/default.exp), and
#     through gcc with -B WORKDIR/build/ld/tmpdir/ld/, where default.exp makes
#     tmpdir/ld/ld a symlink to ../../ld-new (and tmpdir/ld/as to gas' as-new). So
#     ld-new is the single point: for rivet it is a copy of ld.rivet (a snapshot, so a
#     concurrent rebuild of ./build cannot change the linker mid-run); the real GNU ld is
#     kept as ld-new.bfd and copied back for --linker bfd. Which linker ran is checked
#     from `ld-new --version` before the run and from ld.log afterwards.
#  4. `make check-ld -j2` runs under `ulimit -f` (4 GiB), inside a private mount
#     namespace in which /dev/null is bind-mounted onto itself (the suite's probes link
#     to /dev/null as root); after the run /dev/null is checked to still be a character
#     device, and restored loudly if not.
#  5. ld/ld.log is classified (the rule is documented at step 5 below; ld.sum's counts are
#     checked against it): a table per directory and kind (run, diag, dump, link) is
#     printed with the ten most common failure reasons of link and dump tests; the FAIL
#     names per kind, each with a one-line reason from ld.log, go to
#     WORKDIR/results-<linker>.txt (every result to results-<linker>.tsv); the run-test
#     counts are printed beside the other linker's when WORKDIR/results-<other>.tsv
#     exists. The logs are kept as WORKDIR/ld-<linker>.log and WORKDIR/ld-<linker>.sum.
set -euo pipefail

RIVET_ROOT=$(cd "$(dirname "$0")/.." && pwd)
LINKER=rivet
WORKDIR=/tmp/rivet-binutils-testsuite
RUNTESTFLAGS_ARG=()
REPORT_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --linker) LINKER=${2:?--linker needs rivet or bfd}; shift 2 ;;
    --linker=*) LINKER=${1#--linker=}; shift ;;
    RUNTESTFLAGS=*) RUNTESTFLAGS_ARG=("$1"); shift ;;
    --report-only) REPORT_ONLY=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "binutils-testsuite: unknown option $1" >&2; exit 2 ;;
    *) WORKDIR=$1; shift ;;
  esac
done
case "$LINKER" in rivet|bfd) ;; *) echo "binutils-testsuite: --linker rivet|bfd" >&2; exit 2 ;; esac
mkdir -p "$WORKDIR"
WORKDIR=$(cd "$WORKDIR" && pwd)
BUILD=$WORKDIR/build
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo

stage_start=0
stage() { stage_start=$SECONDS; echo "== $*"; }
stage_done() { echo "   ($((SECONDS - stage_start)) s)"; }

if [ $REPORT_ONLY = 1 ]; then
  [ -f "$WORKDIR/ld-$LINKER.log" ] || { echo "binutils-testsuite: no $WORKDIR/ld-$LINKER.log" >&2; exit 1; }
else
# ---------------------------------------------------------------- 1. packages, source
stage "1. packages and binutils source"
# dpkg-dev: apt-get source; the rest: binutils' build and the suite (python3: step 5).
# No gcc-multilib: on x86_64-linux no test compiles with gcc -m32 (ld-i386's tests
# assemble with gas --32 and link with ld -m elf_i386).
PACKAGES=(dpkg-dev dejagnu expect bison flex texinfo zlib1g-dev libzstd-dev build-essential
          gcc g++ make file bc python3)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# shellcheck source=tools/debian-source.sh
. "$RIVET_ROOT/tools/debian-source.sh"
need_update=0
ensure_deb_src "tools/binutils-testsuite.sh" && need_update=1
if [ ${#missing[@]} -gt 0 ] || [ $need_update = 1 ]; then
  $SUDO apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "   installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

SRC=$(find "$WORKDIR" -maxdepth 1 -type d -name 'binutils-2.*' | sort | tail -n1)
if [ -z "$SRC" ] || [ ! -f "$SRC/ld/testsuite/config/default.exp" ]; then
  echo "   apt-get source binutils"
  # (as root, apt warns that it downloads unsandboxed: WORKDIR is not _apt's)
  (cd "$WORKDIR" && apt-get source -qq binutils 2>&1 >/dev/null | { grep -v 'unsandboxed' || true; } >&2)
  SRC=$(find "$WORKDIR" -maxdepth 1 -type d -name 'binutils-2.*' | sort | tail -n1)
fi
[ -n "$SRC" ] && [ -f "$SRC/ld/testsuite/config/default.exp" ] \
  || { echo "binutils-testsuite: no binutils source tree in $WORKDIR" >&2; exit 1; }
echo "   source: $SRC"
stage_done

# ---------------------------------------------------------------- 2. build binutils
stage "2. configure and build binutils (gas, binutils, ld) in $BUILD"
mkdir -p "$BUILD"
if [ ! -f "$BUILD/config.status" ]; then
  (cd "$BUILD" && "$SRC/configure" -q --disable-gdb --disable-gdbserver --disable-gprofng \
     --disable-sim --disable-readline --disable-libdecnumber --disable-werror --disable-gold \
     --disable-nls >configure.out 2>&1) \
    || { tail -30 "$BUILD/configure.out" >&2; exit 1; }
fi
# ld-new.bfd is the real GNU ld, kept aside once ld-new may be rivet. make would relink
# ld-new only when it is older than its objects; put the real one back first, so that it
# never links over rivet nor over itself.
if [ -f "$BUILD/ld/ld-new.bfd" ] && ! cmp -s "$BUILD/ld/ld-new.bfd" "$BUILD/ld/ld-new"; then
  cp -p "$BUILD/ld/ld-new.bfd" "$BUILD/ld/ld-new"
fi
(cd "$BUILD" && make -j2 all-gas all-binutils all-ld >make.out 2>&1) \
  || { tail -30 "$BUILD/make.out" >&2; exit 1; }
"$BUILD/ld/ld-new" --version | head -n1 | grep -q '^GNU ld' \
  || { echo "binutils-testsuite: $BUILD/ld/ld-new is not GNU ld after the build" >&2; exit 1; }
cp -p "$BUILD/ld/ld-new" "$BUILD/ld/ld-new.bfd"
stage_done

# ---------------------------------------------------------------- 3. the linker under test
stage "3. linker under test: $LINKER"
if [ "$LINKER" = rivet ]; then
  RIVET_BIN=${RIVET_LD:-$RIVET_ROOT/build/tools/ld.rivet}
  [ -x "$RIVET_BIN" ] || { echo "binutils-testsuite: no $RIVET_BIN; run bash tools/setup.sh --no-sample" >&2; exit 1; }
  echo "   $RIVET_BIN, built $(date -r "$RIVET_BIN" '+%F %T'); checkout at" \
       "$(git -C "$RIVET_ROOT" log -1 --format=%h 2>/dev/null || echo '?')" \
       "$( [ -n "$(git -C "$RIVET_ROOT" status --porcelain -- lib include tools 2>/dev/null)" ] && echo '(+ uncommitted changes)')"
  cp "$RIVET_BIN" "$BUILD/ld/ld-new.tmp"      # a fresh mtime: newer than ld's objects
  mv -f "$BUILD/ld/ld-new.tmp" "$BUILD/ld/ld-new"
  expect_version='^rivet '
else
  cp "$BUILD/ld/ld-new.bfd" "$BUILD/ld/ld-new.tmp"
  mv -f "$BUILD/ld/ld-new.tmp" "$BUILD/ld/ld-new"
  expect_version='^GNU ld '
fi
# default.exp makes tmpdir/ld/{ld,collect-ld} links to ../../ld-new; make sure nothing
# else (a copy, a stale link) sits there.
tl=$BUILD/ld/tmpdir/ld
if [ -d "$tl" ]; then
  for f in ld collect-ld; do
    if [ -e "$tl/$f" ] && ! [ "$tl/$f" -ef "$BUILD/ld/ld-new" ]; then
      echo "binutils-testsuite: $tl/$f is not ld-new; removing $tl" >&2; rm -rf "$tl"; break
    fi
  done
fi
version=$("$BUILD/ld/ld-new" --version | head -n1)
echo "   ld-new --version: $version"
[[ $version =~ $expect_version ]] || { echo "binutils-testsuite: ld-new is not $LINKER" >&2; exit 1; }
LD_SUM=$(sha256sum "$BUILD/ld/ld-new" | cut -c1-64)
stage_done

# ---------------------------------------------------------------- 4. run the testsuite
# -v: runtest logs its level-1 messages too ("ld.messages has ...", "regexpfile is ...");
# the classification below needs them to see which tests compare the linker's messages.
RTF="-v"
for a in "${RUNTESTFLAGS_ARG[@]}"; do RTF="$RTF ${a#RUNTESTFLAGS=}"; done
stage "4. make check-ld -j2 RUNTESTFLAGS='$RTF' (log: $WORKDIR/check-$LINKER.out)"
rm -f "$BUILD/ld/ld.sum" "$BUILD/ld/ld.log"
touch "$WORKDIR/.start-$LINKER"
FSIZE_KB=$((4 * 1024 * 1024))            # ulimit -f counts 1024-byte blocks: 4 GiB
run_check='ulimit -f '$FSIZE_KB' && cd "$BUILD" && exec make check-ld -j2 RUNTESTFLAGS="$RTF"'
export BUILD RTF
set +e
if unshare -m --propagation private true 2>/dev/null; then
  # /dev/null bind-mounted onto itself cannot be renamed over nor unlinked (EBUSY) in
  # this namespace, whatever a linker run as root does with "-o /dev/null".
  unshare -m --propagation private bash -c \
    'mount --bind /dev/null /dev/null || exit 99; '"$run_check" >"$WORKDIR/check-$LINKER.out" 2>&1
  rc=$?
else
  echo "   (no private mount namespace here: running unprotected, /dev/null checked afterwards)"
  bash -c "$run_check" >"$WORKDIR/check-$LINKER.out" 2>&1
  rc=$?
fi
set -e
[ $rc = 99 ] && { echo "binutils-testsuite: could not bind-mount /dev/null" >&2; exit 1; }
if [ "$(stat -c '%F %t:%T' /dev/null 2>/dev/null)" != "character special file 1:3" ]; then
  echo "!!!!!! /dev/null IS NO LONGER THE NULL DEVICE after the $LINKER run: $(ls -l /dev/null 2>&1)" >&2
  echo "!!!!!! restoring it with mknod -m 666 /dev/null c 1 3" >&2
  $SUDO rm -f /dev/null && $SUDO mknod -m 666 /dev/null c 1 3
fi
[ -f "$BUILD/ld/ld.sum" ] && [ -f "$BUILD/ld/ld.log" ] \
  || { tail -30 "$WORKDIR/check-$LINKER.out" >&2; echo "binutils-testsuite: no ld.sum/ld.log (make exit $rc)" >&2; exit 1; }
echo "   make check-ld exit status $rc (non-zero when any test fails)"
[ "$(sha256sum "$BUILD/ld/ld-new" | cut -c1-64)" = "$LD_SUM" ] \
  || { echo "binutils-testsuite: ld/ld-new changed during the run (make relinked it?)" >&2; exit 1; }
cp "$BUILD/ld/ld.log" "$WORKDIR/ld-$LINKER.log"
cp "$BUILD/ld/ld.sum" "$WORKDIR/ld-$LINKER.sum"
# Which linker ran: the suite logs "$ld --version" and checks gcc -B reaches the same ld;
# rivet also leaves "rivet VERSION" in the .comment of what it links.
ran=$(grep -m1 -E '^(rivet [0-9]|GNU ld \()' "$WORKDIR/ld-$LINKER.log" || true)
echo "   ld.log: ld-new --version said: $ran"
[[ $ran =~ $expect_version ]] || { echo "binutils-testsuite: the suite did not run $LINKER" >&2; exit 1; }
if grep -q 'Your compiler apparently ignores -B' "$WORKDIR/ld-$LINKER.log"; then
  echo "binutils-testsuite: gcc -B did not reach ld-new (see ld.log)" >&2; exit 1
fi
written=$(find "$BUILD/ld/tmpdir" -maxdepth 1 -type f -newer "$WORKDIR/.start-$LINKER" | wc -l)
marked=$(find "$BUILD/ld/tmpdir" -maxdepth 1 -type f -newer "$WORKDIR/.start-$LINKER" -print0 \
         | { xargs -0 -r grep -las 'rivet [0-9]' || true; } | wc -l)
echo "   of the $written files the run left in ld/tmpdir, $marked carry rivet's .comment marker"
if [ "$LINKER" = rivet ] && [ "$marked" = 0 ]; then
  echo "binutils-testsuite: nothing in ld/tmpdir was linked by rivet" >&2; exit 1
elif [ "$LINKER" = bfd ] && [ "$marked" != 0 ]; then
  echo "binutils-testsuite: files linked by rivet in a bfd run" >&2; exit 1
fi
stage_done
fi   # REPORT_ONLY

# ---------------------------------------------------------------- 5. classify the results
# Every result line of ld.log (PASS/FAIL/XFAIL/UNRESOLVED/UNSUPPORTED/UNTESTED: NAME)
# belongs to the directory of the .exp file announced by the last "Running .../ld-DIR/X.exp
# ..." line, and to a kind decided by the lines logged since the previous result line
# (the test's own commands and outputs), first rule that matches:
#   run   a program the test built is executed and its output captured and compared:
#         "Running: tmpdir/X > tmpdir/X.out" (ld-lib.exp's run_ld_link_exec_tests) or
#         "tmpdir/X >tmpdir/X.out" (ld-shared, ld-elfweak, ld-cdtest, ld-elfvers, ...), or
#         ld-bootstrap's linker built by the test linking again via gcc -B tmpdir/gccldN/
#         with the outputs compared by cmp;
#   diag  the linker's messages are matched against expected ones: "succeeded with: <...>,
#         expected: <RE>" / "failed with: ..." (run_dump_test #error/#warning),
#         "returned with: <...>, expected: <RE>" (run_cc_link_tests), "ld.messages has '...'"
#         or "regexpfile is F" (file of expected messages; logged with runtest -v), "Linker
#         was expected to give error or warning"; or a PASS although the last link printed
#         an error or warning that the suite does not prune (the .exp checked the message
#         itself without logging it, as ld-elf/indirect.exp does);
#   dump  objdump/readelf/nm/size is run on the output and compared with a pattern file
#         (run_dump_test's .d files, run_ld_link_tests and run_cc_link_tests actions): a
#         logged ".../binutils/objdump ..."-style command, or run_dump_test's link "ld-new
#         ... -o tmpdir/dump" (so a dump test whose link failed is still a dump test);
#   link  anything else: the link (or ld -r, or ar) must succeed and print nothing.
# A test whose link failed never reaches its run or dump step, so when results of the
# other linker exist, a test's kind is the strongest (run > diag > dump > link) of the two
# logs' evidence for it (tests are matched by directory, name and occurrence number). A
# result with nothing logged since the previous one of the same status shares its lines
# (one command judged several ways). Tests that fail on another's output rename on their
# failure path ("... (could not link)"), so a few dozen names differ between linkers.
# FAIL counts FAIL, UNRESOLVED, XPASS and KPASS; UNSUP counts UNSUPPORTED and UNTESTED.
# The reason given for a failure is, in order: the run's crash or loader error or first
# wrong output line; a linker crash; for diag tests what was printed against what was
# expected; the linker's first error/warning line; the dump tool's error; the first
# mismatching line of the dump; else the .exp's last command and what followed it. A
# "cannot open tmpdir/X" is traced to the earlier failed test that should have made X,
# and counted under that test's reason in the "most common reasons" lists.
stage "5. results"
python3 - "$LINKER" "$WORKDIR" "$WORKDIR/ld-$LINKER.log" "$WORKDIR/ld-$LINKER.sum" <<'PY'
import collections, os, re, sys

# usage: classify.py LINKER WORKDIR LOG SUM
linker, workdir, logpath, sumpath = sys.argv[1:5]
other = "bfd" if linker == "rivet" else "rivet"
KINDS = ["run", "diag", "dump", "link"]
RANK = {k: i for i, k in enumerate(KINDS)}          # lower index = stronger evidence

RESULT = re.compile(r"^(PASS|FAIL|XFAIL|XPASS|KFAIL|KPASS|UNRESOLVED|UNSUPPORTED|UNTESTED): (.*)$")
EXPFILE = re.compile(r"^Running (\S+)/testsuite/([^/ ]+)/([^/ ]+\.exp) \.\.\.$")
NOISE = re.compile(r"^(pid is |Executing on |spawn |close result|waitres| status -?\d+$"
                   r"|Found file|Didn't find|Loading |dirlist is|Using |testcase .* completed in)")
TOOLS = r"(objdump|readelf|nm-new|nm|size|strings|elfedit|ar|strip-new|objcopy|as-new|ld-new|diff|sed|cmp|gcc|g\+\+|cc|c\+\+)"
# run: a program built by the test is executed with its output captured: ld-lib.exp's
# run_ld_link_exec_tests logs "Running: tmpdir/x > tmpdir/x.out"; the .exp files with
# their own procedures (ld-shared, ld-elfweak, ld-cdtest, ...) log "tmpdir/x >tmpdir/x.out".
RUN = re.compile(r"^(?:Running: )?(\S*tmpdir/(\S+))\s*>\s*\S+\.out\s*$")
# ld-bootstrap: the linker the test built links again (gcc -B tmpdir/gccld1/), then cmp
BOOT = re.compile(r"^\S*gcc -B\S*tmpdir/gccld\d+/ ", re.M)
# diag: the linker's messages are compared with expected ones: run_dump_test's
# "{succeeded,failed} with: <...>, expected: <RE>" / "expected in file F", run_cc_link_tests'
# and run_ld_link_exec_tests' "returned with: <...>, expected: <RE>", run_ld_link_tests'
# "regexpfile is F" (runtest -v), and "Linker was expected to give error or warning".
DIAG = re.compile(r"(?:(?:returned|succeeded|failed) with: <.*?>, expected(?:: <| in file ))"
                  r"|^regexpfile is |^ld\.messages has '|^Linker was expected to give error or warning",
                  re.S | re.M)
# dump: objdump/readelf/nm/size output compared with a pattern file: run_dump_test,
# run_ld_link_tests and run_cc_link_tests log "TOOL OPTIONS FILE > OUT"; run_dump_test
# always links "-o tmpdir/dump" (so a dump test whose link failed is still known as one).
DUMP = re.compile(r"^\S*/binutils/(?:objdump|readelf|nm-new|size)\s|^\S*ld-new .*-o tmpdir/dump\b", re.M)

# the warnings the suite prunes before deciding that a link printed nothing
PRUNED = re.compile(r"cannot find entry symbol|unsupported GNU_PROPERTY_TYPE|missing \.note\.GNU-stack"
                    r"|NOTE: This behaviour is deprecated|has a LOAD segment with RWX|has a TLS segment with"
                    r" execute|Gap in build notes|ld returned 1 exit status"
                    r"|: no input files$|: supported (targets|emulations): |: emulation specific options:")  # probes

LINKCMD = re.compile(r"^(?:\S*/)?(?:ld-new|gcc|g\+\+|cc|c\+\+)\s")

def kind_of(text, status):
    if any(RUN.match(l) and not re.match(r"^\S*/" + TOOLS + r"\s", l) for l in text.splitlines()):
        return "run"
    if BOOT.search(text):
        return "run"
    if DIAG.search(text):
        return "diag"
    # a test that passed although the linker printed an error or warning (not one of those
    # the suite prunes) expected that message: the .exp checks it itself (ld-elf/indirect.exp)
    # (only what the last link command printed: probes such as ld --print-sysroot come before)
    tl = text.splitlines()
    last = max([i for i, l in enumerate(tl) if LINKCMD.match(l)], default=-1)
    if status == "PASS" and last >= 0 and any(LDMSG.match(l) and not PRUNED.search(l) for l in tl[last + 1:]):
        return "diag"
    if DUMP.search(text):
        return "dump"
    return "link"

# ---- reasons
LDMSG = re.compile(r"^(?:\S*/)?(ld\.rivet|ld-new|ld|collect-ld|collect2|lto1|lto-wrapper|as-new|as)"
                   r": (?:(error|warning|fatal error|internal error|Error|Warning|undefined|cannot|BFD)|\S)")
def shorten(s, n=160):
    s = re.sub(r"/\S*/(build|binutils-2\.40)/(ld/|ld/testsuite/)?", "", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s if len(s) <= n else s[: n - 3] + "..."

def mismatch(text, what):
    """The first difference regexp_diff (or a .exp's own comparison) logged, or None."""
    m = re.search(r"regexp_diff match failure\nregexp \"(.*)\"\nline +\"(.*)\"", text)
    if m:
        return "%s: expected /%s/, got '%s'" % (what, shorten(m.group(1), 70), shorten(m.group(2), 70))
    if re.search(r"^fail if no difference$", text, re.M):
        return "%s: the output matches what the test's #failif pattern says it must not" % what
    m = re.search(r"extra regexps in \S+ starting with \"(.*)\"", text)
    if m:
        return "%s: output ends before /%s/" % (what, shorten(m.group(1), 80))
    m = re.search(r"extra lines in \S+ starting with \"(.*)\"", text)
    if m:
        return "%s: extra line '%s'" % (what, shorten(m.group(1), 80))
    # ld-elfweak, ld-elfvers: "\tEXPECTED-FILE: N: regexp" then "\tOUTPUT-FILE: N: line"
    m = re.search(r"^\t\S+: \d+: (.*)\n\t\S+: \d+: (.*)$", text, re.M)
    if m:
        return "%s: expected /%s/, got '%s'" % (what, shorten(m.group(1), 70), shorten(m.group(2), 70))
    m = re.search(r"^(\S+) (\S+) differ(?:s|:.*|\.)?$", text, re.M)      # cmp, or a .exp's own diff
    if m:
        how = " (before and after strip/objcopy)" if re.search(r"/(strip-new|objcopy) ", text) else ""
        return "%s: %s and %s differ%s" % (what, shorten(m.group(1), 40), shorten(m.group(2), 40), how)
    if re.search(r"\S+ and \S+ are different lengths", text):
        return "%s: different lengths" % what
    return None

def reason_of(lines, kind):
    text = "\n".join(lines)
    # where did the program run (if it did)?
    run_at = next((i for i, l in enumerate(lines) if RUN.match(l)), None)
    if run_at is not None:
        after = [l for l in lines[run_at + 1:] if not RUN.match(l)]
        for l in after:
            if re.search(r"child killed: |Segmentation fault|core dumped|Aborted", l):
                return "runtime: " + shorten(l)
        for l in after:
            if re.search(r"error while loading shared libraries|symbol lookup error|undefined symbol|cannot open shared"
                         r"|version .* not found|Inconsistency detected|relocation error|fatal", l):
                return "runtime: " + shorten(l)
        if after and after[0].startswith("extra regexps in "):
            m = re.search(r"starting with \"(.*)\"", after[0])
            return "wrong output: the program printed nothing (expected /%s/)" % shorten(m.group(1) if m else "?", 60)
        mm = mismatch("\n".join(after), "wrong output")
        if mm:
            return mm
        dl = [l for l in after if re.match(r"^[<>] |^\d+(,\d+)?[acd]\d+", l)]
        if dl:
            return "wrong output (diff): " + shorten(" | ".join(dl[:3]), 120)
        rest = [l for l in after if l.strip() and not l.startswith("diff ") and "child process exited abnormally" not in l]
        if rest:
            return "runtime: " + shorten(rest[0])
        if "child process exited abnormally" in "\n".join(after):
            return "runtime: non-zero exit status, nothing on stderr"
        return "wrong output"
    for l in lines:
        if re.search(r"child killed: |terminated with signal|Segmentation fault|core dumped|Aborted", l):
            return "linker crashed: " + shorten(l)
    msgs = [l for l in lines if LDMSG.match(l) and not PRUNED.search(l)]
    ldmsgs = [l for l in msgs if not re.match(r"^(?:\S*/)?(as-new|as|lto1|lto-wrapper):", l)]
    m = re.search(r"(succeeded|failed|returned) with: <(.*?)>, expected(?:: <(.*?)>| in file (\S+))", text, re.S)
    if m:
        got = m.group(2).strip()
        want = m.group(3) if m.group(3) is not None else "file " + m.group(4)
        gl = [l for l in got.splitlines() if not PRUNED.search(l)]
        firstmsg = next((l for l in gl if LDMSG.match(l)), gl[0] if gl else "")
        if not got:
            return "%s, expected /%s/" % ({"succeeded": "the link succeeded silently",
                                           "failed": "the link failed silently"}.get(m.group(1), "the link printed nothing"),
                                          shorten(want, 80))
        # a message, but not the expected one, or the wrong outcome (error expected, link succeeded)
        return "%s: '%s'; expected /%s/" % (("link " + m.group(1)) if m.group(1) != "returned" else "printed",
                                           shorten(firstmsg, 100), shorten(want, 60))
    if "Linker was expected to give error or warning" in text:
        return "no diagnostic printed (an error or warning was expected)"
    if ldmsgs:
        return shorten(ldmsgs[0])
    if msgs:
        return shorten(msgs[0])
    m = re.search(r"exited abnormally with (\d+), output:(.*)", text)
    if m:
        return "dump tool failed: " + shorten(m.group(2) or ("exit " + m.group(1)))
    # which dump: the last objdump/readelf/nm command, its options without the file names
    tools = [l for l in lines if re.match(r"^\S*/binutils/(?:objdump|readelf|nm-new|size)\s", l)]
    tag = ""
    if tools:
        w = re.sub(r"\s*(>|\|).*", "", tools[-1]).split()
        tag = " [%s]" % " ".join([os.path.basename(w[0]).replace("nm-new", "nm")]
                                 + [a for a in w[1:] if not re.search(r"tmpdir/|^\S*/", a)])
    mm = mismatch(text, "dump mismatch" + tag)
    if mm:
        return mm
    # the .exp checked something itself and logged no verdict: name its last command and
    # the last line logged after it
    cmd = next((i for i in range(len(lines) - 1, -1, -1)
                if re.match(r"^(?:\S*/)?" + TOOLS + r"\s", lines[i]) or lines[i].startswith("./ld-new")), None)
    if cmd is None:
        return "no message in ld.log"
    w = re.sub(r"\s*(>|\|).*", "", lines[cmd]).split()
    what = " ".join([os.path.basename(w[0]).replace("-new", "")] + [a for a in w[1:4] if not re.search(r"tmpdir/|^\S*/", a)])
    tail = [l for l in lines[cmd + 1:] if l.strip() and not l.startswith("output is ")]
    if not tail or all(PRUNED.search(l) for l in tail):
        return "other: the .exp's own check failed after `%s`, which printed nothing%s" % (
            what, " but pruned warnings" if tail else "")
    return "other: the .exp's own check failed after `%s`; last line: '%s'" % (what, shorten(tail[-1], 80))

# A test often links what a later one uses; when that link failed, the later test says
# "cannot open tmpdir/X". Such failures are followed back to the test that failed to make X.
OUTPUT = re.compile(r"(?:^|\s)-o\s*(\S*tmpdir/[^\s/]+)(?=\s|$)|\sr?c\s+(\S*tmpdir/\S+\.a)\b")
MISSING = re.compile(r"cannot open (\S*tmpdir/[^\s:']+)|(\S*tmpdir/[^\s:']+)'?(?:: No such file| does not exist)"
                     r"|cannot find (\S*tmpdir/[^\s:]+)")
def outputs_of(lines):
    outs = set()
    for l in lines:
        if re.match(r"^(?:\S*/)?(?:gcc|g\+\+|cc|c\+\+|ld-new|ar)\s", l) and " -c " not in l:
            for a, b in OUTPUT.findall(l):
                outs.add(os.path.basename(a or b))
    return outs

# a failure reason with its particulars (files, numbers, names) taken out, to count alike ones
def cause_of(reason):
    m = re.match(r"^(link succeeded|link failed|printed): '(.*)'; expected /", reason)
    if m:           # a diag test: what the linker said instead of the expected message
        return ("%s instead of the expected message: " % m.group(1)) + cause_of(m.group(2))
    if re.match(r"^the link (succeeded silently|failed silently|printed nothing), expected", reason):
        return re.sub(r", expected.*", ", a message was expected", reason)
    if reason.startswith("other: the .exp's own check failed after"):
        return re.sub(r"(; last line: .*|, which printed .*)$", "", reason)
    m = re.search(r"unsupported linker script command '([^']*)'", reason)
    if m:
        return "unsupported linker script command '%s' (in a -T script)" % m.group(1)
    c = re.sub(r">, (no expected output|expected.*)$", "", reason)
    c = re.sub(r"^(?:\S*/)?(?:ld\.rivet|ld-new|collect-ld|ld): (?:error: )?", "", c)
    c = re.sub(r"(unknown option:? \S+?)=\S*", r"\1=...", c)
    c = re.sub(r"(unknown option:? \S+).*", r"\1", c)
    c = re.sub(r"\S*tmpdir/[^\s:,;'`()]+", "FILE", c)
    c = re.sub(r"(?<![\w.])/[^\s:,;'`()]+", "PATH", c)
    c = re.sub(r"[`'\"][^`'\"]*[`'\"]", "'X'", c)
    c = re.sub(r"\b(symbol|version|section|in section|of) (?!'X')[^\s:,;]+", r"\1 X", c)
    c = re.sub(r"\b0x[0-9a-fA-F]+\b|\b[0-9a-fA-F]{8,16}\b|\b\d+\b", "N", c)
    if c.startswith(("dump mismatch", "wrong output")):
        c = re.sub(r":.*", "", c)
    return c[:110]

# ---- parse ld.log into results
results = []        # dict(dir, exp, name, status, kind, reason, key)
seen = collections.Counter()
cur_dir, cur_exp, block = "?", "?", []
errors = []
with open(logpath, errors="replace") as f:
    for raw in f:
        line = raw.rstrip("\n")
        m = EXPFILE.match(line)
        if m:
            cur_dir, cur_exp, block = m.group(2), m.group(3), []
            continue
        m = RESULT.match(line)
        if m:
            status, name = m.group(1), m.group(2).strip()
            # runtest -v echoes every logged line once more; drop the echoes
            lines, prev = [], None
            for l in block:
                if l != prev:
                    lines.append(l)
                prev = l
            # results with nothing logged between them judge the same command (e.g. two
            # messages of one link, ld-elf/indirect.exp): they share the previous block
            if not lines and results and results[-1]["dir"] == cur_dir and results[-1]["status"] == status:
                lines = results[-1]["lines"]
            key = "%s\t%s" % (cur_dir, name)
            seen[key] += 1
            key += "#%d" % seen[key]
            kind = kind_of("\n".join(lines), status)
            results.append(dict(dir=cur_dir, exp=cur_exp, name=name, status=status, kind=kind,
                                lines=lines, key=key))
            block = []
            continue
        if line.startswith("ERROR: "):
            errors.append("%s/%s: %s" % (cur_dir, cur_exp, line[7:]))
        if NOISE.match(line):
            continue
        block.append(line)

# the other linker's classification: a test's kind is the strongest evidence found in
# either linker's log, so that a run test whose link failed here still counts as run
def read_tsv(path):
    d = {}
    if os.path.exists(path):
        with open(path) as f:
            for l in f:
                if l.startswith("#"):
                    continue
                p = l.rstrip("\n").split("\t")
                if len(p) >= 7:
                    d[p[0] + "\t" + p[1]] = dict(dir=p[0], name=p[1].rsplit("#", 1)[0], status=p[2], kind=p[3],
                                                  ownkind=p[4], exp=p[5], reason=p[6])
    return d
other_tsv = read_tsv(os.path.join(workdir, "results-%s.tsv" % other))
# compare only the .exp files both runs ran (RUNTESTFLAGS may have picked some)
both = {(r["dir"], r["exp"]) for r in results} & {(o["dir"], o["exp"]) for o in other_tsv.values()}
other_tsv = {k: o for k, o in other_tsv.items() if (o["dir"], o["exp"]) in both}
for r in results:
    r["ownkind"] = r["kind"]          # what this log alone shows; the other run reads only that
    o = other_tsv.get(r["key"])
    if o and o["ownkind"] in RANK and RANK[o["ownkind"]] < RANK[r["kind"]]:
        r["kind"] = o["ownkind"]
def bad(st):
    return st in ("FAIL", "UNRESOLVED", "XPASS", "KPASS")
made_by = {}          # basename of tmpdir/X -> the failed test that should have made it
for r in results:
    r["reason"] = reason_of(r["lines"], r["kind"]) if bad(r["status"]) else ""
    r["root"] = r["reason"]
    if r["reason"]:
        m = MISSING.search(r["reason"])
        src = made_by.get(os.path.basename(next(g for g in m.groups() if g))) if m else None
        if src and src is not r:
            r["reason"] += "  [not made: '%s' failed: %s]" % (shorten(src["name"], 60), shorten(src["root"], 100))
            r["root"] = src["root"]
    for o in outputs_of(r["lines"]):
        if bad(r["status"]) or r["status"] in ("UNSUPPORTED", "UNTESTED"):
            made_by[o] = r
        else:
            made_by.pop(o, None)

# ---- cross-check with ld.sum
sumcount = collections.Counter()
if os.path.exists(sumpath):
    with open(sumpath, errors="replace") as f:
        for l in f:
            m = RESULT.match(l.rstrip("\n"))
            if m:
                sumcount[m.group(1)] += 1
logcount = collections.Counter(r["status"] for r in results)
if sumcount != logcount:
    print("   note: ld.sum and ld.log disagree: sum %s, log %s" % (dict(sumcount), dict(logcount)))

# ---- tables
def col(st):
    if st == "PASS":
        return "PASS"
    if bad(st):
        return "FAIL"
    if st in ("XFAIL", "KFAIL"):
        return "XFAIL"
    return "UNSUP"
table = collections.defaultdict(collections.Counter)
for r in results:
    table[(r["dir"], r["kind"])][col(r["status"])] += 1
dirs = sorted({d for d, _ in table})
print("   %-18s %-5s %6s %6s %6s %6s" % ("directory", "kind", "PASS", "FAIL", "XFAIL", "UNSUP"))
tot = collections.defaultdict(collections.Counter)
for d in dirs:
    for k in KINDS:
        c = table.get((d, k))
        if not c or (c["PASS"] == 0 and c["FAIL"] == 0 and c["XFAIL"] == 0):
            if c:
                tot[k].update(c)
            continue
        tot[k].update(c)
        print("   %-18s %-5s %6d %6d %6d %6d" % (d, k, c["PASS"], c["FAIL"], c["XFAIL"], c["UNSUP"]))
print("   " + "-" * 52)
allc = collections.Counter()
for k in KINDS:
    c = tot[k]
    allc.update(c)
    print("   %-18s %-5s %6d %6d %6d %6d" % ("total", k, c["PASS"], c["FAIL"], c["XFAIL"], c["UNSUP"]))
print("   %-18s %-5s %6d %6d %6d %6d" % ("total", "all", allc["PASS"], allc["FAIL"], allc["XFAIL"], allc["UNSUP"]))
if errors:
    print("   DejaGnu ERROR lines (%d; an ERROR can end an .exp early):" % len(errors))
    for e in errors[:15]:
        print("     " + shorten(e, 150))

# tests the other linker's run has but this one lacks (an .exp cut short)
if other_tsv:
    mine = {r["key"] for r in results}
    missing = collections.Counter(o["dir"] for k, o in other_tsv.items() if k not in mine)
    if missing:
        print("   results in %s's log missing from this one: %s" % (other, ", ".join("%s %d" % x for x in sorted(missing.items()))))

# ---- files
with open(os.path.join(workdir, "results-%s.tsv" % linker), "w") as f:
    f.write("# dir\tname#occurrence\tstatus\tkind\tkind from this log alone\t.exp\treason (FAIL only)\n")
    for r in results:
        f.write("%s\t%s\t%s\t%s\t%s\t%s\n" % (r["key"], r["status"], r["kind"], r["ownkind"], r["exp"],
                                            r["reason"].replace("\t", " ")))
with open(os.path.join(workdir, "results-%s.txt" % linker), "w") as f:
    f.write("# FAIL (and UNRESOLVED) tests of binutils 2.40's ld testsuite with --linker %s, per kind\n" % linker)
    f.write("# format: directory: test name -- reason taken from ld.log\n")
    for k in KINDS:
        fl = [r for r in results if r["kind"] == k and bad(r["status"])]
        f.write("\n## %s (%d)\n" % (k, len(fl)))
        for r in fl:
            st = "" if r["status"] == "FAIL" else r["status"] + " "
            f.write("%s: %s%s -- %s\n" % (r["dir"], st, r["name"], r["reason"]))
    for title, ks in (("run", ["run"]), ("diag", ["diag"]), ("link and dump", ["link", "dump"])):
        cc = collections.Counter(cause_of(r["root"]) for r in results if r["kind"] in ks and bad(r["status"]))
        f.write("\n## most common reasons among failing %s tests\n" % title)
        for c, n in cc.most_common(25):
            f.write("%5d  %s\n" % (n, c))
    if other_tsv:
        mine = {r["key"] for r in results}
        gone = [o for k, o in other_tsv.items() if k not in mine]
        f.write("\n## results in %s's log not in this one (%d): renamed on a failure path, or an .exp cut short\n"
                % (other, len(gone)))
        for o in gone:
            f.write("%s: %s (%s there)\n" % (o["dir"], o["name"], o["status"]))
    if errors:
        f.write("\n## DejaGnu ERROR lines (%d)\n" % len(errors))
        for e in errors:
            f.write(e + "\n")

cc = collections.Counter(cause_of(r["root"]) for r in results if r["kind"] in ("link", "dump") and bad(r["status"]))
if cc:
    print("\n   ten most common reasons among failing link and dump tests")
    for c, n in cc.most_common(10):
        print("   %5d  %s" % (n, c))

# ---- side by side: run tests
if other_tsv:
    oc = collections.defaultdict(collections.Counter)
    for o in other_tsv.values():
        if o["kind"] == "run":
            oc[o["dir"]][col(o["status"])] += 1
    mc = collections.defaultdict(collections.Counter)
    for r in results:
        if r["kind"] == "run" and (r["dir"], r["exp"]) in both:
            mc[r["dir"]][col(r["status"])] += 1
    a, b = ("rivet", "bfd")
    ca, cb = (mc, oc) if linker == "rivet" else (oc, mc)
    print("\n   run tests, side by side%s" % ("" if len(both) == len({(r["dir"], r["exp"]) for r in results})
                                            else " (the .exp files both runs ran)"))
    print("   %-18s %7s %7s   %7s %7s" % ("directory", a + " P", a + " F", b + " P", b + " F"))
    ta, tb = collections.Counter(), collections.Counter()
    for d in sorted(set(ca) | set(cb)):
        x, y = ca.get(d, collections.Counter()), cb.get(d, collections.Counter())
        ta.update(x); tb.update(y)
        print("   %-18s %7d %7d   %7d %7d" % (d, x["PASS"], x["FAIL"], y["PASS"], y["FAIL"]))
    print("   %-18s %7d %7d   %7d %7d" % ("total", ta["PASS"], ta["FAIL"], tb["PASS"], tb["FAIL"]))
PY
echo "   FAIL lists with reasons: $WORKDIR/results-$LINKER.txt (all results: results-$LINKER.tsv)"
stage_done
echo "== total $SECONDS s"
