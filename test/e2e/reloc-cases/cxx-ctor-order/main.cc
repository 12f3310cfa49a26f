#include <cstdio>
struct Announce_main {
  Announce_main() { std::printf("construct main\n"); }
  ~Announce_main() { std::printf("destroy main\n"); }
} in_main;
int main() {
  std::printf("main\n");
  return 0;
}
