/* The registry of architectures, by ELF e_machine and by -m emulation name. */
#include "arch.h"

static const Arch *const arches[] = {&arch_x86_64};

const Arch *arch_for_machine(u16 e_machine) {
  for (i64 i = 0; i < ARRAY_SIZE(arches); i++)
    if (arches[i]->e_machine == e_machine)
      return arches[i];
  return NULL;
}

const Arch *arch_for_emulation(const char *emulation) {
  for (i64 i = 0; i < ARRAY_SIZE(arches); i++)
    if (!strcmp(arches[i]->name, emulation))
      return arches[i];
  return NULL;
}
