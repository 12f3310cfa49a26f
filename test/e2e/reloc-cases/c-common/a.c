/* Tentative definitions (-fcommon): cbuf is 4, 16 and 8 ints in a.c, b.c and c.c;
   the linker must allocate the largest. calign asks for 64-byte alignment. cinit is
   common here and initialized in c.c. */
int cbuf[4];
int ccount;
int calign[2] __attribute__((aligned(64)));
int cinit[4];
void a_set(int v) { ccount = v; calign[0] = v * 2; calign[1] = v * 3; }
