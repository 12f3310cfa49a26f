#!/usr/bin/env bash
# A C++ thread_local object with a non-trivial constructor and destructor, defined in
# one TU and used from another through its TLS wrapper (_ZTW) and init function (_ZTH,
# a weak reference). Each thread constructs its copy on first use and destroys it at
# thread exit through __cxa_thread_atexit; the main thread's copy is destroyed at exit.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools g++
require_static_lib g++ libstdc++.a

cat >tracker.h <<'EOF'
struct Tracker {
  Tracker();
  ~Tracker();
  int id;
  int uses = 0;
};
extern thread_local Tracker tracker;
void log_line(const char *fmt, int a, int b);
EOF
cat >tracker.cc <<'EOF'
#include "tracker.h"
#include <atomic>
#include <cstdarg>
#include <cstdio>
#include <mutex>
static std::atomic<int> next_id{0};
static std::mutex log_mutex;
void log_line(const char *fmt, int a, int b) {
  std::lock_guard<std::mutex> g(log_mutex);
  std::printf(fmt, a, b);
  std::fflush(stdout);
}
Tracker::Tracker() : id(next_id++) { log_line("construct tracker %d%.0d\n", id, 0); }
Tracker::~Tracker() { log_line("destroy tracker %d after %d uses\n", id, uses); }
thread_local Tracker tracker;
EOF
cat >main.cc <<'EOF'
#include "tracker.h"
#include <thread>
static void use(int n) {
  for (int i = 0; i < n; i++) tracker.uses++;
  log_line("thread sees tracker %d with %d uses\n", tracker.id, tracker.uses);
}
int main() {
  use(1);
  for (int t = 1; t <= 3; t++) {
    std::thread th(use, t * 10);
    th.join(); /* one at a time: the order of lines is fixed */
  }
  use(1);
  return tracker.id;
}
EOF
compile_cxx -O1 -pthread -o tracker.o tracker.cc
compile_cxx -O1 -pthread -o main.o main.cc
grep -q '_ZTH7tracker' <(readelf -sW main.o) ||
  fail "test setup: expected main.o to reference the TLS init function _ZTH7tracker"
link_both_cxx tl main.o tracker.o -pthread

run_both_and_compare tl
expect_stdout tl "construct tracker 0
thread sees tracker 0 with 1 uses
construct tracker 1
thread sees tracker 1 with 10 uses
destroy tracker 1 after 10 uses
construct tracker 2
thread sees tracker 2 with 20 uses
destroy tracker 2 after 20 uses
construct tracker 3
thread sees tracker 3 with 30 uses
destroy tracker 3 after 30 uses
thread sees tracker 0 with 2 uses
destroy tracker 0 after 2 uses"
expect_status tl 0
elflint_compare tl
