#include "tl.h"
struct Local {
  int v;
  Local() : v(tl_plain * 2) {}
};
static thread_local Local tl_local;
inline thread_local int tl_inline = 100;
int use_tracker(int n) {
  int r = 0;
  for (int i = 0; i < n; i++)
    r = tl_tracker.bump();
  tl_plain++;
  return r + tl_local.v;
}
int use_inline_tl() { return ++tl_inline; }
