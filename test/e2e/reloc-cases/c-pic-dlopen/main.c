#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
struct plug_ops {
  const char *name;
  int (*fn)(int);
  int *value;
};

int main(int argc, char **argv) {
  char path[4096];
  if (argc < 2)
    return 2;
  snprintf(path, sizeof path, "%s/libcase.so", argv[1]);
  void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    printf("dlopen failed\n");
    return 3;
  }
  const struct plug_ops *ops = dlsym(h, "plug_table");
  int (*fn)(int) = (int (*)(int))dlsym(h, "plug_fn");
  size_t (*len)(void) = (size_t (*)(void))dlsym(h, "plug_name_len");
  if (!ops || !fn || !len)
    return 4;
  *ops->value = 3;
  int r5 = ops->fn(5);
  int r6 = fn(6);
  printf("%s %d %d %zu same %d\n", ops->name, r5, r6, len(), ops->fn == fn);
  return dlclose(h);
}
