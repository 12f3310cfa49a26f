/* -ffunction-sections -fdata-sections objects: the -r output must keep the
   .text.NAME/.data.NAME sections apart (and their relocations with them), so that
   --gc-sections at the final link still drops what nothing reaches and keeps what
   is reached, and the entries of "gckeep" (found through __start_gckeep). */
int used_data[4] = {4, 3, 2, 1};
int unused_data_marker[256] = {1};
static int used_static(int x) { return x + used_data[x & 3]; }
int used_fn(int x) { return used_static(x) * 2; }
int unused_fn_marker(int x) { return x + unused_data_marker[x]; }
struct keep { int v; };
static const struct keep keep_a __attribute__((section("gckeep"), used)) = {11};
