/*
 * regdump: captures real NT_PRSTATUS register sets at the ptrace stops bramble's sentry relies on, together with the
 * kernel's own decoding of each stop (PTRACE_GET_SYSCALL_INFO), so RegisterLayout can be tested against both on any
 * host. Output is the text fixture runtime/src/test/resources/dev/bramble/runtime/arch/regdump-<arch>.txt.
 *
 * Build and run through capture-x86_64.sh (native) or capture-aarch64.sh (static cross build, booted as /init of a
 * real arm64 kernel under qemu-system-aarch64). When it runs as pid 1 it sets up its console and powers off at the
 * end.
 *
 * The tracee, stopped and resumed with PTRACE_SYSCALL, runs:
 *   six-args   getppid(0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666)            untouched
 *   rewrite    getppid(0x1111, ..., 0x6667): at entry the tracer writes getpid's number into the NT_PRSTATUS syscall
 *              number slot (x86_64 orig_rax, aarch64 x8); the exit shows whether the kernel honoured it
 *   clone-skip clone(SIGCHLD, 0x2222, 0x3333, 0x4444, 0x5555): skipped at entry (orig_rax = -1 / NT_ARM_SYSTEM_CALL -1)
 *   clone-run  clone(SIGCHLD|CLONE_CHILD_SETTID, 0, &slot[0], &slot[1], &slot[2]) run for real; the new process
 *              reports which slot the kernel wrote its tid to: the ground truth of clone's argument order
 *   seccomp    getegid(0xa1, ..., 0xa6) stopped by a SECCOMP_RET_TRACE filter (PTRACE_EVENT_SECCOMP)
 * On aarch64 the syscall helper also loads x7 = 0x7777 to show the kernel clobbering x7 at syscall stops.
 *
 * Line format: "fact <key> <value>", "regs <label> <count> <hex>...", "sysinfo <label> <op> <fields>...",
 * "sysno <label> <n>" (aarch64 NT_ARM_SYSTEM_CALL), between "BRAMBLE-REGDUMP-BEGIN" and "BRAMBLE-REGDUMP-END".
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

/* raw6(nr, a0..a5): the syscall instruction, with a global label right after it (the pc at syscall stops). */
long raw6(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
extern char raw6_after_syscall[];

#if defined(__x86_64__)
#define AUDIT_ARCH_HERE AUDIT_ARCH_X86_64
#define NR_SLOT_IN_PRSTATUS 15 /* orig_rax */
__asm__(".text\n.globl raw6\n.type raw6,@function\nraw6:\n"
        "  mov %rdi, %rax\n  mov %rsi, %rdi\n  mov %rdx, %rsi\n  mov %rcx, %rdx\n"
        "  mov %r8, %r10\n  mov %r9, %r8\n  mov 8(%rsp), %r9\n"
        "  syscall\n.globl raw6_after_syscall\nraw6_after_syscall:\n  ret\n");
#elif defined(__aarch64__)
#define AUDIT_ARCH_HERE AUDIT_ARCH_AARCH64
#define NR_SLOT_IN_PRSTATUS 8 /* x8 */
#ifndef NT_ARM_SYSTEM_CALL
#define NT_ARM_SYSTEM_CALL 0x404
#endif
__asm__(".text\n.globl raw6\n.type raw6,%function\nraw6:\n"
        "  mov x8, x0\n  mov x0, x1\n  mov x1, x2\n  mov x2, x3\n  mov x3, x4\n  mov x4, x5\n  mov x5, x6\n"
        "  movz x7, #0x7777\n"
        "  svc #0\n.globl raw6_after_syscall\nraw6_after_syscall:\n  ret\n");
#else
#error "regdump supports x86_64 and aarch64"
#endif

static void die(const char *what) {
  printf("fact error %s:%s\n", what, strerror(errno));
  fflush(stdout);
  if (getpid() == 1) {
    reboot(RB_POWER_OFF);
  }
  exit(1);
}

/* ---------------------------------------------------------------- tracee */

static void install_filter(void) {
  struct sock_filter prog[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_HERE, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getegid, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE | 0x42),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  struct sock_fprog fprog = {sizeof prog / sizeof prog[0], prog};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) die("no_new_privs");
  if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) != 0) die("seccomp");
}

static void tracee(void) {
  static volatile long slot[3];
  if (ptrace(PTRACE_TRACEME, 0, 0, 0) != 0) die("traceme");
  install_filter();
  raise(SIGSTOP);
  raw6(SYS_getppid, 0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666);
  raw6(SYS_getppid, 0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6667);
  raw6(SYS_clone, SIGCHLD, 0x2222, 0x3333, 0x4444, 0x5555, 0);
  long child = raw6(SYS_clone, SIGCHLD | CLONE_CHILD_SETTID, 0, (long)&slot[0], (long)&slot[1], (long)&slot[2], 0);
  if (child == 0) {
    /* new process, untraced, own copy of memory: which slot did the kernel treat as child_tid? */
    long tid = raw6(SYS_gettid, 0, 0, 0, 0, 0, 0);
    int which = -1;
    for (int i = 0; i < 3; i++) {
      if (slot[i] == tid) which = i;
    }
    raw6(SYS_exit_group, which < 0 ? 99 : which, 0, 0, 0, 0, 0);
  }
  if (child < 0) die("clone");
  int status;
  if (waitpid((pid_t)child, &status, 0) != child) die("waitpid clone child");
  int which = WIFEXITED(status) ? WEXITSTATUS(status) : 98;
  printf("fact clone_slot_addrs 0x%lx 0x%lx 0x%lx\n", (long)&slot[0], (long)&slot[1], (long)&slot[2]);
  printf("fact clone_child_settid_addr 0x%lx\n", which < 3 ? (long)&slot[which] : -1L);
  fflush(stdout);
  raw6(SYS_getegid, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6);
  _exit(0);
}

/* ---------------------------------------------------------------- tracer */

static void dump(pid_t pid, const char *label) {
  uint64_t regs[64];
  struct iovec iov = {regs, sizeof regs};
  if (ptrace(PTRACE_GETREGSET, pid, (void *)NT_PRSTATUS, &iov) != 0) die("getregset");
  printf("regs %s %zu", label, iov.iov_len / 8);
  for (size_t i = 0; i < iov.iov_len / 8; i++) printf(" 0x%llx", (unsigned long long)regs[i]);
  printf("\n");

  struct __ptrace_syscall_info si;
  memset(&si, 0, sizeof si);
  if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof si, &si) < 0) die("get_syscall_info");
  printf("sysinfo %s ", label);
  switch (si.op) {
  case PTRACE_SYSCALL_INFO_ENTRY:
  case PTRACE_SYSCALL_INFO_SECCOMP:
    printf("%s arch=0x%x ip=0x%llx sp=0x%llx nr=%lld", si.op == PTRACE_SYSCALL_INFO_ENTRY ? "entry" : "seccomp",
           si.arch, (unsigned long long)si.instruction_pointer, (unsigned long long)si.stack_pointer,
           (long long)si.entry.nr);
    for (int i = 0; i < 6; i++) printf(" a%d=0x%llx", i, (unsigned long long)si.entry.args[i]);
    if (si.op == PTRACE_SYSCALL_INFO_SECCOMP) printf(" ret_data=0x%x", si.seccomp.ret_data);
    break;
  case PTRACE_SYSCALL_INFO_EXIT:
    printf("exit arch=0x%x ip=0x%llx sp=0x%llx rval=%lld is_error=%d", si.arch,
           (unsigned long long)si.instruction_pointer, (unsigned long long)si.stack_pointer,
           (long long)si.exit.rval, si.exit.is_error);
    break;
  default:
    printf("none arch=0x%x ip=0x%llx sp=0x%llx", si.arch, (unsigned long long)si.instruction_pointer,
           (unsigned long long)si.stack_pointer);
  }
  printf("\n");
#ifdef __aarch64__
  int sysno = 0;
  struct iovec nio = {&sysno, sizeof sysno};
  if (ptrace(PTRACE_GETREGSET, pid, (void *)NT_ARM_SYSTEM_CALL, &nio) != 0) die("getregset NT_ARM_SYSTEM_CALL");
  printf("sysno %s %d\n", label, sysno);
#endif
  fflush(stdout);
}

static void set_nr_slot(pid_t pid, long nr) {
  uint64_t regs[64];
  struct iovec iov = {regs, sizeof regs};
  if (ptrace(PTRACE_GETREGSET, pid, (void *)NT_PRSTATUS, &iov) != 0) die("getregset");
  regs[NR_SLOT_IN_PRSTATUS] = (uint64_t)nr;
  if (ptrace(PTRACE_SETREGSET, pid, (void *)NT_PRSTATUS, &iov) != 0) die("setregset");
}

static void skip_syscall(pid_t pid) {
#ifdef __aarch64__
  int nr = -1;
  struct iovec iov = {&nr, sizeof nr};
  if (ptrace(PTRACE_SETREGSET, pid, (void *)NT_ARM_SYSTEM_CALL, &iov) != 0) die("setregset NT_ARM_SYSTEM_CALL");
#else
  set_nr_slot(pid, -1);
#endif
}

/* Labels a syscall-entry stop by the kernel's decoding of it, or NULL for syscalls of no interest (libc's own). */
static const char *classify(const struct __ptrace_syscall_info *si) {
  const uint64_t *a = (const uint64_t *)si->entry.args;
  if (si->entry.nr == SYS_getppid && a[0] == 0x1111 && a[5] == 0x6666) return "six-args";
  if (si->entry.nr == SYS_getppid && a[0] == 0x1111 && a[5] == 0x6667) return "rewrite";
  if (si->entry.nr == SYS_clone && a[1] == 0x2222) return "clone-skip";
  if (si->entry.nr == SYS_clone && (a[0] & CLONE_CHILD_SETTID)) return "clone-run";
  return NULL;
}

static void tracer(pid_t pid) {
  int status;
  if (waitpid(pid, &status, __WALL) != pid) die("waitpid");
  if (!WIFSTOPPED(status) || WSTOPSIG(status) != SIGSTOP) die("first stop is not SIGSTOP");
  dump(pid, "sigstop");
  long opts = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACESECCOMP | PTRACE_O_EXITKILL;
  if (ptrace(PTRACE_SETOPTIONS, pid, 0, (void *)opts) != 0) die("setoptions");
  const char *pending = NULL;
  int sig = 0;
  for (;;) {
    if (ptrace(PTRACE_SYSCALL, pid, 0, (void *)(long)sig) != 0) die("ptrace syscall");
    sig = 0;
    if (waitpid(pid, &status, __WALL) != pid) die("waitpid");
    if (WIFEXITED(status)) {
      printf("fact tracee_exit %d\n", WEXITSTATUS(status));
      return;
    }
    if (WIFSIGNALED(status)) {
      printf("fact tracee_killed_by %d\n", WTERMSIG(status));
      return;
    }
    char label[64];
    if (WSTOPSIG(status) == (SIGTRAP | 0x80)) {
      struct __ptrace_syscall_info si;
      if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof si, &si) < 0) die("get_syscall_info");
      if (si.op == PTRACE_SYSCALL_INFO_ENTRY && (pending = classify(&si)) != NULL) {
        snprintf(label, sizeof label, "%s-entry", pending);
        dump(pid, label);
        if (strcmp(pending, "rewrite") == 0) set_nr_slot(pid, SYS_getpid);
        if (strcmp(pending, "clone-skip") == 0) skip_syscall(pid);
      } else if (si.op == PTRACE_SYSCALL_INFO_EXIT && pending != NULL) {
        snprintf(label, sizeof label, "%s-exit", pending);
        dump(pid, label);
        pending = NULL;
      }
    } else if (status >> 8 == (SIGTRAP | (PTRACE_EVENT_SECCOMP << 8))) {
      dump(pid, "seccomp");
    } else if (WSTOPSIG(status) != SIGTRAP) {
      sig = WSTOPSIG(status); /* e.g. SIGCHLD from the clone-run child: deliver it */
    }
  }
}

static void console_as_init(void) {
  mkdir("/dev", 0755);
  mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
  int fd = open("/dev/console", O_RDWR);
  if (fd >= 0) {
    dup2(fd, 0);
    dup2(fd, 1);
    dup2(fd, 2);
  }
}

int main(void) {
  int init = getpid() == 1;
  if (init) console_as_init();
  setvbuf(stdout, NULL, _IOLBF, 0);
  struct utsname u;
  uname(&u);
  printf("BRAMBLE-REGDUMP-BEGIN\n");
  printf("fact uname_machine %s\n", u.machine);
  printf("fact uname_release %s\n", u.release);
  printf("fact tracer_pid %d\n", getpid());
  printf("fact syscall_site 0x%lx\n", (long)raw6_after_syscall);
  fflush(stdout);
  pid_t pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) tracee();
  printf("fact tracee_pid %d\n", pid);
  tracer(pid);
  printf("BRAMBLE-REGDUMP-END\n");
  fflush(stdout);
  if (init) {
    sync();
    reboot(RB_POWER_OFF);
  }
  return 0;
}
