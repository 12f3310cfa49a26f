#include <cstdio>
struct Announce_c {
  const char *what;
  explicit Announce_c(const char *w) : what(w) { std::printf("construct %s\n", what); }
  ~Announce_c() { std::printf("destroy %s\n", what); }
};
static Announce_c first_c("c first");
Announce_c second_c("c second");
// init_priority: constructed before every object of default priority, destroyed after.
static Announce_c early_c __attribute__((init_priority(200))) ("c early (priority 200)");
static Announce_c earlier_c __attribute__((init_priority(150))) ("c earlier (priority 150)");
