/*
 * bramble's escape probe: run inside a container, it makes each syscall the sandbox must stop, directly through
 * syscall(2) with harmless arguments, and prints one line per call: NAME=ok[:VALUE] or NAME=ERRNONAME. Several
 * calls would succeed on a plain kernel (settimeofday(NULL, NULL), adjtimex reading, open_tree without a clone,
 * iopl(0)), so an errno there is the sandbox's doing. Lines NAME_effect=... check that a refused call changed
 * nothing. Built with gcc -static at test time (dev.bramble.e2e.EscapeProbe); never committed as a binary.
 *
 *   escape-probe escapes        every denied syscall
 *   escape-probe info           what uname and sysinfo report
 *   escape-probe args           calls a custom profile's argument comparisons decide
 *   escape-probe load FILE      load FILE (a BPF program) with no tracer attached, then call uname and mount
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/timex.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void report(const char *name, long rv) {
  if (rv < 0) {
    const char *e = strerrorname_np(errno);
    printf("%s=%s\n", name, e ? e : "EUNKNOWN");
  } else {
    printf("%s=ok\n", name);
  }
  fflush(stdout);
}

/* A call that would create a process if the sandbox let it: the child leaves at once. */
static void report_fork(const char *name, long rv) {
  if (rv == 0) {
    _exit(0);
  }
  if (rv > 0) {
    waitpid((pid_t) rv, NULL, __WALL);
  }
  report(name, rv);
}

static long nsid(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 ? (long) st.st_ino : -1;
}

static void escapes(void) {
  char buf[256];
  memset(buf, 0, sizeof buf);

  /* kernel code and the kernel itself */
  report("init_module", syscall(SYS_init_module, buf, 0, ""));
  report("finit_module", syscall(SYS_finit_module, -1, "", 0));
  report("delete_module", syscall(SYS_delete_module, "bramble_nonexistent", 0));
  report("kexec_load", syscall(SYS_kexec_load, 0, 0, NULL, 0));
#ifdef SYS_kexec_file_load
  report("kexec_file_load", syscall(SYS_kexec_file_load, -1, -1, 0, "", 0));
#endif
  report("bpf", syscall(SYS_bpf, 0, buf, 72));
  report("perf_event_open", syscall(SYS_perf_event_open, buf, 0, -1, -1, 0));
  report("userfaultfd", syscall(SYS_userfaultfd, 0));
  report("keyctl", syscall(SYS_keyctl, 0 /* KEYCTL_GET_KEYRING_ID */, -3 /* session */, 0));
  report("add_key", syscall(SYS_add_key, "user", "bramble", "v", 1, -3));
  report("request_key", syscall(SYS_request_key, "user", "bramble", NULL, 0));
  report("open_by_handle_at", syscall(SYS_open_by_handle_at, AT_FDCWD, buf, O_RDONLY));
  report("syslog", syscall(SYS_syslog, 10 /* SYSLOG_ACTION_SIZE_BUFFER */, NULL, 0));
  report("acct", syscall(SYS_acct, NULL));
  report("quotactl", syscall(SYS_quotactl, 0, NULL, 0, NULL));
#ifdef SYS_quotactl_fd
  report("quotactl_fd", syscall(SYS_quotactl_fd, -1, 0, 0, NULL));
#endif
  report("swapon", syscall(SYS_swapon, "/bramble-nonexistent", 0));
  report("swapoff", syscall(SYS_swapoff, "/bramble-nonexistent"));
  report("reboot", syscall(SYS_reboot, 0, 0, 0, NULL)); /* bad magic: even a lapse would not reboot */
#if defined(__x86_64__)
  report("iopl", syscall(SYS_iopl, 0));
  report("ioperm", syscall(SYS_ioperm, 0, 0, 0));
#endif

  /* clocks: settimeofday(NULL, NULL) and a reading adjtimex succeed on a plain kernel */
  report("settimeofday", syscall(SYS_settimeofday, NULL, NULL));
  report("clock_settime", syscall(SYS_clock_settime, CLOCK_REALTIME, NULL));
  struct timex tx;
  memset(&tx, 0, sizeof tx);
  report("adjtimex", syscall(SYS_adjtimex, &tx));
  report("clock_adjtime", syscall(SYS_clock_adjtime, CLOCK_REALTIME, &tx));

  /* mounts */
  mkdir("/tmp/bramble-probe", 0755);
  struct stat before, after;
  stat("/tmp/bramble-probe", &before);
  report("mount", syscall(SYS_mount, "probe", "/tmp/bramble-probe", "tmpfs", 0, NULL));
  stat("/tmp/bramble-probe", &after);
  printf("mount_effect=%s\n", before.st_dev == after.st_dev ? "none" : "mounted");
  report("umount2", syscall(SYS_umount2, "/proc", 2 /* MNT_DETACH */));
  report("pivot_root", syscall(SYS_pivot_root, ".", "."));
  report("fsopen", syscall(SYS_fsopen, "tmpfs", 0));
  report("fsconfig", syscall(SYS_fsconfig, -1, 0, NULL, NULL, 0));
  report("fsmount", syscall(SYS_fsmount, -1, 0, 0));
  report("fspick", syscall(SYS_fspick, AT_FDCWD, "/", 0));
  report("move_mount", syscall(SYS_move_mount, -1, "", AT_FDCWD, "/tmp", 0));
  report("open_tree", syscall(SYS_open_tree, AT_FDCWD, "/", 0)); /* no clone: allowed to anyone on a plain kernel */
  report("mount_setattr", syscall(SYS_mount_setattr, -1, "", 0, NULL, 0));

  /* namespaces */
  long userns = nsid("/proc/self/ns/user");
  report("unshare", syscall(SYS_unshare, CLONE_NEWUSER));
  printf("unshare_effect=%s\n", nsid("/proc/self/ns/user") == userns ? "none" : "new-user-namespace");
  report_fork("clone", syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0));
  struct clone_args ca;
  memset(&ca, 0, sizeof ca);
  ca.exit_signal = SIGCHLD;
  report_fork("clone3", syscall(SYS_clone3, &ca, sizeof ca));
  int uts = open("/proc/self/ns/uts", O_RDONLY | O_CLOEXEC);
  report("setns", syscall(SYS_setns, uts, 0));
  close(uts);

  /* execution domains */
  report("personality_query", syscall(SYS_personality, 0xffffffffUL));
  report("personality_change", syscall(SYS_personality, READ_IMPLIES_EXEC));
  printf("personality_effect=0x%lx\n", syscall(SYS_personality, 0xffffffffUL));

  /* other processes: a child of our own */
  pid_t child = fork();
  if (child == 0) {
    pause();
    _exit(0);
  }
  report("ptrace_attach", syscall(SYS_ptrace, 16 /* PTRACE_ATTACH */, child, 0, 0));
  report("ptrace_seize", syscall(SYS_ptrace, 0x4206 /* PTRACE_SEIZE */, child, 0, 0));
  /* PTRACE_TRACEME in a child of ours: were it allowed in the probe itself, the probe's parent would become its
     tracer and the next signal would stop it for good */
  int fds[2];
  if (pipe(fds) == 0) {
    pid_t tracee = fork();
    if (tracee == 0) {
      long rv = syscall(SYS_ptrace, 0 /* PTRACE_TRACEME */, 0, 0, 0);
      int err = rv < 0 ? errno : 0;
      if (write(fds[1], &err, sizeof err) < 0) {
        _exit(1);
      }
      _exit(0);
    }
    int err = 0;
    if (read(fds[0], &err, sizeof err) != sizeof err) {
      err = EIO;
    }
    waitpid(tracee, NULL, 0);
    errno = err;
    report("ptrace_traceme", err ? -1 : 0);
    close(fds[0]);
    close(fds[1]);
  }
  struct iovec local = {buf, 8}, remote = {buf, 8};
  report("process_vm_readv", syscall(SYS_process_vm_readv, child, &local, 1, &remote, 1, 0));
  report("process_vm_writev", syscall(SYS_process_vm_writev, child, &local, 1, &remote, 1, 0));
  report("kcmp", syscall(SYS_kcmp, getpid(), child, 0 /* KCMP_FILE */, 0, 0));
  long pidfd = syscall(SYS_pidfd_open, child, 0);
  report("pidfd_getfd", syscall(SYS_pidfd_getfd, pidfd, 0, 0));
  kill(child, SIGKILL);
  waitpid(child, NULL, 0);

  /* io_uring */
  char params[120];
  memset(params, 0, sizeof params);
  report("io_uring_setup", syscall(SYS_io_uring_setup, 1, params));
  report("io_uring_enter", syscall(SYS_io_uring_enter, -1, 0, 0, 0, NULL, 0));
  report("io_uring_register", syscall(SYS_io_uring_register, -1, 0, NULL, 0));

  /* sockets */
  report("socket_packet", syscall(SYS_socket, 17 /* AF_PACKET */, SOCK_RAW, 0));
  report("socket_raw4", syscall(SYS_socket, AF_INET, SOCK_RAW | SOCK_CLOEXEC, 1 /* ICMP */));
  report("socket_raw6", syscall(SYS_socket, AF_INET6, SOCK_RAW, 58 /* ICMPv6 */));
  long tcp = syscall(SYS_socket, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  report("socket_tcp", tcp);
  if (tcp >= 0) {
    close((int) tcp);
  }

  /* the terminal: TIOCSTI would queue input that the terminal's reader then runs */
  int master = posix_openpt(O_RDWR | O_NOCTTY);
  int slave = -1;
  if (master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0) {
    slave = open(ptsname(master), O_RDWR | O_NOCTTY);
  }
  char c = 'x';
  report("ioctl_tiocsti", syscall(SYS_ioctl, slave >= 0 ? slave : 0, TIOCSTI, &c));
  report("ioctl_tiocsti_upper_bits", syscall(SYS_ioctl, slave >= 0 ? slave : 0, 0xffffffff00005412UL, &c));
  if (slave >= 0) {
    struct pollfd p = {slave, POLLIN, 0};
    printf("tiocsti_effect=%s\n", poll(&p, 1, 100) == 0 ? "none" : "input-queued");
  } else {
    printf("tiocsti_effect=no-pty\n");
  }
  report("ioctl_tcgets", syscall(SYS_ioctl, slave >= 0 ? slave : 0, TCGETS, buf));
}

static void info(void) {
  struct utsname u;
  if (syscall(SYS_uname, &u) != 0) {
    report("uname", -1);
    return;
  }
  printf("nodename=%s\nrelease=%s\ndomainname=%s\nmachine=%s\n", u.nodename, u.release, u.domainname, u.machine);
  struct sysinfo si;
  if (syscall(SYS_sysinfo, &si) != 0) {
    report("sysinfo", -1);
    return;
  }
  printf("totalram=%llu\nfreeram=%llu\nprocs=%u\n", (unsigned long long) si.totalram * si.mem_unit,
      (unsigned long long) si.freeram * si.mem_unit, si.procs);
  report("uname_bad_pointer", syscall(SYS_uname, (void *) 8));
}

static void args(void) {
  report("getpriority_user", syscall(SYS_getpriority, 2 /* PRIO_USER */, 0));
  report("getpriority_process", syscall(SYS_getpriority, 0 /* PRIO_PROCESS */, 0));
  report("dup3_cloexec", syscall(SYS_dup3, 1, 100, O_CLOEXEC));
  report("dup3_plain", syscall(SYS_dup3, 1, 101, 0));
  report("getpgid_1", syscall(SYS_getpgid, 1));
  report("getpgid_2", syscall(SYS_getpgid, 2));
  report("getpgid_3", syscall(SYS_getpgid, 3));
  report("personality_linux32", syscall(SYS_personality, 0x0008));
  report("personality_query", syscall(SYS_personality, 0xffffffffUL));
  report("mount", syscall(SYS_mount, "probe", "/tmp", "tmpfs", 0, NULL));
  report("umask", syscall(SYS_umask, 022));
}

static int load(const char *file) {
  static unsigned char prog[65536];
  FILE *f = fopen(file, "rb");
  if (!f) {
    perror(file);
    return 2;
  }
  size_t n = fread(prog, 1, sizeof prog, f);
  fclose(f);
  struct sock_fprog fprog = {(unsigned short) (n / 8), (struct sock_filter *) prog};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) != 0) {
    perror("seccomp");
    return 2;
  }
  struct utsname u;
  report("uname", syscall(SYS_uname, &u));
  mkdir("/tmp/bramble-probe-load", 0755);
  report("mount", syscall(SYS_mount, "probe", "/tmp/bramble-probe-load", "tmpfs", 0, NULL));
  report("getpid", syscall(SYS_getpid));
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "escapes") == 0) {
    escapes();
  } else if (argc >= 2 && strcmp(argv[1], "info") == 0) {
    info();
  } else if (argc >= 2 && strcmp(argv[1], "args") == 0) {
    args();
  } else if (argc >= 3 && strcmp(argv[1], "load") == 0) {
    return load(argv[2]);
  } else {
    fprintf(stderr, "usage: %s escapes|info|args|load FILE\n", argv[0]);
    return 2;
  }
  return 0;
}
