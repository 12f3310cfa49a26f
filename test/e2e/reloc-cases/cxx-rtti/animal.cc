#include "zoo.h"
Animal::~Animal() {}
Animal *make(int i) {
  switch (i % 3) {
    case 0: return new Dog;
    case 1: return new Puppy;
    default: return new Cat;
  }
}
