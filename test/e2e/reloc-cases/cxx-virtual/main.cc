#include <cstdio>
#include "shapes.h"
int main() {
  Base *b = new_widget();
  Named *n = b;
  Widget *w = static_cast<Widget *>(b->self());
  Counted *c = as_counted(w);
  std::printf("%s %d %d %d\n", n->name(), b->value(), c->count(), w->self() == w);
  Named *g = new_gadget_as_named();
  Gadget *gd = dynamic_cast<Gadget *>(g);
  std::printf("%s %d %d %s\n", g->name(), gd ? gd->value() : -1, gd ? static_cast<Counted *>(gd)->count() : -1,
              gd ? static_cast<Base *>(gd)->self()->name() : "none");
  delete c;
  delete g;
  return 0;
}
