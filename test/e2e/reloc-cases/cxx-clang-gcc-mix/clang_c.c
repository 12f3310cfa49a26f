static __thread int calls;
_Thread_local int c_tls_total = 1000;
int c_from_clang(int v) {
  calls++;
  c_tls_total += v;
  return calls * 1000 + (c_tls_total & 0xff);
}
const char *c_name(void) { return "shared literal from clang"; }
