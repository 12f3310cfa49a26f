int cbuf[8];
long ccount2;
int calign[2];
int cinit[4] = {1, 2, 3, 4};
void c_set(long v) { ccount2 = v; cinit[3] += (int)v; }
