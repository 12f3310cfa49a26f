#include "exc.h"
void throw_it(int what) {
  Noisy n("thrower");
  switch (what) {
    case 0: return;
    case 1: throw 42;
    case 2: throw Error(2);
    case 3: throw IoError(3);
    case 4: throw "a C string";
    default: throw what * 1.5;
  }
}
