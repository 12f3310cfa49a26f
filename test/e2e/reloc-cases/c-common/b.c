int cbuf[16];
char cother[3];
void b_fill(void) {
  for (int i = 0; i < 16; i++) cbuf[i] = i * 3 + 1;
  cother[0] = 'x'; cother[1] = 'y'; cother[2] = 'z';
}
