#!/usr/bin/env bash
# GNU ld's default --ld-generated-unwind-info: the linker adds an .eh_frame CIE and an
# FDE per chunk of PLT code, indexed in .eh_frame_hdr, so that an unwinder finds a
# frame for a pc inside a PLT stub. The program single-steps (EFLAGS.TF) through calls
# that go through the PLT (the lazy path through PLT0, a .plt.got entry, a local
# IFUNC's entry) and unwinds from the SIGTRAP handler at every instruction it executes
# in its own image: each backtrace must reach main, which needs the FDE and the right
# CFA at each offset of the stub (the lazy entry's push moves it). The .plt FDE's
# instructions must be ld.bfd's; --no-ld-generated-unwind-info leaves them out.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >step.c <<'EOF2'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <ucontext.h>
#include <unistd.h>
#include <unwind.h>

static void *exe_base;
static int steps, steps_reaching_main, done;

static _Unwind_Reason_Code visit(struct _Unwind_Context *uc, void *arg) {
  Dl_info info;
  void *ip = (void *)_Unwind_GetIP(uc);
  if (dladdr(ip, &info) && info.dli_sname && !strcmp(info.dli_sname, "main"))
    *(int *)arg = 1;
  return _URC_NO_REASON;
}

/* Unwinds at each instruction of the executable until the pc leaves it (into the
 * loader's resolver or the library), then stops stepping. */
static void on_trap(int sig, siginfo_t *si, void *ucv) {
  (void)sig, (void)si;
  ucontext_t *uc = ucv;
  Dl_info info;
  void *pc = (void *)uc->uc_mcontext.gregs[REG_RIP];
  if (done || !dladdr(pc, &info) || info.dli_fbase != exe_base) {
    uc->uc_mcontext.gregs[REG_EFL] &= ~0x100L;
    done = 1;
    return;
  }
  int reached = 0;
  _Unwind_Backtrace(visit, &reached);
  steps++;
  steps_reaching_main += reached;
}

#define STEP_FROM_HERE()                                                                \
  do {                                                                                  \
    done = 0;                                                                           \
    __asm__ volatile("pushfq; orq $0x100, (%%rsp); popfq" ::: "memory", "cc");         \
  } while (0)

static int seven(void) { return 7; }
static int (*pick_seven(void))(void) { return seven; }
int local_ifunc(void) __attribute__((ifunc("pick_seven")));

pid_t (*volatile getpid_address)(void) = getpid; /* getpid gets a GOT slot too */

int main(void) {
  Dl_info info;
  dladdr((void *)main, &info);
  exe_base = info.dli_fbase;
  struct sigaction sa = {.sa_sigaction = on_trap, .sa_flags = SA_SIGINFO};
  sigaction(SIGTRAP, &sa, 0);
  STEP_FROM_HERE();
  puts("through .plt");
  STEP_FROM_HERE();
  int same = getpid() == getpid_address();
  STEP_FROM_HERE();
  int v = local_ifunc();
  done = 1;
  printf("same=%d ifunc=%d steps=%d reaching_main=%d\n", same, v, steps, steps_reaching_main);
  return 0;
}
EOF2

# step_counts FILE: "steps reaching_main" from a run of FILE.
step_counts() {
  local out
  out=$(./"$1") || fail "$1 exited with status $?"
  printf '%s\n' "$out" | sed -n 's/.* steps=\([0-9]*\) reaching_main=\([0-9]*\)$/\1 \2/p'
}

# assert_every_step_unwinds FILE: each backtrace taken inside FILE reached main.
assert_every_step_unwinds() {
  local counts steps reaching
  counts=$(step_counts "$1")
  read -r steps reaching <<<"$counts"
  [ -n "$steps" ] && [ "$steps" -ge 4 ] ||
    fail "$1: expected at least 4 single steps inside the executable, got '$counts'"
  [ "$steps" = "$reaching" ] ||
    fail "$1: expected the backtrace from every one of the $steps steps to reach main (an FDE for each PLT stub), $reaching did"
}

# plt_fde FILE SECTION: the call frame instructions of the FDE whose range is exactly
# SECTION ("advance_loc: N to ADDR" without the address); fails when there is none.
plt_fde() {
  local file=$1 sec=$2 addr size range
  addr=$(section_field "$file" "$sec" addr)
  size=$(section_field "$file" "$sec" size)
  [ -n "$addr" ] || fail "$file: expected a section $sec"
  range=$(printf 'pc=%016x..%016x' $((16#$addr)) $((16#$addr + 16#$size)))
  readelf --debug-dump=frames "$file" | awk -v r="$range" '
    / FDE / { inside = index($0, r) > 0; if (inside) found = 1; next }
    /^$/ { inside = 0 }
    inside { sub(/ to [0-9a-f]+$/, ""); print }
    END { exit !found }' ||
    fail "$file: expected an FDE covering $sec exactly ($range), found none"
}

# hdr_fde_count FILE: the fde_count field of .eh_frame_hdr.
hdr_fde_count() {
  local off
  off=$(section_field "$1" .eh_frame_hdr off)
  [ -n "$off" ] || fail "$1: expected an .eh_frame_hdr"
  od -An -tu4 -j $((16#$off + 8)) -N4 "$1" | tr -d ' '
}

for pie in -no-pie -pie; do
  fpic=-fno-pie
  [ "$pie" = -pie ] && fpic=-fpie
  compile_c -O1 $fpic -o "step$pie.o" step.c
  for bind in lazy now; do
    base=step$pie-$bind
    dlink_both "$base" "$pie" "step$pie.o" -rdynamic -Wl,-z,$bind
    run_both_and_compare "$base"
    assert_every_step_unwinds "$base.bfd"
    assert_every_step_unwinds "$base.rivet"
    assert_eq "$(plt_fde "$base.rivet" .plt)" "$(plt_fde "$base.bfd" .plt)" \
      "$base.rivet: the .plt FDE's instructions (as ld.bfd's)"
    elflint_compare "$base"
  done
done
assert_contains "$(plt_fde step-no-pie-lazy.rivet .plt)" \
  "DW_OP_breg16 (rip): 0; DW_OP_lit15; DW_OP_and; DW_OP_lit11; DW_OP_ge" \
  "step-no-pie-lazy.rivet: the .plt FDE's CFA expression for the entries"
# In a PIE getpid needs a GOT slot and a PLT entry: a .plt.got entry, a plain jump.
assert_eq "$(plt_fde step-pie-lazy.rivet .plt.got | sort -u)" "  DW_CFA_nop" \
  "step-pie-lazy.rivet: the .plt.got FDE's instructions (one jump per entry: the CIE's state)"
assert_eq "$(plt_fde step-pie-lazy.rivet .plt.got)" "$(plt_fde step-pie-lazy.bfd .plt.got)" \
  "step-pie-lazy.rivet: the .plt.got FDE (as ld.bfd's)"
# The local IFUNC's entry is in rivet's .iplt (ld.bfd puts it into .plt).
plt_fde step-pie-lazy.rivet .iplt >/dev/null

# Indirect branch tracking: endbr64 first, callers reach .plt.sec, the lazy entry's
# push ends at offset 9.
compile_c -O1 -fpie -fcf-protection=full -o step-ibt.o step.c
dlink_both step-ibt -pie step-ibt.o -rdynamic -Wl,-z,lazy,-z,ibtplt
has_section step-ibt.rivet .plt.sec || fail "step-ibt.rivet: expected a .plt.sec with -z ibtplt"
run_both_and_compare step-ibt
assert_every_step_unwinds step-ibt.rivet
assert_eq "$(plt_fde step-ibt.rivet .plt)" "$(plt_fde step-ibt.bfd .plt)" \
  "step-ibt.rivet: the IBT .plt FDE's instructions (as ld.bfd's)"
assert_contains "$(plt_fde step-ibt.rivet .plt)" "DW_OP_lit9; DW_OP_ge" \
  "step-ibt.rivet: the IBT .plt FDE's CFA expression"
assert_eq "$(plt_fde step-ibt.rivet .plt.sec)" "$(plt_fde step-ibt.bfd .plt.sec)" \
  "step-ibt.rivet: the .plt.sec FDE (as ld.bfd's)"
elflint_compare step-ibt

# Without the records the unwinder stops at the first step inside a PLT stub.
dlink_rivet step-none.rivet -pie step-pie.o -rdynamic -Wl,-z,lazy,--no-ld-generated-unwind-info
read -r steps reaching <<<"$(step_counts step-none.rivet)"
[ "$reaching" -lt "$steps" ] ||
  fail "step-none.rivet: expected --no-ld-generated-unwind-info to leave PLT steps without a frame, $reaching of $steps reached main"
if readelf --debug-dump=frames step-none.rivet | grep -q "pc=$(printf '%016x' $((16#$(section_field step-none.rivet .plt addr))))"; then
  fail "step-none.rivet: expected no FDE for .plt with --no-ld-generated-unwind-info"
fi
for f in step-none.rivet step-pie-lazy.rivet step-ibt.rivet; do
  assert_eq "$(hdr_fde_count $f)" "$(readelf --debug-dump=frames $f | grep -c ' FDE ')" \
    "$f: .eh_frame_hdr's fde_count (every FDE of .eh_frame indexed, the PLT's too)"
done

# A shared library: the same records for its .plt.
cat >lib.c <<'EOF2'
#include <stdio.h>
void hello(void) { puts("hello"); }
EOF2
compile_c -O1 -fPIC -o lib.o lib.c
dlink_both lib.so -shared lib.o
assert_eq "$(plt_fde lib.so.rivet .plt)" "$(plt_fde lib.so.bfd .plt)" \
  "lib.so.rivet: the .plt FDE's instructions (as ld.bfd's)"
elflint_compare lib.so

# A static executable has no dynamic sections: ld.bfd writes no FDE for its .iplt.
cat >ifunc.c <<'EOF2'
#include <stdio.h>
static int impl(void) { return 42; }
static int (*resolve(void))(void) { return impl; }
int f(void) __attribute__((ifunc("resolve")));
int main(void) { printf("%d\n", f()); return 0; }
EOF2
compile_c -O1 -o ifunc.o ifunc.c
link_both static ifunc.o
run_both_and_compare static
iplt=$(section_field static.rivet .iplt addr)
[ -n "$iplt" ] || fail "static.rivet: expected an .iplt for the IFUNC"
if readelf --debug-dump=frames static.rivet | grep -q "pc=$(printf '%016x' $((16#$iplt)))"; then
  fail "static.rivet: expected no FDE for .iplt in a static executable (ld.bfd writes none)"
fi
