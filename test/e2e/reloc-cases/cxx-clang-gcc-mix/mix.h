// Objects from clang++ and g++ in one -r output: both compilers instantiate the
// same templates (COMDAT groups with the same signatures, to be deduplicated), an
// exception thrown in clang++ code is caught in g++ code, and a clang-compiled C
// file adds TLS and merged strings.
#include <cstdio>
template <class T> struct Acc {
  static T total;
  static void add(T v) { total += v; }
};
template <class T> T Acc<T>::total = 0;
template <class T> inline T clamp_to(T v, T hi) { return v > hi ? hi : v; }
struct MixError {
  int code;
  explicit MixError(int c) : code(c) {}
  virtual ~MixError() {}
  virtual int twice() const { return code * 2; }
};
int from_clang(int v);
int from_gcc(int v);
extern "C" int c_from_clang(int v);
extern "C" const char *c_name(void);
