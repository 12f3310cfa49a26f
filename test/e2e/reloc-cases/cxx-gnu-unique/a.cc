#include "uniq.h"
int lib_a() { return hit<int>() * 10 + hit<char>(); }
