extern __thread int tls_counter, tls_zero;
extern __thread long tls_pair[2];
static __thread int use_local_a = 9;
static __thread int use_local_b;
static __thread long use_local_big[64];

void use_bump(int id) {
  tls_counter += id;
  tls_pair[1] += id * 10;
  tls_zero = id;
  use_local_a += id;
  use_local_b = id * 2;
  use_local_big[63] = id * 3;
}
long use_sum(void) {
  return tls_counter + tls_pair[0] + tls_pair[1] + tls_zero + use_local_a * 1000 + use_local_b * 10000 +
         use_local_big[63] * 100000;
}
int *use_counter_addr(void) { return &tls_counter; }
