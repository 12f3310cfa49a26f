#include <string.h>
extern int plug_value;
int plug_fn(int);
struct plug_ops {
  const char *name;
  int (*fn)(int);
  int *value;
};
const struct plug_ops plug_table = {"the plug", plug_fn, &plug_value};
size_t plug_name_len(void) { return strlen(plug_table.name); }
