/* demangle(): the names version-script extern "C++" patterns are matched against,
 * checked against c++filt's output; a name that is not C++ gives NULL. */
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
Test(demangle, templates_and_substitutions) {
  check("_ZNSt6vectorIiSaIiEEC1Ev", "std::vector<int, std::allocator<int> >::vector()");
  check("_ZN2ns3lenERKNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEE",
        "ns::len(std::__cxx11::basic_string<char, std::char_traits<char>, "
        "std::allocator<char> > const&)");
  check("_ZN2nsplERKNS_1SES2_", "ns::operator+(ns::S const&, ns::S const&)");
}
Test(demangle, not_mangled) {
  check("c_entry", NULL);
  check("_Z", NULL);
  check("_Z999x", NULL);
}
