/* Freeing a context. The linker itself never calls this (exiting is faster than
 * freeing), but a process that links many times, like the fuzzer, must. */
#include "rivet.h"

#include <stdlib.h>
#include <sys/mman.h>

void rv_output_size(const RvContext *ctx, int64_t *file_size, int64_t *reserved_bytes) {
  *file_size = ctx->filesize;
  *reserved_bytes = ctx->reserved_bytes;
}

void rv_context_free(RvContext *ctx) {
  for (i64 i = 0; i < ctx->mappings.len; i++)
    munmap((void *)ctx->mappings.data[i]->data, (size_t)ctx->mappings.data[i]->size);
  for (i64 i = 0; i < ctx->chunks.len; i++) {
    Chunk *c = ctx->chunks.data[i];
    free(c->members.data);
    free(c->slots.data);
    free(c->write_runs.data);
    free_zeroed(c->table, c->table_cap * (i64)sizeof(MergeSlot *));
  }
  for (i64 i = 0; i < ctx->all_files.len; i++)
    free(ctx->all_files.data[i]->dt_needed.data);
  for (i64 i = 0; i < ctx->dsos.len; i++)
    free(ctx->dsos.data[i]->dt_needed.data);
  for (i64 i = 0; i < ctx->pending_errors.len; i++)
    free(ctx->pending_errors.data[i].msg);
  free(ctx->mappings.data);
  free(ctx->chunks.data);
  free(ctx->objs.data);
  free(ctx->all_files.data);
  free(ctx->dsos.data);
  free_zeroed(ctx->symtab, ctx->symtab_cap * (i64)sizeof(u64));
  pthread_rwlock_destroy(&ctx->names_lock);
  free_zeroed(ctx->comdats, ctx->comdats_cap * (i64)sizeof(ComdatGroup *));
  free(ctx->phdrs.data);
  free(ctx->got_syms.data);
  free(ctx->plt_syms.data);
  free(ctx->iplt_syms.data);
  free(ctx->pltgot_syms.data);
  free(ctx->copy_syms.data);
  free(ctx->linker_syms.data);
  free(ctx->common_sections.data);
  free(ctx->dso_common_merges.data);
  free(ctx->pending_errors.data);
  free(ctx->dynsyms.data);
  free(ctx->dynrels.data);
  free(ctx->dynstr_buf.data);
  free(ctx->version_nodes.data);
  free(ctx->explain_refs.data);
  free(ctx->dyn.verneeds.data);
  free(ctx->dyn.name_offsets);
  free(ctx->dyn.needed_offsets);
  free(ctx->dyn.vername_offsets);
  free(ctx->dyn.verdef_name_offsets);
  free(ctx->dyn.strtab_slots);
  free(ctx->dyn.names);
  free(ctx->dyn.gnu_hashes);
  Options *o = &ctx->opt;
  free(o->trace_symbols.data);
  free(o->lib_paths.data);
  free(o->inputs.data);
  free(o->defsyms.data);
  free(o->undefined.data);
  free(o->export_dynamic_symbols.data);
  free(o->dynamic_lists.data);
  free(o->version_scripts.data);
  free(o->explain_symbols.data);
  arena_free(&ctx->arena);
  for (i64 i = 0; i < MAX_THREADS; i++)
    arena_free(&ctx->worker_arenas[i]);
  free(ctx);
}
