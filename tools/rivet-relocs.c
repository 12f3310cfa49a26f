/* rivet-relocs FILE...: what dynamic relocations cost. For each ELF file: the count of
 * dynamic relocations by type (RELR entries counted as R_X86_64_RELATIVE), the bytes
 * of .rela.dyn, .rela.plt and .relr.dyn and their share of the file, and, for a file
 * that is not packed yet, how many bytes -z pack-relative-relocs would save.
 * --json prints one JSON object per file instead. Reads files with libelf. */
#include <elf.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int64_t relr_encode(const uint64_t *addrs, int64_t n, uint64_t *out); /* lib/relr.c */

typedef struct TypeCount {
  const char *name;
  long count;
} TypeCount;

typedef struct Report {
  const char *path;
  long file_size;
  long rela_dyn, rela_plt, relr_dyn; /* bytes */
  TypeCount types[64];
  int ntypes;
  uint64_t *relative_aligned; /* places of RELATIVE in RELA, word-aligned */
  long naligned;
  long relative_in_rela;
} Report;

static const char *type_name(unsigned t) {
  static const char *names[] = {
      [R_X86_64_NONE] = "R_X86_64_NONE",           [R_X86_64_64] = "R_X86_64_64",
      [R_X86_64_COPY] = "R_X86_64_COPY",           [R_X86_64_GLOB_DAT] = "R_X86_64_GLOB_DAT",
      [R_X86_64_JUMP_SLOT] = "R_X86_64_JUMP_SLOT", [R_X86_64_RELATIVE] = "R_X86_64_RELATIVE",
      [R_X86_64_DTPMOD64] = "R_X86_64_DTPMOD64",   [R_X86_64_DTPOFF64] = "R_X86_64_DTPOFF64",
      [R_X86_64_TPOFF64] = "R_X86_64_TPOFF64",     [R_X86_64_TLSDESC] = "R_X86_64_TLSDESC",
      [R_X86_64_IRELATIVE] = "R_X86_64_IRELATIVE", [R_X86_64_32] = "R_X86_64_32",
      [R_X86_64_PC32] = "R_X86_64_PC32",
  };
  if (t < sizeof(names) / sizeof(names[0]) && names[t])
    return names[t];
  static char buf[32];
  snprintf(buf, sizeof buf, "type %u", t);
  return buf;
}

static void count(Report *r, const char *name, long n) {
  for (int i = 0; i < r->ntypes; i++)
    if (!strcmp(r->types[i].name, name)) {
      r->types[i].count += n;
      return;
    }
  if (r->ntypes < 64)
    r->types[r->ntypes++] = (TypeCount){strdup(name), n};
}

static int compare_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return (x > y) - (x < y);
}

static int compare_types(const void *a, const void *b) {
  const TypeCount *x = a, *y = b;
  if (x->count != y->count)
    return x->count < y->count ? 1 : -1;
  return strcmp(x->name, y->name);
}

static bool analyse(const char *path, Report *r) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    fprintf(stderr, "rivet-relocs: error: cannot open %s\n", path);
    return false;
  }
  struct stat st;
  fstat(fd, &st);
  r->path = path;
  r->file_size = st.st_size;
  Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
  if (!elf || elf_kind(elf) != ELF_K_ELF) {
    fprintf(stderr, "rivet-relocs: error: %s: not an ELF file\n", path);
    close(fd);
    return false;
  }
  size_t shstrndx;
  if (elf_getshdrstrndx(elf, &shstrndx) != 0) {
    fprintf(stderr, "rivet-relocs: error: %s: %s\n", path, elf_errmsg(-1));
    return false;
  }
  for (Elf_Scn *scn = NULL; (scn = elf_nextscn(elf, scn));) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh) || !(sh.sh_flags & SHF_ALLOC))
      continue;
    const char *name = elf_strptr(elf, shstrndx, sh.sh_name);
    Elf_Data *data = elf_getdata(scn, NULL);
    if (!data || !name)
      continue;
    if (sh.sh_type == SHT_RELA) {
      bool plt = !strcmp(name, ".rela.plt");
      if (plt)
        r->rela_plt += (long)sh.sh_size;
      else
        r->rela_dyn += (long)sh.sh_size;
      long n = (long)(sh.sh_size / sizeof(Elf64_Rela));
      r->relative_aligned =
          realloc(r->relative_aligned, sizeof(uint64_t) * (size_t)(r->naligned + n + 1));
      for (long i = 0; i < n; i++) {
        GElf_Rela rela;
        if (!gelf_getrela(data, (int)i, &rela))
          break;
        unsigned t = (unsigned)GELF_R_TYPE(rela.r_info);
        count(r, type_name(t), 1);
        if (t == R_X86_64_RELATIVE) {
          r->relative_in_rela++;
          if (rela.r_offset % 8 == 0)
            r->relative_aligned[r->naligned++] = rela.r_offset;
        }
      }
    } else if (sh.sh_type == SHT_RELR) {
      r->relr_dyn += (long)sh.sh_size;
      const uint64_t *w = data->d_buf;
      long n = 0;
      for (size_t i = 0; i < sh.sh_size / 8; i++)
        n += (w[i] & 1) ? __builtin_popcountll(w[i] >> 1) : 1;
      count(r, "R_X86_64_RELATIVE", n);
    }
  }
  elf_end(elf);
  close(fd);
  qsort(r->types, (size_t)r->ntypes, sizeof(TypeCount), compare_types);
  return true;
}

/* Bytes the RELATIVE entries of .rela.dyn would take as RELR (those at unaligned
 * places stay in .rela.dyn). */
static long relr_savings(Report *r) {
  if (r->relr_dyn || r->naligned == 0)
    return 0;
  qsort(r->relative_aligned, (size_t)r->naligned, sizeof(uint64_t), compare_u64);
  long words = (long)relr_encode(r->relative_aligned, r->naligned, NULL);
  return r->naligned * (long)sizeof(Elf64_Rela) - words * 8;
}

static double share(long part, long whole) {
  return whole ? 100.0 * (double)part / (double)whole : 0;
}

static void print_text(Report *r) {
  printf("%s: %ld bytes\n", r->path, r->file_size);
  printf("  %-22s %10s\n", "relocation type", "count");
  for (int i = 0; i < r->ntypes; i++)
    printf("  %-22s %10ld\n", r->types[i].name, r->types[i].count);
  printf("  %-22s %10s %8s\n", "section", "bytes", "share");
  printf("  %-22s %10ld %7.2f%%\n", ".rela.dyn", r->rela_dyn, share(r->rela_dyn, r->file_size));
  printf("  %-22s %10ld %7.2f%%\n", ".rela.plt", r->rela_plt, share(r->rela_plt, r->file_size));
  printf("  %-22s %10ld %7.2f%%\n", ".relr.dyn", r->relr_dyn, share(r->relr_dyn, r->file_size));
  long save = relr_savings(r);
  if (r->relr_dyn)
    printf("  already packed with RELR\n");
  else
    printf("  -z pack-relative-relocs would save %ld bytes (%.2f%% of the file)\n", save,
           share(save, r->file_size));
}

static void print_json(Report *r, bool last) {
  printf("{\"file\": \"%s\", \"size\": %ld, \"types\": {", r->path, r->file_size);
  for (int i = 0; i < r->ntypes; i++)
    printf("%s\"%s\": %ld", i ? ", " : "", r->types[i].name, r->types[i].count);
  printf("}, \"rela_dyn\": %ld, \"rela_plt\": %ld, \"relr_dyn\": %ld, \"relr_savings\": %ld}%s\n",
         r->rela_dyn, r->rela_plt, r->relr_dyn, relr_savings(r), last ? "" : ",");
}

static void free_report(Report *r) {
  for (int i = 0; i < r->ntypes; i++)
    free((char *)r->types[i].name);
  free(r->relative_aligned);
}

int main(int argc, char **argv) {
  bool json = false;
  int nfiles = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--json"))
      json = true;
    else if (!strcmp(argv[i], "--help") || argv[i][0] == '-') {
      fprintf(argv[i][1] == '-' && !strcmp(argv[i], "--help") ? stdout : stderr,
              "usage: rivet-relocs [--json] FILE...\n");
      return strcmp(argv[i], "--help") ? 1 : 0;
    } else
      nfiles++;
  }
  if (!nfiles) {
    fprintf(stderr, "usage: rivet-relocs [--json] FILE...\n");
    return 1;
  }
  elf_version(EV_CURRENT);
  int status = 0, done = 0;
  if (json && nfiles > 1)
    printf("[\n");
  for (int i = 1; i < argc; i++) {
    if (argv[i][0] == '-')
      continue;
    Report r = {0};
    done++;
    if (!analyse(argv[i], &r)) {
      status = 1;
      free_report(&r);
      continue;
    }
    if (json)
      print_json(&r, nfiles == 1 || done == nfiles);
    else
      print_text(&r);
    free_report(&r);
  }
  if (json && nfiles > 1)
    printf("]\n");
  return status;
}
