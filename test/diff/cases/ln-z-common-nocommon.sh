# -z common / -z nocommon only choose the type of commons in -r output (GNU ld's
# manual); on a final link they change nothing: the commons still merge to the
# largest and the program behaves the same.
cat >a.c <<'EOF2'
int shared_buf[4];
int get_a(void) { return shared_buf[1]; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int shared_buf[8];
int get_a(void);
int main(void) { shared_buf[1] = 5; printf("a=%d size=%zu\n", get_a(), sizeof shared_buf); return 0; }
EOF2
cc a.o -fcommon a.c
cc main.o -fcommon main.c
exe prog main.o a.o -Wl,-z,common
run prog
exe prog2 main.o a.o -Wl,-z,nocommon
run prog2
