// Templates instantiated in a.cc, b.cc, c.cc and main.cc: every instantiation is a
// COMDAT group (functions, static data members, vtables, typeinfo), of which the
// final link keeps one copy; the shared counters show that all files reach the
// same one.
#include <cstdio>

template <class T> struct Counter {
  static int count;
  static T last;
  static void add(T v) {
    count++;
    last = v;
  }
};
template <class T> int Counter<T>::count = 0;
template <class T> T Counter<T>::last;

template <class T> T twice(T x) { return x + x; }

template <class T> struct Shape {
  T size;
  explicit Shape(T s) : size(s) {}
  virtual ~Shape() {}
  virtual T area() const { return size * size; }
};
template <class T> struct Square : Shape<T> {
  explicit Square(T s) : Shape<T>(s) {}
  T area() const override { return this->size * this->size * 4; }
};

template <int N> struct Fact {
  static constexpr long value = N * Fact<N - 1>::value;
};
template <> struct Fact<0> {
  static constexpr long value = 1;
};

int a_work(), b_work(), c_work();
const Shape<int> *make_square(int s);
