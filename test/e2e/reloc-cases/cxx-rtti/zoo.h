// A class hierarchy spread over files (each class's key function, hence its vtable
// and typeinfo, in its own file): dynamic_cast, typeid and catch-by-base across
// files compare typeinfo objects, so they must be the same objects after -r.
#include <typeinfo>
struct Animal {
  virtual ~Animal();
  virtual const char *sound() const = 0;
};
struct Dog : Animal {
  ~Dog() override;
  const char *sound() const override;
};
struct Puppy : Dog {
  const char *sound() const override;
};
struct Cat : Animal {
  const char *sound() const override;
};
Animal *make(int i);
const std::type_info &dog_type();
