#include <cstdio>
#include "tl.h"
static int next_id;
Tracker::Tracker() : id(++next_id) { std::printf("  Tracker %d constructed\n", id); }
Tracker::~Tracker() { std::printf("  Tracker %d destroyed after %d hits\n", id, hits); }
thread_local Tracker tl_tracker;
thread_local int tl_plain = 7;
