#include <pthread.h>
#include <stdio.h>
extern __thread int tls_counter;
int def_get(void);
int *def_counter_addr(void);
const char *def_name(int id);
void use_bump(int id);
long use_sum(void);
int *use_counter_addr(void);

static char lines[3][128];

static void *work(void *arg) {
  int id = (int)(long)arg;
  long before = use_sum();
  use_bump(id);
  tls_counter += 1000;
  long after = use_sum();
  int get1 = def_get();
  int get2 = def_get();
  snprintf(lines[id], sizeof lines[id], "thread %d: %ld %ld %d %d %s same-addr %d", id, before, after, get1, get2,
           def_name(id), def_counter_addr() == use_counter_addr() && def_counter_addr() == &tls_counter);
  return def_counter_addr();
}

int main(void) {
  pthread_t t[2];
  void *addr[2];
  for (int i = 0; i < 2; i++)
    if (pthread_create(&t[i], 0, work, (void *)(long)(i + 1)) != 0)
      return 2;
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], &addr[i]);
  work(0);
  for (int i = 0; i < 3; i++)
    puts(lines[i]);
  printf("distinct %d %d\n", addr[0] != addr[1], addr[0] != (void *)def_counter_addr());
  return 0;
}
