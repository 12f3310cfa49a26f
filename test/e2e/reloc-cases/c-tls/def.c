/* TLS variables defined in def.c and reached from use.c and main.c with the model
   each set compiles them with (-ftls-model=..., -fPIC, -mtls-dialect=gnu2): the
   general- and local-dynamic code sequences (and their relaxations at the final
   link) and the initial- and local-exec relocations must survive -r. Two threads
   and the main thread each see their own copies. */
__thread int tls_counter = 5;
__thread long tls_pair[2] = {11, 22};
__thread int tls_zero;
static __thread int def_local = 3;
static __thread char def_buf[40] = "def";

int def_get(void) { return tls_counter * 100 + def_local++; }
int *def_counter_addr(void) { return &tls_counter; }
const char *def_name(int id) {
  def_buf[3] = (char)('0' + id);
  return def_buf;
}
