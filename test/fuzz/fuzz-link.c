/* libFuzzer target: one input file, linked as a static executable with a small valid
 * start object, through the whole pipeline (reading, resolution, scan, layout, write).
 * The input is whatever its bytes say it is: object, archive, shared object or linker
 * script. Any crash, sanitizer report, hang or leak of the process is a finding; a
 * link error is the expected outcome for most inputs. Run with -close_fd_mask=2 to
 * silence rivet's error messages. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rivet/rivet.h"

static char input_path[64], output_path[64];

static void setup(void) {
  snprintf(input_path, sizeof input_path, "/tmp/rivet-fuzz-in-%d", (int)getpid());
  snprintf(output_path, sizeof output_path, "/tmp/rivet-fuzz-out-%d", (int)getpid());
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!input_path[0])
    setup();
  FILE *f = fopen(input_path, "wb");
  if (!f)
    return 0;
  fwrite(data, 1, size, f);
  fclose(f);
  /* Alternate between a static and a shared-object link so both paths see inputs. */
  int shared = size > 0 && (data[size - 1] & 1);
  char *argv[] = {"ld.rivet",
                  shared ? "-shared" : "-static",
                  "--no-threads",
                  "-e",
                  "0",
                  "-o",
                  output_path,
                  input_path,
                  NULL};
  int argc = 8;
  RvContext *ctx = rv_context_new();
  if (rv_parse_args(ctx, argc, argv) == 0)
    rv_link(ctx);
  rv_context_free(ctx);
  unlink(output_path);
  return 0;
}
