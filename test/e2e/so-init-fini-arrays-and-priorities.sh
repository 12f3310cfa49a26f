#!/usr/bin/env bash
# A shared object's constructors and destructors (init/fini arrays, with and without
# priorities, across two objects) run when it is loaded and unloaded, in priority
# order, each priority band before the default ones, destructors in reverse -- both
# when the library is a DT_NEEDED of the executable and when it is dlopen'ed.
# DT_INIT_ARRAY/DT_INIT_ARRAYSZ cover .init_array exactly.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >a.c <<'EOF2'
#include <stdio.h>
static void say(const char *s) { printf("%s\n", s); fflush(stdout); }
__attribute__((constructor(300))) static void c300(void) { say("ctor 300"); }
__attribute__((constructor(101))) static void c101(void) { say("ctor 101"); }
__attribute__((constructor)) static void cdef_a(void) { say("ctor default a"); }
__attribute__((destructor(300))) static void d300(void) { say("dtor 300"); }
__attribute__((destructor(101))) static void d101(void) { say("dtor 101"); }
__attribute__((destructor)) static void ddef_a(void) { say("dtor default a"); }
int lib_a(void) { return 1; }
EOF2
cat >b.c <<'EOF2'
#include <stdio.h>
static void say(const char *s) { printf("%s\n", s); fflush(stdout); }
__attribute__((constructor(200))) static void c200(void) { say("ctor 200"); }
__attribute__((constructor)) static void cdef_b(void) { say("ctor default b"); }
__attribute__((destructor(200))) static void d200(void) { say("dtor 200"); }
__attribute__((destructor)) static void ddef_b(void) { say("dtor default b"); }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int lib_a(void);
int main(void) { printf("main %d\n", lib_a()); fflush(stdout); return 0; }
EOF2
cat >dl.c <<'EOF2'
#include <dlfcn.h>
#include <stdio.h>
int main(void) {
  void *h = dlopen("libinit.so", RTLD_NOW);
  if (!h) { printf("dlopen: %s\n", dlerror()); return 1; }
  printf("opened\n"); fflush(stdout);
  dlclose(h);
  printf("closed\n");
  return 0;
}
EOF2
compile_c -O1 -fPIC -o a.o a.c
compile_c -O1 -fPIC -o b.o b.c
so_link_both libinit.so a.o b.o
want_ctors="ctor 101
ctor 200
ctor 300
ctor default a
ctor default b"
want_dtors="dtor default b
dtor default a
dtor 300
dtor 200
dtor 101"
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -linit
so_run_matrix prog
so_expect_stdout prog "$want_ctors
main 1
$want_dtors"
compile_c -O1 -o dl.o dl.c
so_dlink_matrix dl dl.o -ldl
so_run_matrix dl
so_expect_stdout dl "$want_ctors
opened
$want_dtors
closed"
lib=rivet/libinit.so
assert_eq "$(dynamic_values $lib INIT_ARRAY)" "0x$(section_field $lib .init_array addr | sed 's/^0*//')" "DT_INIT_ARRAY of $lib (the address of .init_array)"
assert_eq "$(dynamic_values $lib INIT_ARRAYSZ)" "$(hex_to_dec "$(section_field $lib .init_array size)")" "DT_INIT_ARRAYSZ of $lib (the size of .init_array)"
assert_eq "$(dynamic_values $lib FINI_ARRAYSZ)" "$(hex_to_dec "$(section_field $lib .fini_array size)")" "DT_FINI_ARRAYSZ of $lib (the size of .fini_array)"
so_elflint_compare libinit.so
