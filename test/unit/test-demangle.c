/* demangle(): the names version-script extern "C++" patterns are matched against,
 * checked against c++filt's output; anything it does not understand gives NULL. */
#include <criterion/criterion.h>

#include "rivet.h"
#include "rivet/rivet.h"

static void check(const char *mangled, const char *expected) {
  RvContext *ctx = rv_context_new();
  char *got = demangle(&ctx->arena, mangled);
  if (expected)
    cr_assert(got && !strcmp(got, expected), "demangle(%s): expected '%s', got '%s'", mangled,
              expected, got ? got : "(null)");
  else
    cr_assert_null(got, "demangle(%s): expected NULL (not understood), got '%s'", mangled, got);
  rv_context_free(ctx);
}

Test(demangle, nested_function) {
  check("_ZN6shapes4areaEi", "shapes::area(int)");
}
Test(demangle, void_parameters) {
  check("_ZN6shapes6detail10helper_oneEv", "shapes::detail::helper_one()");
}
Test(demangle, qualifiers_and_references) {
  check("_Z3fooPKcRiOd", "foo(char const*, int&, double&&)");
}
Test(demangle, constructor_and_destructor) {
  check("_ZN3FooC2Ev", "Foo::Foo()");
  check("_ZN3FooD1Ev", "Foo::~Foo()");
}
Test(demangle, const_method) {
  check("_ZNK3Foo3getEv", "Foo::get() const");
}
Test(demangle, data_object_has_no_parentheses) {
  check("_ZN1a1b1cE", "a::b::c");
}
Test(demangle, pointers_to_pointers) {
  check("_Z1fPPKjm", "f(unsigned int const**, unsigned long)");
}
Test(demangle, unsupported_templates_give_null) {
  check("_ZNSt6vectorIiEC1Ev", NULL);
}
Test(demangle, not_mangled) {
  check("c_entry", NULL);
  check("_Z", NULL);
  check("_Z999x", NULL);
}
