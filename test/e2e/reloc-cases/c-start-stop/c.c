#include "entry.h"
static int neg(int x) { return -x; }
ENTRIES(c_entries) = {{"delta", neg, 4}, {"epsilon", 0, 5}};
