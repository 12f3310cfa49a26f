#!/usr/bin/env bash
# --build-id (sha1, what the gcc driver passes) gives a shared object a PT_NOTE with
# an NT_GNU_BUILD_ID note of 20 bytes, in an allocated .note.gnu.build-id section; the
# same inputs give the same id, a changed input a different one; --build-id=none gives
# none.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int lib_id(void) { return 1; }
EOF2
sed 's/return 1/return 2/' lib.c >lib2.c
compile_c -O1 -fPIC -o lib.o lib.c
compile_c -O1 -fPIC -o lib2.o lib2.c
mkdir -p again
so_link_both libid.so -Wl,--build-id=sha1 lib.o
so_link_rivet again/libid.so -Wl,--build-id=sha1 lib.o
so_link_rivet rivet/libid2.so -Wl,--build-id=sha1 lib2.o
so_link_rivet rivet/libnone.so -Wl,--build-id=none lib.o
lib=rivet/libid.so
id=$(build_id $lib)
assert_eq "${#id}" 40 "length in hex digits of the build id of $lib ('$id')"
assert_eq "$(build_id again/libid.so)" "$id" "build id of the same inputs linked again"
[ "$(build_id rivet/libid2.so)" != "$id" ] || fail "expected rivet/libid2.so (different code) to get a build id other than $id, got the same"
assert_eq "$(build_id rivet/libnone.so)" "" "build id with --build-id=none"
assert_contains "$(section_field $lib .note.gnu.build-id flags)" A "flags of .note.gnu.build-id in $lib"
addr=$(section_field $lib .note.gnu.build-id addr)
addr_in_phdr $lib NOTE "$addr" 36 || fail "$lib: expected .note.gnu.build-id ($addr, 36 bytes) inside a PT_NOTE ($(phdr_rows $lib NOTE))"
so_elflint_compare libid.so
