/* rivet: an ELF linker. Public API of the core library.
 *
 * A link is one RvContext: parse a GNU ld command line into it, then link.
 * The driver ld.rivet is exactly rv_context_new + rv_parse_args + rv_link. */
#ifndef RIVET_RIVET_H
#define RIVET_RIVET_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct Ctx RvContext;

/* Allocates a context with GNU ld's defaults. Never returns NULL (aborts on OOM). */
RvContext *rv_context_new(void);

/* Releases everything a context holds (the driver does not bother: it exits). For
 * programs that link many times in one process, such as the fuzzer. */
void rv_context_free(RvContext *ctx);

/* Parses a GNU ld command line (argv[0] is the program name).
 * Returns RV_ARGS_LINK to go on with rv_link, RV_ARGS_DONE when an informational
 * option (--version, --help) was fully handled, RV_ARGS_ERROR after printing an error. */
enum { RV_ARGS_LINK = 0, RV_ARGS_ERROR = 1, RV_ARGS_DONE = 2 };
int rv_parse_args(RvContext *ctx, int argc, char **argv);

/* Runs the whole link. Returns the process exit status: 0 on success, 1 on error
 * (in which case no output file was created or replaced). */
int rv_link(RvContext *ctx);

/* The size of the output file the last rv_link laid out (0 if it stopped earlier), and
 * how many of its bytes it reserved on disk (the rest are holes). For the fuzzer,
 * which treats a large reservation from a small input as a finding. */
void rv_output_size(const RvContext *ctx, int64_t *file_size, int64_t *reserved_bytes);

/* "rivet X.Y.Z" */
const char *rv_version(void);

#ifdef __cplusplus
}
#endif
#endif
