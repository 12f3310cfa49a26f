/* Diagnostics. Errors are collected while a pass runs and printed by checkpoint(),
 * which tells the pipeline to stop; the output file is then never created.
 * Every line starts "ld.rivet: error: " (or "warning: "), as users grep for it. */
#include "rivet.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>

/* error() and warn() may be called from parallel passes. */
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

void error(Ctx *ctx, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = vformat(fmt, ap);
  va_end(ap);
  pthread_mutex_lock(&diag_lock);
  ctx->nerrors++;
  vec_push(&ctx->pending_errors, msg);
  pthread_mutex_unlock(&diag_lock);
}

void warn(Ctx *ctx, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = vformat(fmt, ap);
  va_end(ap);
  pthread_mutex_lock(&diag_lock);
  if (ctx->opt.fatal_warnings) {
    ctx->nerrors++;
    vec_push(&ctx->pending_errors, msg);
  } else {
    ctx->nwarnings++;
    fprintf(stderr, "ld.rivet: warning: %s\n", msg);
    free(msg);
  }
  pthread_mutex_unlock(&diag_lock);
}

void message(Ctx *ctx, const char *fmt, ...) {
  (void)ctx;
  va_list ap;
  va_start(ap, fmt);
  fputs("ld.rivet: ", stdout);
  vfprintf(stdout, fmt, ap);
  fputc('\n', stdout);
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
  for (i64 i = 0; i < ctx->pending_errors.len; i++) {
    fprintf(stderr, "ld.rivet: error: %s\n", ctx->pending_errors.data[i]);
    free(ctx->pending_errors.data[i]);
  }
  ctx->pending_errors.len = 0;
  return ctx->nerrors > 0;
}
