/* libFuzzer target: one input file, linked through the whole pipeline (reading,
 * resolution, scan, layout, write), as a static executable, a shared object or a
 * relocatable object (-r) by the input's last two bits. The input is whatever its bytes say it is:
 * object, archive, shared object or linker script. Any crash, sanitizer report, hang or leak of the
 * process is a finding; a link error is the expected outcome for most inputs. Run with
 * -close_fd_mask=2 to silence rivet's error messages.
 *
 * The target guards the machine it runs on: it sets a file-size limit of 1 GiB
 * (RLIMIT_FSIZE), so no output can fill the disk, and a link that reserves more than
 * that on disk, from an input of at most a few hundred KB, is a finding (abort). An
 * output whose size is mostly holes may be larger; past the limit rivet must refuse it
 * with an error. The largest output so far is printed each time it grows. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "rivet/rivet.h"

enum { OUTPUT_LIMIT = 1 << 30 };

static char input_path[64], output_path[64];
static int64_t largest_file, largest_reserved;

static void setup(void) {
  snprintf(input_path, sizeof input_path, "/tmp/rivet-fuzz-in-%d", (int)getpid());
  snprintf(output_path, sizeof output_path, "/tmp/rivet-fuzz-out-%d", (int)getpid());
  struct rlimit lim = {OUTPUT_LIMIT, OUTPUT_LIMIT};
  if (setrlimit(RLIMIT_FSIZE, &lim) < 0) {
    perror("setrlimit(RLIMIT_FSIZE)");
    abort();
  }
}

static void record_output_size(const RvContext *ctx) {
  int64_t file_size, reserved;
  rv_output_size(ctx, &file_size, &reserved);
  if (reserved > OUTPUT_LIMIT) {
    fprintf(stdout, "fuzz-link: finding: the link reserved %lld bytes on disk\n",
            (long long)reserved);
    abort();
  }
  if (file_size > largest_file || reserved > largest_reserved) {
    largest_file = file_size > largest_file ? file_size : largest_file;
    largest_reserved = reserved > largest_reserved ? reserved : largest_reserved;
    fprintf(stdout, "fuzz-link: largest output so far: %lld bytes, %lld reserved on disk\n",
            (long long)largest_file, (long long)largest_reserved);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!input_path[0])
    setup();
  FILE *f = fopen(input_path, "wb");
  if (!f)
    return 0;
  fwrite(data, 1, size, f);
  fclose(f);
  /* The last byte picks the output: its bit 1 relocatable (-r), else bit 0 a shared
   * object or a static executable. */
  int mode = size > 0 ? data[size - 1] & 3 : 0;
  /* --no-fork: the links run in this process, one after another. */
  char *argv[] = {"ld.rivet",     mode & 2 ? "-r" : mode & 1 ? "-shared" : "-static",
                  "--no-threads", "--no-fork",
                  "-e",           "0",
                  "-o",           output_path,
                  input_path,     NULL};
  int argc = 9;
  RvContext *ctx = rv_context_new();
  if (rv_parse_args(ctx, argc, argv) == 0)
    rv_link(ctx);
  record_output_size(ctx);
  rv_context_free(ctx);
  unlink(output_path);
  return 0;
}
