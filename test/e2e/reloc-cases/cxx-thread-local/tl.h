// thread_local objects with constructors and destructors, defined in tl_def.cc and
// used from tl_use.cc: the users call the TLS wrapper function (_ZTW..., a COMDAT),
// which calls the definition's init function (_ZTH...); the destructors run at
// thread exit (__cxa_thread_atexit). Threads run one after another.
struct Tracker {
  int id;
  int hits = 0;
  Tracker();
  ~Tracker();
  int bump() { return ++hits * 10 + id; }
};
extern thread_local Tracker tl_tracker;
extern thread_local int tl_plain;
int use_tracker(int n);
int use_inline_tl();
