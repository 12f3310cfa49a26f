#!/usr/bin/env bash
# setjmp/longjmp and sigsetjmp/siglongjmp across translation units, including a jump out
# of a signal handler. glibc mangles the saved stack and return addresses with a
# pointer guard kept in the TCB, so this breaks when the thread pointer or the TLS
# block is set up wrongly by a mis-linked static startup.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >jumper.c <<'EOF'
#include <setjmp.h>
#include <signal.h>
void deep(jmp_buf env, int depth) {
  if (depth == 0) longjmp(env, 17);
  deep(env, depth - 1);
}
static sigjmp_buf *sig_env;
static void on_usr1(int sig) { siglongjmp(*sig_env, sig); }
void arm_signal(sigjmp_buf *env) {
  sig_env = env;
  signal(SIGUSR1, on_usr1);
}
EOF
cat >main.c <<'EOF'
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
void deep(jmp_buf env, int depth);
void arm_signal(sigjmp_buf *env);
int main(void) {
  jmp_buf env;
  volatile int tries = 0;
  int r = setjmp(env);
  printf("setjmp returned %d (tries=%d)\n", r, tries);
  if (tries++ < 2) deep(env, 20 + tries);

  static sigjmp_buf senv;
  arm_signal(&senv);
  int s = sigsetjmp(senv, 1);
  if (s == 0) {
    raise(SIGUSR1);
    puts("not reached");
  }
  sigset_t cur;
  sigprocmask(SIG_BLOCK, NULL, &cur);
  printf("siglongjmp from handler returned %d, SIGUSR1 blocked after restore: %d\n", s,
         sigismember(&cur, SIGUSR1));
  return tries;
}
EOF
compile_c -O2 -o jumper.o jumper.c
compile_c -O2 -o main.o main.c
link_both jump main.o jumper.o

run_both_and_compare jump
expect_stdout jump "setjmp returned 0 (tries=0)
setjmp returned 17 (tries=1)
setjmp returned 17 (tries=2)
siglongjmp from handler returned 10, SIGUSR1 blocked after restore: 0"
expect_status jump 3
elflint_compare jump
