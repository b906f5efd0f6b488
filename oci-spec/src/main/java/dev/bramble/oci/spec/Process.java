package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.List;
import java.util.Map;

/**
 * The container process (config.md "Process").
 *
 * @param terminal attach a pseudo-terminal; defaults to false
 * @param consoleSize console size in characters; ignored unless terminal is true
 * @param user user and groups the process runs as
 * @param args argv; at least one entry on Linux, resolved like execvp's file
 * @param commandLine Windows-only full command line
 * @param env environment in KEY=value form
 * @param cwd working directory; an absolute path, REQUIRED
 * @param capabilities capability sets kept for the process
 * @param rlimits resource limits; one entry per type
 * @param noNewPrivileges set PR_SET_NO_NEW_PRIVS
 * @param apparmorProfile AppArmor profile name
 * @param oomScoreAdj value for /proc/self/oom_score_adj
 * @param scheduler sched_setattr(2) attributes
 * @param selinuxLabel SELinux process label
 * @param ioPriority ioprio_set(2) class and priority
 * @param execCPUAffinity CPU affinity for processes started by {@code exec}
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Process(
    Boolean terminal,
    Box consoleSize,
    User user,
    List<String> args,
    String commandLine,
    List<String> env,
    String cwd,
    LinuxCapabilities capabilities,
    List<PosixRlimit> rlimits,
    Boolean noNewPrivileges,
    String apparmorProfile,
    Integer oomScoreAdj,
    Scheduler scheduler,
    String selinuxLabel,
    LinuxIoPriority ioPriority,
    CpuAffinity execCPUAffinity,
    @Extensions Map<String, JsonNode> extensions) {

  public Process {
    args = Immutable.list(args);
    env = Immutable.list(env);
    rlimits = Immutable.list(rlimits);
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public Process(
      Boolean terminal,
      Box consoleSize,
      User user,
      List<String> args,
      String commandLine,
      List<String> env,
      String cwd,
      LinuxCapabilities capabilities,
      List<PosixRlimit> rlimits,
      Boolean noNewPrivileges,
      String apparmorProfile,
      Integer oomScoreAdj,
      Scheduler scheduler,
      String selinuxLabel,
      LinuxIoPriority ioPriority,
      CpuAffinity execCPUAffinity) {
    this(
        terminal,
        consoleSize,
        user,
        args,
        commandLine,
        env,
        cwd,
        capabilities,
        rlimits,
        noNewPrivileges,
        apparmorProfile,
        oomScoreAdj,
        scheduler,
        selinuxLabel,
        ioPriority,
        execCPUAffinity,
        Map.of());
  }

  /** Returns a copy with terminal replaced. */
  public Process withTerminal(Boolean terminal) {
    return new Process(
        terminal,
        consoleSize,
        user,
        args,
        commandLine,
        env,
        cwd,
        capabilities,
        rlimits,
        noNewPrivileges,
        apparmorProfile,
        oomScoreAdj,
        scheduler,
        selinuxLabel,
        ioPriority,
        execCPUAffinity,
        extensions);
  }

  /** Returns a copy with user replaced. */
  public Process withUser(User user) {
    return new Process(
        terminal,
        consoleSize,
        user,
        args,
        commandLine,
        env,
        cwd,
        capabilities,
        rlimits,
        noNewPrivileges,
        apparmorProfile,
        oomScoreAdj,
        scheduler,
        selinuxLabel,
        ioPriority,
        execCPUAffinity,
        extensions);
  }

  /** Returns a copy with args replaced. */
  public Process withArgs(List<String> args) {
    return new Process(
        terminal,
        consoleSize,
        user,
        args,
        commandLine,
        env,
        cwd,
        capabilities,
        rlimits,
        noNewPrivileges,
        apparmorProfile,
        oomScoreAdj,
        scheduler,
        selinuxLabel,
        ioPriority,
        execCPUAffinity,
        extensions);
  }

  /** Returns a copy with env replaced. */
  public Process withEnv(List<String> env) {
    return new Process(
        terminal,
        consoleSize,
        user,
        args,
        commandLine,
        env,
        cwd,
        capabilities,
        rlimits,
        noNewPrivileges,
        apparmorProfile,
        oomScoreAdj,
        scheduler,
        selinuxLabel,
        ioPriority,
        execCPUAffinity,
        extensions);
  }

  /** Returns a copy with cwd replaced. */
  public Process withCwd(String cwd) {
    return new Process(
        terminal,
        consoleSize,
        user,
        args,
        commandLine,
        env,
        cwd,
        capabilities,
        rlimits,
        noNewPrivileges,
        apparmorProfile,
        oomScoreAdj,
        scheduler,
        selinuxLabel,
        ioPriority,
        execCPUAffinity,
        extensions);
  }

  /** Returns a copy with capabilities replaced. */
  public Process withCapabilities(LinuxCapabilities capabilities) {
    return new Process(
        terminal,
        consoleSize,
        user,
        args,
        commandLine,
        env,
        cwd,
        capabilities,
        rlimits,
        noNewPrivileges,
        apparmorProfile,
        oomScoreAdj,
        scheduler,
        selinuxLabel,
        ioPriority,
        execCPUAffinity,
        extensions);
  }

  /** Returns a copy with noNewPrivileges replaced. */
  public Process withNoNewPrivileges(Boolean noNewPrivileges) {
    return new Process(
        terminal,
        consoleSize,
        user,
        args,
        commandLine,
        env,
        cwd,
        capabilities,
        rlimits,
        noNewPrivileges,
        apparmorProfile,
        oomScoreAdj,
        scheduler,
        selinuxLabel,
        ioPriority,
        execCPUAffinity,
        extensions);
  }
}
