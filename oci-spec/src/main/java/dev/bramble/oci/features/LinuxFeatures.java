package dev.bramble.oci.features;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.List;
import java.util.Map;

/**
 * Linux part of the features document (features-linux.md).
 *
 * @param namespaces recognized namespace types
 * @param capabilities recognized capabilities
 * @param cgroup cgroup support
 * @param seccomp seccomp support
 * @param apparmor AppArmor support
 * @param selinux SELinux support
 * @param intelRdt Intel RDT support
 * @param mountExtensions mount extensions support
 * @param netDevices network device support
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxFeatures(
    List<String> namespaces,
    List<String> capabilities,
    CgroupFeatures cgroup,
    SeccompFeatures seccomp,
    EnabledFeature apparmor,
    EnabledFeature selinux,
    EnabledFeature intelRdt,
    MountExtensionsFeatures mountExtensions,
    EnabledFeature netDevices,
    @Extensions Map<String, JsonNode> extensions) {

  public LinuxFeatures {
    namespaces = Immutable.list(namespaces);
    capabilities = Immutable.list(capabilities);
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxFeatures(
      List<String> namespaces,
      List<String> capabilities,
      CgroupFeatures cgroup,
      SeccompFeatures seccomp,
      EnabledFeature apparmor,
      EnabledFeature selinux,
      EnabledFeature intelRdt,
      MountExtensionsFeatures mountExtensions,
      EnabledFeature netDevices) {
    this(
        namespaces,
        capabilities,
        cgroup,
        seccomp,
        apparmor,
        selinux,
        intelRdt,
        mountExtensions,
        netDevices,
        Map.of());
  }

  /** Returns a copy with namespaces replaced. */
  public LinuxFeatures withNamespaces(List<String> namespaces) {
    return new LinuxFeatures(
        namespaces,
        capabilities,
        cgroup,
        seccomp,
        apparmor,
        selinux,
        intelRdt,
        mountExtensions,
        netDevices,
        extensions);
  }

  /** Returns a copy with capabilities replaced. */
  public LinuxFeatures withCapabilities(List<String> capabilities) {
    return new LinuxFeatures(
        namespaces,
        capabilities,
        cgroup,
        seccomp,
        apparmor,
        selinux,
        intelRdt,
        mountExtensions,
        netDevices,
        extensions);
  }

  /** Returns a copy with cgroup replaced. */
  public LinuxFeatures withCgroup(CgroupFeatures cgroup) {
    return new LinuxFeatures(
        namespaces,
        capabilities,
        cgroup,
        seccomp,
        apparmor,
        selinux,
        intelRdt,
        mountExtensions,
        netDevices,
        extensions);
  }
}
