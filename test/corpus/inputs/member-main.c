/* First member of the corpus archives: defines entry_main and pulls in the second. */
int helper_twice(int);
int entry_main(void) { return helper_twice(21) - 42; }
