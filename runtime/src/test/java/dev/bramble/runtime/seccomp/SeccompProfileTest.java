package dev.bramble.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.oci.json.OciJson;
import dev.bramble.oci.spec.LinuxSeccomp;
import dev.bramble.runtime.config.ConfigException;
import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.linux.SeccompFilterSpec;
import org.junit.jupiter.api.Test;

/** config.json's linux.seccomp is read with runc's meanings, and what cannot be honoured is refused by JSON path. */
class SeccompProfileTest {
  static LinuxSeccomp seccomp(String json) throws Exception {
    return OciJson.mapper().readValue(json.replace('\'', '"'), LinuxSeccomp.class);
  }

  private static ConfigException refused(String json) {
    return assertThrows(ConfigException.class, () -> SeccompProfile.from(seccomp(json)));
  }

  @Test
  void actionsMeanWhatTheyMeanUnderRunc() throws Exception {
    SeccompProfile p = SeccompProfile.from(seccomp("{'defaultAction': 'SCMP_ACT_ERRNO', 'syscalls': ["
        + "{'names': ['a'], 'action': 'SCMP_ACT_KILL'}, {'names': ['b'], 'action': 'SCMP_ACT_ERRNO'},"
        + "{'names': ['c'], 'action': 'SCMP_ACT_ERRNO', 'errnoRet': 38}, {'names': ['d'], 'action': 'SCMP_ACT_TRACE'},"
        + "{'names': ['e', 'f'], 'action': 'SCMP_ACT_LOG'}, {'names': ['g'], 'action': 'SCMP_ACT_KILL_PROCESS'}]}"));
    assertEquals(SeccompFilterSpec.errno(Errno.EPERM), p.defaultAction(), "ERRNO without errnoRet is EPERM");
    assertEquals(SeccompFilterSpec.KILL_THREAD, p.rules().get(0).action(), "SCMP_ACT_KILL kills the thread");
    assertEquals(SeccompFilterSpec.errno(Errno.EPERM), p.rules().get(1).action());
    assertEquals(SeccompFilterSpec.errno(Errno.ENOSYS), p.rules().get(2).action());
    assertEquals(SeccompFilterSpec.errno(Errno.ENOSYS), p.rules().get(3).action(),
        "a trace rule without a tracer of its own answers ENOSYS, as the kernel does under runc");
    assertEquals(SeccompFilterSpec.LOG, p.rules().get(4).action());
    assertEquals("f", p.rules().get(5).syscall(), "one rule per name");
    assertEquals(SeccompFilterSpec.KILL_PROCESS, p.rules().get(6).action());
    assertTrue(p.enosysForNewSyscalls());
    assertFalse(SeccompProfile.from(seccomp("{'defaultAction': 'SCMP_ACT_ALLOW'}")).enosysForNewSyscalls());
    assertFalse(SeccompProfile.from(seccomp("{'defaultAction': 'SCMP_ACT_ERRNO', 'defaultErrnoRet': 38}"))
        .enosysForNewSyscalls());
  }

  @Test
  void flagsBecomeSeccompFlags() throws Exception {
    SeccompProfile p = SeccompProfile.from(seccomp("{'defaultAction': 'SCMP_ACT_ALLOW', 'flags': "
        + "['SECCOMP_FILTER_FLAG_LOG', 'SECCOMP_FILTER_FLAG_SPEC_ALLOW', 'SECCOMP_FILTER_FLAG_TSYNC']}"));
    assertEquals(SeccompVocabulary.FLAG_LOG | SeccompVocabulary.FLAG_SPEC_ALLOW, p.flags(),
        "TSYNC means nothing for a single-threaded init");
  }

  @Test
  void refusesWhatItCannotHonourNamingTheJsonPath() {
    assertTrue(refused("{'defaultAction': 'SCMP_ACT_SOMETIMES'}").getMessage()
        .startsWith("linux.seccomp.defaultAction: unknown action"));
    assertTrue(refused("{'defaultAction': 'SCMP_ACT_ALLOW', 'architectures': ['SCMP_ARCH_Z80']}").getMessage()
        .startsWith("linux.seccomp.architectures[0]: unknown architecture"));
    assertTrue(refused("{'defaultAction': 'SCMP_ACT_ALLOW', 'flags': ['SECCOMP_FILTER_FLAG_NEW_LISTENER']}")
        .getMessage().startsWith("linux.seccomp.flags[0]"));
    assertTrue(refused("{'defaultAction': 'SCMP_ACT_ALLOW', 'syscalls': [{'names': ['read'], 'action': "
        + "'SCMP_ACT_ERRNO', 'args': [{'index': 6, 'value': 1, 'op': 'SCMP_CMP_EQ'}]}]}").getMessage()
        .startsWith("linux.seccomp.syscalls[0].args[0].index"));
    assertTrue(refused("{'defaultAction': 'SCMP_ACT_ALLOW', 'syscalls': [{'names': ['read'], 'action': "
        + "'SCMP_ACT_ERRNO', 'args': [{'index': 0, 'value': 1, 'op': 'SCMP_CMP_ABOUT'}]}]}").getMessage()
        .startsWith("linux.seccomp.syscalls[0].args[0].op: unknown operator"));
    assertTrue(refused("{'defaultAction': 'SCMP_ACT_ALLOW', 'syscalls': [{'names': ['read'], 'action': "
        + "'SCMP_ACT_NOTIFY'}], 'listenerPath': '/run/agent.sock'}").getMessage()
        .startsWith("linux.seccomp.listenerPath: seccomp user notification"));
    assertTrue(refused("{'defaultAction': 'SCMP_ACT_ALLOW', 'syscalls': [{'names': [], 'action': "
        + "'SCMP_ACT_ERRNO'}]}").getMessage().startsWith("linux.seccomp.syscalls[0].names"));
  }
}
