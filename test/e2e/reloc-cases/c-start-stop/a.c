#include "entry.h"
static int twice(int x) { return 2 * x; }
ENTRIES(a_entries) = {{"alpha", twice, 1}, {"beta", twice, 2}};
