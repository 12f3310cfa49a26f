#include "entry.h"
static int square(int x) { return x * x; }
int b_marker = 77;
ENTRIES(b_entries) = {{"gamma", square, 3}};
