int foo(int x);
int bar(int x) { return foo(x) * 10; }
