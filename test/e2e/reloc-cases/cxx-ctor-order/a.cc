// Global objects with constructors in a.cc, b.cc and c.cc (and main.cc): within
// a priority they are constructed in link order, and destroyed in reverse.
#include <cstdio>
struct Announce_a {
  const char *what;
  explicit Announce_a(const char *w) : what(w) { std::printf("construct %s\n", what); }
  ~Announce_a() { std::printf("destroy %s\n", what); }
};
static Announce_a first_a("a first");
Announce_a second_a("a second");
static Announce_a early_a __attribute__((init_priority(200))) ("a early (priority 200)");
