// C++17 inline variables and inline functions with static locals, in every file:
// each is one object in the program (a COMDAT group with a guard variable for the
// dynamically initialized ones), initialized exactly once.
#include <cstdio>
int make_value(const char *who);

inline int iv_inits = 0;
inline int iv_dynamic = make_value("iv_dynamic");
inline const char *iv_name = "inline name";

struct Holder {
  static inline int count = 100;
  static inline int dynamic = make_value("Holder::dynamic");
};

inline int &iv_local() {
  static int x = make_value("iv_local");
  return x;
}
inline int bump() { return ++Holder::count; }

int a_use(), b_use();
