#include "zoo.h"
const char *Cat::sound() const { return "meow"; }
