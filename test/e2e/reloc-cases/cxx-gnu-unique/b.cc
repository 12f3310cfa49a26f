#include "uniq.h"
int lib_b() { return hit<int>() * 10 + hit<long>(); }
const char *lib_label() { return Registry<int>::label(); }
