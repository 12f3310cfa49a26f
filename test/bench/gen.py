# gen.py DIR N M: N C files, each with M functions and M data words; functions call
# into the next file and data points into the previous one. main() walks them all.
import os, sys
d, n, m = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for i in range(n):
    with open(os.path.join(d, "f%d.c" % i), "w") as f:
        nxt, prv = (i + 1) % n, (i - 1) % n
        for j in range(m):
            f.write("extern int f%d_%d(int);\n" % (nxt, j))
            f.write("extern int *d%d_%d;\n" % (prv, j))
        for j in range(m):
            f.write("int v%d_%d = %d;\n" % (i, j, j))
            f.write("int *d%d_%d = &v%d_%d;\n" % (i, j, i, j))
            f.write("int f%d_%d(int x) { return x <= 0 ? *d%d_%d : f%d_%d(x - 1); }\n" % (i, j, prv, j, nxt, j))
with open(os.path.join(d, "main.c"), "w") as f:
    f.write("#include <stdio.h>\nextern int f0_0(int);\n")
    f.write("int main(void) { puts(f0_0(%d) >= 0 ? \"ok\" : \"bad\"); return 0; }\n" % min(n, 1000))
