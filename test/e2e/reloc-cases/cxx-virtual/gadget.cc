#include "shapes.h"
int Gadget::value() const { return Widget::value() * 3; }
const char *Gadget::name() const { return "gadget"; }
Named *new_gadget_as_named() { return new Gadget; }
