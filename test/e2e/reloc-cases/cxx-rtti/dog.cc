#include "zoo.h"
Dog::~Dog() {}
const char *Dog::sound() const { return "woof"; }
const char *Puppy::sound() const { return "yip"; }
const std::type_info &dog_type() { return typeid(Dog); }
