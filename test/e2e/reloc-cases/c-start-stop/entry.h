/* Entries placed in section "mysec" by several files, found at run time by walking
   from __start_mysec to __stop_mysec (symbols the final link defines). Each file's
   entries are one array, so their order is fixed; across files, it is link order. */
struct entry {
  const char *name;
  int (*fn)(int);
  long value;
};
#define ENTRIES(id) static const struct entry id[] __attribute__((section("mysec"), used, aligned(8)))
