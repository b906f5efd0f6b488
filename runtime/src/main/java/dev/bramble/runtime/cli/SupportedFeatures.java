package dev.bramble.runtime.cli;

import dev.bramble.oci.features.CgroupFeatures;
import dev.bramble.oci.features.EnabledFeature;
import dev.bramble.oci.features.Features;
import dev.bramble.oci.features.LinuxFeatures;
import dev.bramble.oci.features.MountExtensionsFeatures;
import dev.bramble.oci.features.SeccompFeatures;
import dev.bramble.oci.spec.KnownValues;
import dev.bramble.oci.spec.SpecVersion;
import dev.bramble.runtime.seccomp.SeccompVocabulary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What bramble supports today, in one place: {@code bramble features} prints it, and code that accepts or refuses a
 * config should consult the same lists. Update this class in the change that implements (or drops) a feature, so
 * the features document never claims more than the runtime does.
 */
public final class SupportedFeatures {
  /** Oldest runtime-spec version bramble reads. */
  public static final String OCI_VERSION_MIN = SpecVersion.MIN_SUPPORTED;
  /** Newest runtime-spec version bramble's model knows (and writes). */
  public static final String OCI_VERSION_MAX = SpecVersion.CURRENT;

  /** All six lifecycle hooks of runtime-spec 1.2 (prestart is deprecated but still run, as runc does). */
  public static final List<String> HOOKS = KnownValues.HOOK_NAMES;

  /**
   * The mount(2) options bramble turns into MS_* flags or propagation changes. Other options are passed to the
   * filesystem as data (e.g. {@code mode=755}). The mount_setattr(2) family ({@code rro}, {@code rnosuid}, ...),
   * {@code idmap} and {@code tmpcopyup} are not supported yet.
   */
  public static final List<String> MOUNT_OPTIONS = List.of(
      "async", "atime", "bind", "defaults", "dev", "diratime", "dirsync", "exec", "iversion", "lazytime", "loud",
      "mand", "noatime", "nodev", "nodiratime", "noexec", "noiversion", "nolazytime", "nomand", "norelatime",
      "nostrictatime", "nosuid", "nosymfollow", "rbind", "relatime", "remount", "ro", "rw", "silent", "strictatime",
      "suid", "symfollow", "sync",
      // propagation
      "private", "rprivate", "shared", "rshared", "slave", "rslave", "unbindable", "runbindable");

  /** Namespace types bramble creates (or joins by path): all of them. */
  public static final List<String> NAMESPACES = KnownValues.NAMESPACE_TYPES;

  /** Capability names bramble can keep or drop: every capability Linux has (CAP_CHOWN … CAP_CHECKPOINT_RESTORE). */
  public static final List<String> CAPABILITIES = KnownValues.CAPABILITIES;

  /**
   * The bundle's {@code linux.seccomp} profile is compiled with libseccomp and stacked on the sentry's own filter.
   * Actions, operators, architectures and flags are what {@link SeccompVocabulary} accepts; every flag is supported
   * by every kernel bramble runs on (LOG needs 4.14, SPEC_ALLOW 4.17; the kernel gate asks for 5.9).
   */
  public static final boolean SECCOMP = true;
  /** cgroup v1 and v2 (and hybrid hosts, per controller) through the cgroupfs driver (runtime/.../cgroup). */
  public static final boolean CGROUP_V1 = true;
  public static final boolean CGROUP_V2 = true;
  /** --systemd-cgroup is refused: placing containers through systemd needs its D-Bus API, not implemented. */
  public static final boolean CGROUP_SYSTEMD = false;
  public static final boolean CGROUP_SYSTEMD_USER = false;
  /** linux.resources.rdma is written to rdma.max (v1 and v2) where the kernel has the rdma controller. */
  public static final boolean CGROUP_RDMA = true;
  public static final boolean APPARMOR = false;
  public static final boolean SELINUX = false;
  public static final boolean INTEL_RDT = false;
  public static final boolean IDMAP_MOUNTS = false;
  public static final boolean NET_DEVICES = false;
  public static final boolean CHECKPOINT = false;

  /** Annotation keys of the features document, named like runc's {@code org.opencontainers.runc.*}. */
  public static final String ANNOTATION_VERSION = "dev.bramble.version";
  public static final String ANNOTATION_CHECKPOINT_ENABLED = "dev.bramble.checkpoint.enabled";
  public static final String ANNOTATION_SANDBOX = "dev.bramble.sandbox";

  private SupportedFeatures() {}

  /** The OCI features document (features.md) for this build of bramble. */
  public static Features features(String brambleVersion) {
    LinuxFeatures linux = new LinuxFeatures(
        NAMESPACES,
        CAPABILITIES,
        new CgroupFeatures(CGROUP_V1, CGROUP_V2, CGROUP_SYSTEMD, CGROUP_SYSTEMD_USER, CGROUP_RDMA),
        new SeccompFeatures(SECCOMP, SeccompVocabulary.ACTIONS, List.copyOf(SeccompVocabulary.OPERATORS.keySet()),
            List.copyOf(SeccompVocabulary.ARCHITECTURES.keySet()), List.copyOf(SeccompVocabulary.FLAGS.keySet()),
            List.copyOf(SeccompVocabulary.FLAGS.keySet())),
        new EnabledFeature(APPARMOR),
        new EnabledFeature(SELINUX),
        new EnabledFeature(INTEL_RDT),
        new MountExtensionsFeatures(new EnabledFeature(IDMAP_MOUNTS)),
        new EnabledFeature(NET_DEVICES));
    Map<String, String> annotations = new LinkedHashMap<>(); // a stable order keeps the output diffable
    annotations.put(ANNOTATION_VERSION, brambleVersion);
    annotations.put(ANNOTATION_CHECKPOINT_ENABLED, Boolean.toString(CHECKPOINT));
    annotations.put(ANNOTATION_SANDBOX, "ptrace");
    return new Features(OCI_VERSION_MIN, OCI_VERSION_MAX, HOOKS, MOUNT_OPTIONS, linux, annotations, null);
  }
}
