#include "shapes.h"
Named::~Named() {}
const char *Named::name() const { return "named"; }
Counted::~Counted() {}
int Counted::count() const { return counted; }
Base *Base::self() { return this; }
int Base::value() const { return base_v; }
