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
