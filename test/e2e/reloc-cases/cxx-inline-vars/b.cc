#include "iv.h"
int b_use() { return bump() + iv_local() + Holder::dynamic; }
const int *b_addr() { return &iv_dynamic; }
