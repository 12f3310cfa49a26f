// Exceptions thrown in thrower.cc, passing through middle.cc (destructors run,
// partial catches, rethrow) and caught in main.cc: unwinding needs each function's
// .eh_frame entry and .gcc_except_table, the personality routine, and the typeinfo
// of the thrown types, all through the -r output.
#include <cstdio>
struct Error {
  int code;
  explicit Error(int c) : code(c) {}
  virtual ~Error() {}
  virtual const char *kind() const { return "Error"; }
};
struct IoError : Error {
  explicit IoError(int c) : Error(c) {}
  const char *kind() const override { return "IoError"; }
};
struct Noisy {
  const char *name;
  explicit Noisy(const char *n) : name(n) {}
  ~Noisy() { std::printf("  ~Noisy %s\n", name); }
};
void throw_it(int what);
int middle(int what);
int middle_rethrow(int what);
