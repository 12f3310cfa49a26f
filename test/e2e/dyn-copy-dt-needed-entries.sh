#!/usr/bin/env bash
# --copy-dt-needed-entries (GNU ld): the libraries named by DT_NEEDED of the libraries
# after the option join the link, recursively, once the command line is read. They
# satisfy the objects' references and get a DT_NEEDED entry -- after every
# command-line library, breadth-first -- only when the objects use them, with no
# version need (ld.bfd binds such a reference unversioned). The option is positional:
# --no-copy-dt-needed-entries before the library, or the option after it, leaves the
# default, where a reference only an indirect library defines is GNU ld's "DSO missing
# from command line" error. An --as-needed library nothing uses brings in nothing.
#
# libA needs libB and libX; libB (versioned: B_1.0) needs libC. Only libA is named.
# gcc passes --as-needed on this machine, hence the explicit --no-as-needed.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >c.c <<'EOF2'
int fc(void) { return 3; }
EOF2
cat >x.c <<'EOF2'
int fx(void) { return 7; }
EOF2
cat >b.c <<'EOF2'
int fc(void);
int fb(void) { return 2 + fc(); }
EOF2
cat >b.map <<'EOF2'
B_1.0 { global: fb; local: *; };
EOF2
cat >a.c <<'EOF2'
int fa(void) { return 1; }
EOF2
cat >use-b.c <<'EOF2'
#include <stdio.h>
int fb(void);
int main(void) { printf("fb=%d\n", fb()); return 0; }
EOF2
cat >use-all.c <<'EOF2'
#include <stdio.h>
int fb(void), fc(void), fx(void);
int main(void) { printf("fc=%d fx=%d fb=%d\n", fc(), fx(), fb()); return 0; }
EOF2
cat >use-c.c <<'EOF2'
#include <stdio.h>
int fc(void);
int main(void) { printf("fc=%d\n", fc()); return 0; }
EOF2
cat >use-a.c <<'EOF2'
#include <stdio.h>
int fa(void);
int main(void) { printf("fa=%d\n", fa()); return 0; }
EOF2

mkdir -p deps
run gcc -shared -fPIC -fuse-ld=bfd -o deps/libC.so -Wl,-soname,libC.so c.c
run gcc -shared -fPIC -fuse-ld=bfd -o deps/libX.so -Wl,-soname,libX.so x.c
run gcc -shared -fPIC -fuse-ld=bfd -o deps/libB.so -Wl,-soname,libB.so -Wl,--version-script,b.map \
  b.c -Wl,--no-as-needed deps/libC.so
run gcc -shared -fPIC -fuse-ld=bfd -o libA.so -Wl,-soname,libA.so a.c -Wl,--no-as-needed \
  deps/libB.so deps/libX.so
for prog in use-b use-all use-c use-a; do
  compile_c -O1 -o $prog.o $prog.c
done

needed_list() { dynamic_values "$1" NEEDED | tr '\n' ' '; }

run_with_deps() {
  local exe=$1
  LD_LIBRARY_PATH="$PWD:$PWD/deps" timeout "$RUN_TIMEOUT" "./$exe" >"$exe.stdout" 2>"$exe.stderr" ||
    fail "$exe exited with status $?; stderr: $(cat "$exe.stderr")"
  [ ! -s "$exe.stderr" ] || fail "$exe: expected nothing on stderr, got: $(cat "$exe.stderr")"
}

# link_and_compare BASE WANT_STDOUT ARGS...: both linkers, same DT_NEEDED list, same
# output, and the same dynamic symbols imported with the same versions.
link_and_compare() {
  local base=$1 want=$2 side
  shift 2
  dlink_both "$base" "$@"
  assert_eq "$(needed_list "$base.rivet")" "$(needed_list "$base.bfd")" "$base: DT_NEEDED entries, in order"
  for side in bfd rivet; do
    run_with_deps "$base.$side"
    assert_eq "$(cat "$base.$side.stdout")" "$want" "$base.$side: output"
  done
  assert_eq "$(dynsym "$base.rivet" | awk '$6 == "UND" && $7 ~ /^f[a-z]$/ { print $7, $8 }' | sort)" \
    "$(dynsym "$base.bfd" | awk '$6 == "UND" && $7 ~ /^f[a-z]$/ { print $7, $8 }' | sort)" \
    "$base: imported f* symbols and their versions"
}

# 1. A function only libB defines, through libA: libB gets DT_NEEDED after libc.
link_and_compare copy 'fb=5' use-b.o -L. -Wl,--no-as-needed,--copy-dt-needed-entries -lA \
  -Wl,-rpath-link,deps
assert_eq "$(needed_list copy.rivet)" "libA.so libc.so.6 libB.so " "copy: DT_NEEDED entries"
assert_eq "$(dynsym_field copy.rivet fb version)" "-" \
  "copy: fb is imported unversioned, as ld.bfd does for a library it added"
if readelf -VW copy.rivet | grep -q 'File: libB.so'; then
  fail "copy: expected no version need on libB.so (ld.bfd writes none), got: $(readelf -VW copy.rivet)"
fi

# 2. Recursive and breadth-first: libA's libB and libX, then libB's libC; found
#    through -rpath too.
link_and_compare all 'fc=3 fx=7 fb=5' use-all.o -L. -Wl,--no-as-needed,--copy-dt-needed-entries \
  -lA -Wl,-rpath,"$PWD/deps"
assert_eq "$(needed_list all.rivet)" "libA.so libc.so.6 libB.so libX.so libC.so " \
  "all: DT_NEEDED entries, breadth-first"

# 3. Only the libraries used get DT_NEEDED; the option after the library still
#    recurses into libC (its being read this way is what counts).
link_and_compare onlyc 'fc=3' use-c.o -L. -Wl,--no-as-needed,--copy-dt-needed-entries -lA \
  -Wl,--no-copy-dt-needed-entries -Wl,-rpath-link,deps
assert_eq "$(needed_list onlyc.rivet)" "libA.so libc.so.6 libC.so " "onlyc: DT_NEEDED entries"
link_and_compare unused 'fa=1' use-a.o -L. -Wl,--as-needed,--copy-dt-needed-entries -lA \
  -Wl,-rpath-link,deps
assert_eq "$(needed_list unused.rivet)" "libA.so libc.so.6 " "unused: DT_NEEDED entries"

# 4. Default, or the option only after the library: GNU ld's error, no output.
for how in default after; do
  flags=(-Wl,--no-as-needed -lA -Wl,-rpath-link,deps)
  [ $how = after ] && flags=(-Wl,--no-as-needed,--no-copy-dt-needed-entries -lA -Wl,--copy-dt-needed-entries -Wl,-rpath-link,deps)
  if gcc -fuse-ld=bfd -o "$how.bfd" use-b.o -L. "${flags[@]}" 2>"$how.bfd.err"; then
    fail "test setup: expected ld.bfd to refuse the link ($how)"
  fi
  grep -q "use-b.o: undefined reference to symbol 'fb@@B_1.0'" "$how.bfd.err" ||
    fail "test setup: ld.bfd's message changed: $(cat "$how.bfd.err")"
  expect_link_error "$how.rivet" \
    "ld.rivet: error: use-b.o: undefined reference to symbol 'fb@@B_1.0'" \
    "ld.rivet: error: deps/libB.so: error adding symbols: DSO missing from command line" \
    -- gcc -B"$RIVET_LIBEXEC/" -o "$how.rivet" use-b.o -L. "${flags[@]}"
done

# 5. An --as-needed libA nothing uses brings in no libB: a plain undefined reference.
if gcc -fuse-ld=bfd -o asneeded.bfd use-b.o -L. -Wl,--as-needed,--copy-dt-needed-entries -lA \
  -Wl,-rpath-link,deps 2>asneeded.bfd.err; then
  fail "test setup: expected ld.bfd to refuse the link with libA unused under --as-needed"
fi
expect_link_error asneeded.rivet "undefined reference to \`fb'" -- \
  gcc -B"$RIVET_LIBEXEC/" -o asneeded.rivet use-b.o -L. -Wl,--as-needed,--copy-dt-needed-entries \
  -lA -Wl,-rpath-link,deps
assert_not_contains "$LINK_STDERR" "DSO missing" "asneeded: link error message"
