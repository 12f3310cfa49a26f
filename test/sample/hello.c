int greet(const char *who, const char *linker);

int main(void) {
  greet("world", "rivet");
  return 0;
}
