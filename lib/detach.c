/* --fork (the default; mold's name for it): the process the build waits for exits as
 * soon as the output is in place, and the release of the link's memory, which the
 * kernel does when the last user of an address space goes (on a 126 MB shared library,
 * a seventh of the wall time), happens after that exit. A helper process made with
 * CLONE_VM shares the address space and holds it: when this process exits, the kernel
 * only drops its reference, and the helper, woken by the end of a pipe only this process
 * writes to, exits and releases everything while the build goes on. Unlike linking in a
 * forked child, nothing is copied and the link itself runs in the process the build
 * started (signals, debuggers and resource limits apply to it as usual). --no-fork
 * exits in the ordinary way. */
#include "rivet.h"

#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { HELPER_STACK_SIZE = 64 << 10 };

/* Set before the helper starts, read by it only. */
static struct {
  int wake_read;       /* a pipe's read end: at its end when this process has exited */
  int replaced_output; /* closed by the helper last, -1 if none */
} helper;

/* Closes every descriptor but keep and keep_too (either may be -1). */
static void close_all_but(int keep, int keep_too) {
  int kept[2] = {MIN(keep, keep_too), MAX(keep, keep_too)};
  unsigned from = 0;
  for (int k = 0; k < 2; k++) {
    if (kept[k] < 0)
      continue;
    if ((unsigned)kept[k] > from)
      syscall(SYS_close_range, from, (unsigned)kept[k] - 1, 0u);
    from = (unsigned)kept[k] + 1;
  }
  syscall(SYS_close_range, from, ~0u, 0u);
}

/* Runs in the helper, on its own stack but with the calling thread's thread pointer:
 * it makes system calls only (errno, the one per-thread thing they touch, belongs to a
 * thread that is about to exit). It closes its copies of the descriptors at once (a
 * caller reading this process's output to its end must not wait for the helper),
 * except the replaced output's: the last close of that unlinked file frees its page
 * cache, which is part of the work left for after the exit. */
static int hold_memory_until_exit(void *unused) {
  (void)unused;
  close_all_but(helper.wake_read, helper.replaced_output);
  /* The link's signal handlers are this process's; the helper goes when it does. */
  sigset_t all;
  sigfillset(&all);
  syscall(SYS_rt_sigprocmask, SIG_BLOCK, &all, NULL, (size_t)(_NSIG / 8));
  /* At normal priority, as the release would run in this process: at idle priority it
   * waited for a free CPU, and a link started right after got fresh pages instead of
   * the released ones (back-to-back llvm-pie links 255 -> 296 ms). */
  char byte;
  syscall(SYS_read, helper.wake_read, &byte, 1); /* no signal can interrupt it */
  syscall(SYS_close_range, 0u, ~0u, 0u);
  return 0;
}

/* Valgrind runs a program on its own CPU, which implements clone for threads and fork
 * only, and stops the program at any other clone. Its preloaded library names it. */
static bool under_valgrind(void) {
  const char *preload = getenv("LD_PRELOAD");
  return preload && strstr(preload, "/vgpreload_");
}

/* Called when the link is over and its files are in place or removed. Once per
 * process; where anything fails, the process simply releases its memory itself. */
void leave_memory_release_to_helper(Ctx *ctx) {
  static bool done;
  if (!ctx->opt.fork || done || under_valgrind())
    return;
  done = true;
  int fds[2];
  if (pipe(fds) < 0)
    return;
  helper.wake_read = fds[0];
  helper.replaced_output = replaced_output_fd();
  void *stack = mmap(NULL, HELPER_STACK_SIZE, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  /* fds[1] stays open until this process exits: its end wakes the helper. */
  if (stack == MAP_FAILED || clone(hold_memory_until_exit, (char *)stack + HELPER_STACK_SIZE,
                                   CLONE_VM | SIGCHLD, NULL) < 0)
    close(fds[1]);
  close(fds[0]);
}
