/* Diagnostics. Errors are collected while a pass runs and printed by checkpoint(),
 * which tells the pipeline to stop; the output file is then never created.
 * Every line starts "ld.rivet: error: " (or "warning: "), as users grep for it. */
#include "rivet.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* error() and warn() may be called from parallel passes; checkpoint() prints the
 * errors in a fixed order (DESIGN.md §10: diagnostics in file order). */
static pthread_mutex_t diag_lock = PTHREAD_MUTEX_INITIALIZER;

static char *vformat(const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  char *p = malloc((size_t)n + 1);
  if (!p)
    abort();
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  return p;
}

static _Thread_local HeldMessages *held;

void hold_messages(HeldMessages *list) {
  held = list;
}

static void queue_error(Ctx *ctx, char *msg) {
  if (held) {
    vec_push(held, ((HeldMessage){msg, true}));
    return;
  }
  PendingError e = {.msg = msg};
  diagnostic_position(&e.epoch, &e.item);
  pthread_mutex_lock(&diag_lock);
  e.seq = ctx->pending_errors.len;
  ctx->nerrors++;
  vec_push(&ctx->pending_errors, e);
  pthread_mutex_unlock(&diag_lock);
}

static int compare_pending(const void *a, const void *b) {
  const PendingError *x = a, *y = b;
  if (x->epoch != y->epoch)
    return x->epoch < y->epoch ? -1 : 1;
  if (x->item != y->item)
    return x->item < y->item ? -1 : 1;
  return (x->seq > y->seq) - (x->seq < y->seq);
}

void error(Ctx *ctx, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = vformat(fmt, ap);
  va_end(ap);
  queue_error(ctx, msg);
}

static void print_warning(Ctx *ctx, char *msg) {
  if (held) {
    vec_push(held, ((HeldMessage){msg, false}));
    return;
  }
  /* -w: GNU ld documents it as hiding warnings and errors; rivet hides warnings (and
   * so overrides --fatal-warnings) but an error still fails the link. */
  if (ctx->opt.no_warnings) {
    free(msg);
    return;
  }
  if (ctx->opt.fatal_warnings) {
    queue_error(ctx, msg);
    return;
  }
  pthread_mutex_lock(&diag_lock);
  ctx->nwarnings++;
  fprintf(stderr, "ld.rivet: warning: %s\n", msg);
  free(msg);
  pthread_mutex_unlock(&diag_lock);
}

void warn(Ctx *ctx, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = vformat(fmt, ap);
  va_end(ap);
  print_warning(ctx, msg);
}

void release_messages(Ctx *ctx, HeldMessages *list) {
  for (i64 i = 0; i < list->len; i++) {
    if (list->data[i].is_error)
      queue_error(ctx, list->data[i].msg);
    else
      print_warning(ctx, list->data[i].msg);
  }
  free(list->data);
  *list = (HeldMessages){0};
}

void drop_messages(HeldMessages *list) {
  for (i64 i = 0; i < list->len; i++)
    free(list->data[i].msg);
  free(list->data);
  *list = (HeldMessages){0};
}

static void print_line(FILE *out, const char *fmt, va_list ap) {
  fputs("ld.rivet: ", out);
  vfprintf(out, fmt, ap);
  fputc('\n', out);
}

/* A remark on stderr that is neither a warning nor an error (GNU ld's "skipping
 * incompatible" is one): --fatal-warnings does not make it fail the link. */
void inform(Ctx *ctx, const char *fmt, ...) {
  (void)ctx;
  va_list ap;
  va_start(ap, fmt);
  print_line(stderr, fmt, ap);
  va_end(ap);
}

void message(Ctx *ctx, const char *fmt, ...) {
  (void)ctx;
  va_list ap;
  va_start(ap, fmt);
  print_line(stdout, fmt, ap);
  va_end(ap);
}

_Noreturn void fatal(Ctx *ctx, const char *fmt, ...) {
  checkpoint(ctx);
  va_list ap;
  va_start(ap, fmt);
  fputs("ld.rivet: error: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  remove_temp_output();
  exit(1);
}

bool checkpoint(Ctx *ctx) {
  if (ctx->pending_errors.len > 1)
    qsort(ctx->pending_errors.data, (size_t)ctx->pending_errors.len, sizeof(PendingError),
          compare_pending);
  for (i64 i = 0; i < ctx->pending_errors.len; i++) {
    i64 limit = ctx->opt.error_limit;
    if (!limit || ctx->nprinted_errors < limit)
      fprintf(stderr, "ld.rivet: error: %s\n", ctx->pending_errors.data[i].msg);
    /* lld's words: the rest are counted (the link fails) but not printed. */
    else if (ctx->nprinted_errors == limit)
      fprintf(stderr, "ld.rivet: error: too many errors emitted, stopping now (use "
                      "--error-limit=0 to see all errors)\n");
    ctx->nprinted_errors++;
    free(ctx->pending_errors.data[i].msg);
  }
  ctx->pending_errors.len = 0;
  return ctx->nerrors > 0;
}

/* --error-handling-script=SCRIPT (GNU ld): before an undefined symbol or a missing
 * library is reported, SCRIPT runs with "undefined-symbol NAME" or "missing-lib -lNAME",
 * to suggest a fix; its standard error is the link's, its output is dropped, its exit
 * status is not looked at. */
void run_error_handling_script(Ctx *ctx, const char *kind, const char *what) {
  const char *script = ctx->opt.error_handling_script;
  if (!script)
    return;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  char *argv[] = {(char *)script, (char *)kind, (char *)what, NULL};
  pid_t pid;
  int err = posix_spawnp(&pid, script, &actions, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (err) {
    fprintf(stderr, "ld.rivet: failed to run error handling script '%s': %s\n", script,
            strerror(err));
    return;
  }
  int status;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
    ;
}
