int wvar = 2;
int wfn(void) { return 20; }
const char *wname = "strong b";
