/* --fork (the default, as in mold): the link runs in a child process, and the process
 * the build started exits as soon as the output is in place. What is left, unmapping
 * the inputs and the output and freeing the memory of a large link, is then done by the
 * kernel while the build goes on: on a 126 MB shared library it was a seventh of the
 * wall time. The parent only waits: its exit status is the child's, a signal it gets
 * (Ctrl-C, a build's timeout) is passed to the child, which removes its temporary
 * output as usual, and if the parent dies the child is killed with it. --no-fork links
 * in the process itself (for debuggers, and for measuring the whole CPU time). */
#include "rivet.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t linking_child;
static int done_pipe = -1; /* the child's end: a byte written when the output is in place */

static void pass_signal_to_child(int sig) {
  if (linking_child > 0)
    kill(linking_child, sig);
}

/* The parent's life: wait for the child's byte (success) or its end, and exit the
 * way it ended. */
static _Noreturn void wait_for_linking_child(int from_child) {
  static const int passed[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
  for (size_t i = 0; i < sizeof passed / sizeof passed[0]; i++)
    signal(passed[i], pass_signal_to_child);
  char byte;
  ssize_t n;
  while ((n = read(from_child, &byte, 1)) < 0 && errno == EINTR)
    ;
  if (n == 1)
    _exit(0);
  int status;
  while (waitpid(linking_child, &status, 0) < 0)
    if (errno != EINTR)
      _exit(1);
  if (WIFEXITED(status))
    _exit(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    signal(WTERMSIG(status), SIG_DFL);
    raise(WTERMSIG(status));
  }
  _exit(1);
}

/* The present pages of [lo, hi), written so that each gets its own copy now. */
static void copy_present_pages(u64 lo, u64 hi) {
  enum { PAGES = 4096 };
  unsigned char present[PAGES];
  for (u64 at = lo; at < hi; at += (u64)PAGES * 4096) {
    u64 end = MIN(hi, at + (u64)PAGES * 4096);
    if (mincore((void *)(uintptr_t)at, (size_t)(end - at), present) < 0)
      return;
    for (u64 k = 0, n = (end - at) / 4096; k < n;) {
      u64 run = k;
      while (run < n && (present[run] & 1))
        run++;
      if (run > k)
        populate_for_writing((void *)(uintptr_t)(at + k * 4096), (i64)(run - k) * 4096);
      k = run + 1;
    }
  }
}

enum { COPIED_MAPPING_MAX = 256 << 20 };

/* After fork the parent's pages are shared copy-on-write, and the child's first write
 * to each copies it. Once the child has threads, every such copy must also flush the
 * page from the other CPUs' TLBs, an interprocessor interrupt each (a VM exit in a
 * virtual machine): 11 of 34 ms of a small link were spent so. Written now, while the
 * child has one thread, they cost the copies only. */
static void copy_parent_pages(void) {
  FILE *maps = fopen("/proc/self/maps", "re");
  if (!maps)
    return;
  char line[4096];
  while (fgets(line, sizeof line, maps)) {
    unsigned long lo, hi;
    char perms[5];
    /* Larger mappings are reservations with few pages in them, such as a sanitizer's
     * terabytes of shadow memory, whose page-by-page survey would take minutes. */
    if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) == 3 && perms[1] == 'w' && perms[3] == 'p' &&
        hi - lo <= COPIED_MAPPING_MAX)
      copy_present_pages(lo, hi);
  }
  fclose(maps);
}

/* Called before any thread exists (fork copies only the calling thread). Returns in
 * the child; the parent waits there and exits. Where fork fails, the link runs here. */
void fork_linking_child(Ctx *ctx) {
  if (!ctx->opt.fork)
    return;
  int fds[2];
  if (pipe(fds) < 0)
    return;
  pid_t parent = getpid();
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return;
  }
  if (pid > 0) {
    close(fds[1]);
    linking_child = pid;
    wait_for_linking_child(fds[0]);
  }
  close(fds[0]);
  /* Nobody would wait for the link otherwise, and a killed build must stop it. */
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent)
    _exit(1);
  done_pipe = fds[1];
  ctx->forked = true;
  copy_parent_pages();
}

/* The link is over and its files are in place: the parent exits with status 0. The
 * messages are flushed first, and standard output and error closed, so that a caller
 * reading them to their end does not wait for this process's exit either. */
void release_waiting_parent(int status) {
  if (done_pipe < 0 || status != 0)
    return;
  fflush(stdout);
  fflush(stderr);
  int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (null >= 0) {
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    close(null);
  }
  char byte = 1;
  ssize_t n = write(done_pipe, &byte, 1);
  (void)n;
  close(done_pipe);
  done_pipe = -1;
}
