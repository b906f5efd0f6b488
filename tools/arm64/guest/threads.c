/*
 * A multi-threaded workload for the arm64 VM's checks (tools/arm64/guest/checks.sh): glibc's pthread_create tries
 * clone3 (which the sandbox answers with ENOSYS) and falls back to clone(CLONE_THREAD...), so the sentry has to
 * follow new threads on aarch64; each thread makes trapped (uname) and native (getpid, write) calls and a child
 * process is forked and reaped. Built with `aarch64-linux-gnu-gcc -static -pthread` by run-in-qemu.sh.
 * Prints "threads=N uname=NODENAME fork=ok" and exits 0 when every thread saw what it should.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#define THREADS 8
#define ROUNDS 50

static char nodename[sizeof(((struct utsname *) 0)->nodename)];

static void *work(void *arg) {
  long ok = 1;
  for (int i = 0; i < ROUNDS; i++) {
    struct utsname u;
    if (uname(&u) != 0 || strcmp(u.nodename, nodename) != 0 || getpid() <= 0) {
      ok = 0;
    }
  }
  (void) arg;
  return (void *) ok;
}

int main(void) {
  struct utsname u;
  if (uname(&u) != 0) {
    perror("uname");
    return 1;
  }
  strcpy(nodename, u.nodename);
  pthread_t t[THREADS];
  for (int i = 0; i < THREADS; i++) {
    if (pthread_create(&t[i], NULL, work, NULL) != 0) {
      perror("pthread_create");
      return 1;
    }
  }
  int good = 0;
  for (int i = 0; i < THREADS; i++) {
    void *ok;
    pthread_join(t[i], &ok);
    good += ok != NULL;
  }
  pid_t child = fork();
  if (child == 0) {
    _exit(uname(&u) == 0 && strcmp(u.nodename, nodename) == 0 ? 42 : 1);
  }
  int status = 0;
  int forked = child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 42;
  printf("threads=%d uname=%s fork=%s\n", good, nodename, forked ? "ok" : "failed");
  return good == THREADS && forked ? 0 : 1;
}
