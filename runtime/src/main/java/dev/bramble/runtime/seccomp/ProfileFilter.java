package dev.bramble.runtime.seccomp;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.linux.SeccompFilterSpec;
import dev.bramble.runtime.linux.SeccompFilterSpec.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a config.json profile into the filter runc would load on this host, rule for rule:
 *
 * <ul>
 *   <li>a rule whose action equals the default is dropped (libseccomp refuses it; it changes nothing);
 *   <li>a rule testing one argument twice becomes one rule per test (runc's fallback, since libseccomp allows one
 *       test per argument and rule);
 *   <li>syscalls numbered above every syscall the profile names get ENOSYS unless the default is permissive (runc's
 *       "-ENOSYS stub"), so programs fall back from syscalls newer than the profile;
 *   <li>only this CPU's architectures are added: the sandbox filter kills every other ABI anyway.
 * </ul>
 */
public final class ProfileFilter {
  /** The ABIs one CPU runs, by libseccomp name: a profile's other architectures cannot apply here. */
  private static final Map<Arch, Set<String>> FAMILY = Map.of(
      Arch.X86_64, Set.of("x86_64", "x86", "x32"),
      Arch.AARCH64, Set.of("aarch64", "arm"));

  private ProfileFilter() {}

  /**
   * @param unknownToLibseccomp names the installed libseccomp cannot resolve (from a first compile of the rules):
   *     runc ignores them, so they count neither as rules nor towards the ENOSYS threshold
   */
  public static SeccompFilterSpec spec(SeccompProfile profile, Arch arch, Set<String> unknownToLibseccomp) {
    Set<String> arches = new LinkedHashSet<>();
    arches.add(arch.unameName()); // runc's filter always holds the native architecture
    for (String oci : profile.architectures()) {
      String name = SeccompVocabulary.ARCHITECTURES.get(oci);
      if (FAMILY.get(arch).contains(name)) {
        arches.add(name);
      }
    }
    List<Rule> rules = new ArrayList<>();
    for (SeccompProfile.Rule r : profile.rules()) {
      if (r.action() == profile.defaultAction()) {
        continue;
      }
      if (testsAnArgumentTwice(r.args())) {
        for (SeccompFilterSpec.Compare c : r.args()) {
          rules.add(new Rule(r.syscall(), r.action(), List.of(c)));
        }
      } else {
        rules.add(new Rule(r.syscall(), r.action(), r.args()));
      }
    }
    rules.addAll(enosysForNewer(profile, arch, unknownToLibseccomp));
    return new SeccompFilterSpec(profile.defaultAction(), SeccompFilterSpec.KILL_PROCESS, List.copyOf(arches), rules);
  }

  private static boolean testsAnArgumentTwice(List<SeccompFilterSpec.Compare> args) {
    Set<Integer> seen = new HashSet<>();
    for (SeccompFilterSpec.Compare c : args) {
      if (!seen.add(c.index())) {
        return true;
      }
    }
    return false;
  }

  /** runc's stub, as rules: every syscall of this architecture above the profile's highest gets ENOSYS. */
  private static List<Rule> enosysForNewer(SeccompProfile profile, Arch arch, Set<String> unknown) {
    String ociName = arch.seccompName();
    if (!profile.enosysForNewSyscalls() || !profile.architectures().contains(ociName)) {
      return List.of(); // runc adds its stub only for the architectures a profile lists
    }
    int highest = -1;
    for (SeccompProfile.Rule r : profile.rules()) {
      if (!unknown.contains(r.syscall())) {
        highest = Math.max(highest, arch.syscalls().number(r.syscall()).orElse(-1));
      }
    }
    if (highest < 0) {
      return List.of();
    }
    int enosys = SeccompFilterSpec.errno(Errno.ENOSYS);
    List<Rule> out = new ArrayList<>();
    for (String name : arch.syscalls().names()) {
      if (arch.syscalls().require(name) > highest && enosys != profile.defaultAction()) {
        out.add(new Rule(name, enosys, List.of()));
      }
    }
    return out;
  }
}
