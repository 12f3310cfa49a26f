/* Second member of the corpus archives; its name is longer than 15 characters, so
 * GNU ar stores it in the "//" long-name table. */
int helper_counter;
int helper_twice(int v) {
  helper_counter++;
  return v * 2;
}
