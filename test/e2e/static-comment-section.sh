#!/usr/bin/env bash
# The output's .comment (SHF_MERGE|SHF_STRINGS, not allocated) keeps the compiler
# identification strings of the inputs, merged so that each appears once, and adds the
# linker's own, which contains "rivet".
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

for f in one two; do
  cat >"$f.c" <<EOF
int fn_$f(void) { return 1; }
EOF
  compile_c -O1 -o "$f.o" "$f.c"
done
cat >main.c <<'EOF'
int fn_one(void), fn_two(void);
int main(void) { return fn_one() + fn_two(); }
EOF
compile_c -O1 -o main.o main.c
link_both comment main.o one.o two.o
run_both_and_compare comment
expect_status comment 2
elflint_compare comment

has_section comment.rivet .comment || fail "expected a .comment section in the output, found none"
flags=$(section_field comment.rivet .comment flags)
assert_contains "$flags" MS "flags of .comment (SHF_MERGE|SHF_STRINGS)"
assert_not_contains "$flags" A "flags of .comment (not allocated)"
strings=$(readelf -p .comment comment.rivet | sed -n 's/^ *\[ *[0-9a-f]*\] *//p')
assert_contains "$strings" rivet ".comment strings of rivet's output"
gcc_ident=$(readelf -p .comment main.o | sed -n 's/^ *\[ *[0-9a-f]*\] *//p' | grep 'GCC:' || true)
[ -n "$gcc_ident" ] || fail "test setup: expected a GCC: identification string in main.o's .comment"
assert_eq "$(grep -cxF "$gcc_ident" <<<"$strings" || true)" 1 "number of copies of '$gcc_ident' in .comment"
dups=$(sort <<<"$strings" | uniq -d)
[ -z "$dups" ] || fail "expected every .comment string once (SHF_MERGE), got duplicates: $dups"
