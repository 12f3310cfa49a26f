/* ld.rivet: GNU ld's command line in, an ELF file out. */
#include <stdlib.h>

#include "rivet/rivet.h"

int main(int argc, char **argv) {
  RvContext *ctx = rv_context_new();
  switch (rv_parse_args(ctx, argc, argv)) {
  case RV_ARGS_DONE:
    return 0;
  case RV_ARGS_ERROR:
    return 1;
  default:
    break;
  }
  /* The process exits right after: the kernel frees memory faster than we could. */
  exit(rv_link(ctx));
}
