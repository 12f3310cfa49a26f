// Inline functions with static locals in a template, used in every file: g++ makes
// the statics STB_GNU_UNIQUE ("u" in nm), and the -r output must keep that binding.
// The -fPIC objects go into a shared library the program links: one counter.
template <class T> struct Registry {
  static int &count() {
    static int n = 0;
    return n;
  }
  static const char *label() {
    static const char *l = make_label();
    return l;
  }
  static const char *make_label() { return sizeof(T) == 4 ? "four" : "other"; }
};
template <class T> inline int hit() { return ++Registry<T>::count(); }
int lib_a(), lib_b();
