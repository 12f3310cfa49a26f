int used_fn(int x);
int b_only_unused_marker(void) { return 99; }
const char b_text[] = "reached through b_entry";
const char *b_entry(int x) { return used_fn(x) > 10 ? b_text : "small"; }
struct keep { int v; };
static const struct keep keep_b __attribute__((section("gckeep"), used)) = {22};
