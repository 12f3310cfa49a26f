#include "shapes.h"
Widget *Widget::self() { return this; }
int Widget::value() const { return base_v + widget_v; }
int Widget::count() const { return counted * 100 + widget_v; }
const char *Widget::name() const { return "widget"; }
Base *new_widget() { return new Widget; }
Counted *as_counted(Widget *w) { return w; }
