// A C++ seed for the fuzzer (tools/fuzz.sh): templates in COMDAT groups, a class with
// virtual functions (vtables, typeinfo), exceptions (.gcc_except_table, personality
// references), a static constructor (.init_array) and a thread_local with a destructor.
#include <stdexcept>
#include <string>
#include <vector>

struct Shape {
  virtual ~Shape() = default;
  virtual double area() const = 0;
};
struct Square : Shape {
  explicit Square(double s) : side(s) {}
  double area() const override { return side * side; }
  double side;
};

template <typename T> T total(const std::vector<T> &v) {
  T sum{};
  for (const T &x : v)
    sum += x;
  return sum;
}

static std::vector<std::string> names = {"one", "two"};
thread_local std::string scratch;

double seed_cxx_entry(int n) {
  if (n < 0)
    throw std::invalid_argument("negative");
  Square sq(n);
  scratch = names[static_cast<size_t>(n) % names.size()];
  return sq.area() + total(std::vector<int>{1, 2, n}) + static_cast<double>(scratch.size());
}
