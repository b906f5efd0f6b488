package dev.bramble.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.oci.json.OciJson;
import dev.bramble.oci.spec.LinuxSeccomp;
import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.linux.JnaLinuxKernel;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.SeccompFilterSpec;
import dev.bramble.runtime.linux.SeccompProgram;
import dev.bramble.testbundles.DockerSeccompProfile;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** config.json profiles compiled by libseccomp and run through a BPF interpreter, as the kernel would answer. */
class ProfileFilterTest {
  private static final LinuxKernel KERNEL = new JnaLinuxKernel(Arch.host().syscalls());
  private static final Arch ARCH = Arch.host();
  private static final List<String> RUNC_CAPS = List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");

  private static BpfInterpreter compile(SeccompProfile profile) {
    Set<String> unknown = new HashSet<>(KERNEL.compileSeccomp(ProfileFilter.spec(profile, ARCH, Set.of()))
        .unknownSyscalls());
    SeccompProgram program = KERNEL.compileSeccomp(ProfileFilter.spec(profile, ARCH, unknown));
    return new BpfInterpreter(program.bpf());
  }

  private static int run(BpfInterpreter bpf, String syscall, long... args) {
    return bpf.run(ARCH.syscalls().require(syscall), ARCH.auditArch(), args);
  }

  private static SeccompProfile docker(List<String> caps) throws Exception {
    String goArch = ARCH == Arch.AARCH64 ? "arm64" : "amd64";
    return SeccompProfile.from(OciJson.mapper().treeToValue(DockerSeccompProfile.forContainer(goArch, caps, 6, 1),
        LinuxSeccomp.class));
  }

  @Test
  void dockersDefaultProfileLoadsAndAnswersAsItSays() throws Exception {
    BpfInterpreter bpf = compile(docker(RUNC_CAPS));
    int eperm = SeccompFilterSpec.errno(Errno.EPERM);
    assertEquals(SeccompFilterSpec.ALLOW, run(bpf, "read"));
    assertEquals(SeccompFilterSpec.ALLOW, run(bpf, "openat"));
    assertEquals(eperm, run(bpf, "mount"), "not in the list without CAP_SYS_ADMIN: the default errno");
    assertEquals(SeccompFilterSpec.ALLOW, run(bpf, "clone", 17), "a plain fork");
    assertEquals(eperm, run(bpf, "clone", 0x10000000L | 17), "namespace flags masked out by the rule");
    assertEquals(SeccompFilterSpec.errno(Errno.ENOSYS), run(bpf, "clone3"));
    assertEquals(SeccompFilterSpec.ALLOW, run(bpf, "personality", 0xffffffffL));
    assertEquals(eperm, run(bpf, "personality", 0x400000), "READ_IMPLIES_EXEC is not in the list");
    assertEquals(SeccompFilterSpec.ALLOW, run(bpf, "socket", 2, 1), "AF_INET");
    assertEquals(eperm, run(bpf, "socket", 40, 1), "AF_VSOCK, excluded by the LT/EQ/GT rules");
    // x32 syscalls are in the profile filter (the sandbox filter kills them)
    if (ARCH == Arch.X86_64) {
      assertEquals(SeccompFilterSpec.ALLOW, bpf.run(0x40000000, ARCH.auditArch()), "x32 read, profile-wise");
    }
  }

  @Test
  void capabilitiesWidenDockersProfile() throws Exception {
    BpfInterpreter admin = compile(docker(List.of("CAP_SYS_ADMIN")));
    assertEquals(SeccompFilterSpec.ALLOW, run(admin, "mount"));
    assertEquals(SeccompFilterSpec.ALLOW, run(admin, "clone", 0x10000000L | 17));
  }

  @Test
  void syscallsNewerThanTheProfileGetEnosysAsUnderRunc() throws Exception {
    // the profile names read and write; everything numbered above them fails with ENOSYS, not the default EPERM
    SeccompProfile p = SeccompProfile.from(SeccompProfileTest.seccomp("{'defaultAction': 'SCMP_ACT_ERRNO', "
        + "'architectures': ['" + ARCH.seccompName() + "'], 'syscalls': [{'names': ['read', 'write', 'openat'], "
        + "'action': 'SCMP_ACT_ALLOW'}]}"));
    BpfInterpreter bpf = compile(p);
    int highest = ARCH.syscalls().require("openat");
    for (String name : ARCH.syscalls().names()) {
      int nr = ARCH.syscalls().require(name);
      int action = bpf.run(nr, ARCH.auditArch());
      if (name.equals("read") || name.equals("write") || name.equals("openat")) {
        assertEquals(SeccompFilterSpec.ALLOW, action, name);
      } else if (nr > highest && !KERNEL.compileSeccomp(new SeccompFilterSpec(SeccompFilterSpec.ALLOW,
          SeccompFilterSpec.KILL_PROCESS, List.of(ARCH.unameName()), List.of(new SeccompFilterSpec.Rule(name,
          SeccompFilterSpec.errno(1), List.of())))).unknownSyscalls().contains(name)) {
        assertEquals(SeccompFilterSpec.errno(Errno.ENOSYS), action, name + " (" + nr + ") is newer than openat");
      } else if (nr < highest) {
        assertEquals(SeccompFilterSpec.errno(Errno.EPERM), action, name);
      }
    }
    // without architectures, runc adds no stub
    BpfInterpreter plain = compile(SeccompProfile.from(SeccompProfileTest.seccomp("{'defaultAction': "
        + "'SCMP_ACT_ERRNO', 'syscalls': [{'names': ['read'], 'action': 'SCMP_ACT_ALLOW'}]}")));
    assertEquals(SeccompFilterSpec.errno(Errno.EPERM), run(plain, "openat"));
  }

  @Test
  void argumentComparisonsFollowRunc() throws Exception {
    SeccompProfile p = SeccompProfile.from(SeccompProfileTest.seccomp("{'defaultAction': 'SCMP_ACT_ALLOW', "
        + "'syscalls': ["
        + "{'names': ['getpriority'], 'action': 'SCMP_ACT_ERRNO', 'errnoRet': 13, "
        + "  'args': [{'index': 0, 'value': 2, 'op': 'SCMP_CMP_EQ'}]},"
        + "{'names': ['dup3'], 'action': 'SCMP_ACT_ERRNO', 'errnoRet': 9, "
        + "  'args': [{'index': 2, 'value': 524288, 'valueTwo': 524288, 'op': 'SCMP_CMP_MASKED_EQ'}]},"
        + "{'names': ['getpgid'], 'action': 'SCMP_ACT_ERRNO', 'errnoRet': 1, "
        + "  'args': [{'index': 0, 'value': 1, 'op': 'SCMP_CMP_EQ'}, {'index': 0, 'value': 2, 'op': 'SCMP_CMP_EQ'}]},"
        + "{'names': ['read'], 'action': 'SCMP_ACT_ALLOW'}]}"));
    BpfInterpreter bpf = compile(p);
    assertEquals(SeccompFilterSpec.errno(13), run(bpf, "getpriority", 2, 0));
    assertEquals(SeccompFilterSpec.ALLOW, run(bpf, "getpriority", 0, 0));
    assertEquals(SeccompFilterSpec.errno(9), run(bpf, "dup3", 0, 100, 0x80000));
    assertEquals(SeccompFilterSpec.ALLOW, run(bpf, "dup3", 0, 100, 0));
    // one argument tested twice: runc adds one rule per test, so either value matches
    assertEquals(SeccompFilterSpec.errno(1), run(bpf, "getpgid", 1));
    assertEquals(SeccompFilterSpec.errno(1), run(bpf, "getpgid", 2));
    assertEquals(SeccompFilterSpec.ALLOW, run(bpf, "getpgid", 3));
    assertTrue(ProfileFilter.spec(p, ARCH, Set.of()).rules().stream().noneMatch(r -> r.syscall().equals("read")),
        "a rule with the default action is dropped (libseccomp refuses it)");
  }

  @Test
  void onlyThisCpusAbisAreAdded() throws Exception {
    SeccompProfile p = SeccompProfile.from(SeccompProfileTest.seccomp("{'defaultAction': 'SCMP_ACT_ALLOW', "
        + "'architectures': ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32', 'SCMP_ARCH_AARCH64', "
        + "'SCMP_ARCH_ARM', 'SCMP_ARCH_S390X']}"));
    assertEquals(List.of("x86_64", "x86", "x32"), ProfileFilter.spec(p, Arch.X86_64, Set.of()).architectures());
    assertEquals(List.of("aarch64", "arm"), ProfileFilter.spec(p, Arch.AARCH64, Set.of()).architectures());
  }
}
