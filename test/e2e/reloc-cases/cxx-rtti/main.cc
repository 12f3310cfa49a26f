#include <cstdio>
#include "zoo.h"
int main() {
  for (int i = 0; i < 3; i++) {
    Animal *a = make(i);
    Dog *d = dynamic_cast<Dog *>(a);
    Puppy *p = dynamic_cast<Puppy *>(a);
    std::printf("%s %s dog %d puppy %d cat %d is-dog-type %d\n", a->sound(), typeid(*a).name(), d != nullptr,
                p != nullptr, dynamic_cast<Cat *>(a) != nullptr, typeid(*a) == dog_type());
    try {
      if (d)
        throw d;
      throw a;
    } catch (Dog *caught) {
      std::printf("  caught as Dog* %s\n", caught->sound());
    } catch (Animal *caught) {
      std::printf("  caught as Animal* %s\n", caught->sound());
    }
    delete a;
  }
  return 0;
}
