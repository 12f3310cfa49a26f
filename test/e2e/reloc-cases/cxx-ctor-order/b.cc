#include <cstdio>
struct Announce_b {
  const char *what;
  explicit Announce_b(const char *w) : what(w) { std::printf("construct %s\n", what); }
  ~Announce_b() { std::printf("destroy %s\n", what); }
};
static Announce_b first_b("b first");
Announce_b second_b("b second");
