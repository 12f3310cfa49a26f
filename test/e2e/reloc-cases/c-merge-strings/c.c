#include <wchar.h>
const wchar_t *c_wide(int i) { return i ? L"wide shared" : L"shared"; }
const char *c_str(int i) { return i ? "shared literal" : "literal"; }
long double c_const(int i) { return i * 0.5L + 1.25L; }
