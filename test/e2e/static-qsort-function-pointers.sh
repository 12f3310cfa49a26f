#!/usr/bin/env bash
# qsort and bsearch calling back into comparators defined in another translation unit,
# reached through a table of function pointers in .data.rel.ro (R_X86_64_64 against
# functions) and through pointers returned from code (PC-relative address loads).
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >cmp.h <<'EOF'
struct person { const char *name; int age; };
struct sorter { const char *label; int (*cmp)(const void *, const void *); };
extern const struct sorter sorters[];
extern const int n_sorters;
int (*by_age(void))(const void *, const void *);
int by_name(const void *, const void *);
EOF
cat >cmp.c <<'EOF'
#include <string.h>
#include "cmp.h"
static int int_asc(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
static int int_desc(const void *a, const void *b) { return *(const int *)b - *(const int *)a; }
static int int_mod7(const void *a, const void *b) {
  int x = *(const int *)a % 7, y = *(const int *)b % 7;
  return x != y ? x - y : *(const int *)a - *(const int *)b;
}
const struct sorter sorters[] = {{"asc", int_asc}, {"desc", int_desc}, {"mod7", int_mod7}};
const int n_sorters = sizeof sorters / sizeof sorters[0];
static int age_cmp(const void *a, const void *b) {
  return ((const struct person *)a)->age - ((const struct person *)b)->age;
}
int (*by_age(void))(const void *, const void *) { return age_cmp; }
int by_name(const void *a, const void *b) {
  return strcmp(((const struct person *)a)->name, ((const struct person *)b)->name);
}
EOF
cat >main.c <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include "cmp.h"
int main(void) {
  int base[] = {42, 7, 19, 3, 88, 14, 21, 0, 56, 9};
  int n = (int)(sizeof base / sizeof base[0]);
  for (int s = 0; s < n_sorters; s++) {
    int v[10];
    for (int i = 0; i < n; i++) v[i] = base[i];
    qsort(v, (size_t)n, sizeof v[0], sorters[s].cmp);
    printf("%s:", sorters[s].label);
    for (int i = 0; i < n; i++) printf(" %d", v[i]);
    printf("\n");
  }
  struct person people[] = {{"mallory", 41}, {"alice", 30}, {"bob", 25}, {"carol", 35}};
  qsort(people, 4, sizeof people[0], by_age());
  printf("by age: %s %s %s %s\n", people[0].name, people[1].name, people[2].name, people[3].name);
  qsort(people, 4, sizeof people[0], by_name);
  struct person key = {"carol", 0};
  struct person *hit = bsearch(&key, people, 4, sizeof people[0], by_name);
  printf("bsearch carol: %d\n", hit ? hit->age : -1);
  return 0;
}
EOF
compile_c -O2 -o cmp.o cmp.c
compile_c -O2 -o main.o main.c
link_both sort main.o cmp.o

run_both_and_compare sort
expect_stdout sort "asc: 0 3 7 9 14 19 21 42 56 88
desc: 88 56 42 21 19 14 9 7 3 0
mod7: 0 7 14 21 42 56 9 3 88 19
by age: bob alice carol mallory
bsearch carol: 35"
expect_status sort 0
elflint_compare sort
