#!/usr/bin/env bash
# Under --as-needed a library is needed only when it satisfies a non-weak reference:
# a shared object whose only use of a library is a weak undefined reference (here
# wk_hook from libhook.so, and __cxa_finalize from libc.so.6 via crtbeginS.o) gets no
# DT_NEEDED for it, as ld.bfd and lld do; one with a strong reference does. A library
# that is not needed contributes no .gnu.version_r entry either (an entry's vn_file
# must name a DT_NEEDED), so the weak reference carries no version.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >hook.c <<'EOF2'
int wk_hook(void) { return 1; }
int strong_hook(void) { return 2; }
EOF2
cat >weak.c <<'EOF2'
__attribute__((weak)) int wk_hook(void);
int weak_user(void) { return wk_hook ? wk_hook() : -1; }
EOF2
cat >strong.c <<'EOF2'
int strong_hook(void);
int strong_user(void) { return strong_hook(); }
EOF2
so_link_both libhook.so -Wl,-soname,libhook.so hook.c
so_link_bfd bfd/libweak.so weak.c -Wl,--as-needed -Lbfd -lhook
so_link_rivet rivet/libweak.so weak.c -Wl,--as-needed -Lbfd -lhook
so_link_rivet rivet/libstrong.so strong.c -Wl,--as-needed -Lbfd -lhook
assert_eq "$(dynamic_values bfd/libweak.so NEEDED | tr '\n' ' ')" "" "test setup: DT_NEEDED of bfd/libweak.so"
assert_eq "$(dynamic_values rivet/libweak.so NEEDED | tr '\n' ' ')" "" "DT_NEEDED of rivet/libweak.so (only weak references to libhook.so and libc.so.6)"
assert_eq "$(dynamic_values rivet/libstrong.so NEEDED | tr '\n' ' ')" "libhook.so " "DT_NEEDED of rivet/libstrong.so (a strong reference to strong_hook, none to libc)"
assert_eq "$(dynsym_field rivet/libweak.so wk_hook bind) $(dynsym_field rivet/libweak.so wk_hook ndx)" "WEAK UND" ".dynsym entry of wk_hook in rivet/libweak.so"
vr_files=$(readelf -VW rivet/libweak.so | grep 'File:' || true)
assert_eq "$vr_files" "" ".gnu.version_r entries of rivet/libweak.so (it has no DT_NEEDED)"
assert_eq "$(dynsym_field rivet/libweak.so __cxa_finalize version)" "$(dynsym_field bfd/libweak.so __cxa_finalize version)" \
  "version of __cxa_finalize in .dynsym of rivet/libweak.so (as in bfd's)"
so_elflint_compare libweak.so
