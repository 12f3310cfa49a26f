# A common symbol in main.o and only another common (larger) in an archive member:
# the member is not extracted for it; a second member with a real definition follows.
cat >main.c <<'EOF'
#include <stdio.h>
int buf[2];
int main(void) { printf("buf0=%d\n", buf[0]); return 0; }
EOF
cat >com.c <<'EOF'
int buf[64];
int com_marker(void) { return 1; }
EOF
cat >def.c <<'EOF'
int buf[2] = {7, 8};
EOF
cc main.o -fcommon main.c
cc com.o -fcommon -fPIC com.c
cc def.o -fPIC def.c
ar rcs libcom.a com.o
ar rcs libdef.a def.o
exe prog main.o libcom.a
run prog
exe prog2 main.o libcom.a libdef.a
run prog2
ar rcs libboth.a com.o def.o
exe prog3 main.o libboth.a
run prog3
