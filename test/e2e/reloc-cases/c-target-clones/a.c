/* target_clones: GCC emits one clone per target and an IFUNC resolver that picks
   one by CPU at load time; all clones compute the same result. */
__attribute__((target_clones("avx2", "sse4.2", "default")))
long dot(const int *a, const int *b, int n) {
  long s = 0;
  for (int i = 0; i < n; i++)
    s += (long)a[i] * b[i];
  return s;
}
