package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Linux-specific configuration (config-linux.md).
 *
 * @param uidMappings uid mappings of the user namespace
 * @param gidMappings gid mappings of the user namespace
 * @param sysctl kernel parameters to set in the container
 * @param resources cgroup limits
 * @param cgroupsPath cgroup path (or systemd slice:prefix:name)
 * @param namespaces namespaces to create or join
 * @param devices device nodes to create in the container
 * @param seccomp seccomp filter
 * @param rootfsPropagation propagation of the rootfs mount
 * @param maskedPaths absolute paths to mask (made unreadable)
 * @param readonlyPaths absolute paths to make read-only
 * @param mountLabel SELinux label for mounts
 * @param intelRdt Intel RDT (resctrl) settings
 * @param personality personality(2) domain
 * @param timeOffsets offsets for the time namespace, keyed by clock (boottime, monotonic)
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Linux(
    List<LinuxIdMapping> uidMappings,
    List<LinuxIdMapping> gidMappings,
    Map<String, String> sysctl,
    LinuxResources resources,
    String cgroupsPath,
    List<LinuxNamespace> namespaces,
    List<LinuxDevice> devices,
    LinuxSeccomp seccomp,
    String rootfsPropagation,
    List<String> maskedPaths,
    List<String> readonlyPaths,
    String mountLabel,
    LinuxIntelRdt intelRdt,
    LinuxPersonality personality,
    Map<String, LinuxTimeOffset> timeOffsets,
    @Extensions Map<String, JsonNode> extensions) {

  public Linux {
    uidMappings = Immutable.list(uidMappings);
    gidMappings = Immutable.list(gidMappings);
    sysctl = Immutable.map(sysctl);
    namespaces = Immutable.list(namespaces);
    devices = Immutable.list(devices);
    maskedPaths = Immutable.list(maskedPaths);
    readonlyPaths = Immutable.list(readonlyPaths);
    timeOffsets = Immutable.map(timeOffsets);
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public Linux(
      List<LinuxIdMapping> uidMappings,
      List<LinuxIdMapping> gidMappings,
      Map<String, String> sysctl,
      LinuxResources resources,
      String cgroupsPath,
      List<LinuxNamespace> namespaces,
      List<LinuxDevice> devices,
      LinuxSeccomp seccomp,
      String rootfsPropagation,
      List<String> maskedPaths,
      List<String> readonlyPaths,
      String mountLabel,
      LinuxIntelRdt intelRdt,
      LinuxPersonality personality,
      Map<String, LinuxTimeOffset> timeOffsets) {
    this(
        uidMappings,
        gidMappings,
        sysctl,
        resources,
        cgroupsPath,
        namespaces,
        devices,
        seccomp,
        rootfsPropagation,
        maskedPaths,
        readonlyPaths,
        mountLabel,
        intelRdt,
        personality,
        timeOffsets,
        Map.of());
  }

  /** Returns a copy with uidMappings replaced. */
  public Linux withUidMappings(List<LinuxIdMapping> uidMappings) {
    return new Linux(
        uidMappings,
        gidMappings,
        sysctl,
        resources,
        cgroupsPath,
        namespaces,
        devices,
        seccomp,
        rootfsPropagation,
        maskedPaths,
        readonlyPaths,
        mountLabel,
        intelRdt,
        personality,
        timeOffsets,
        extensions);
  }

  /** Returns a copy with gidMappings replaced. */
  public Linux withGidMappings(List<LinuxIdMapping> gidMappings) {
    return new Linux(
        uidMappings,
        gidMappings,
        sysctl,
        resources,
        cgroupsPath,
        namespaces,
        devices,
        seccomp,
        rootfsPropagation,
        maskedPaths,
        readonlyPaths,
        mountLabel,
        intelRdt,
        personality,
        timeOffsets,
        extensions);
  }

  /** Returns a copy with resources replaced. */
  public Linux withResources(LinuxResources resources) {
    return new Linux(
        uidMappings,
        gidMappings,
        sysctl,
        resources,
        cgroupsPath,
        namespaces,
        devices,
        seccomp,
        rootfsPropagation,
        maskedPaths,
        readonlyPaths,
        mountLabel,
        intelRdt,
        personality,
        timeOffsets,
        extensions);
  }

  /** Returns a copy with namespaces replaced. */
  public Linux withNamespaces(List<LinuxNamespace> namespaces) {
    return new Linux(
        uidMappings,
        gidMappings,
        sysctl,
        resources,
        cgroupsPath,
        namespaces,
        devices,
        seccomp,
        rootfsPropagation,
        maskedPaths,
        readonlyPaths,
        mountLabel,
        intelRdt,
        personality,
        timeOffsets,
        extensions);
  }

  /** Returns a copy with maskedPaths replaced. */
  public Linux withMaskedPaths(List<String> maskedPaths) {
    return new Linux(
        uidMappings,
        gidMappings,
        sysctl,
        resources,
        cgroupsPath,
        namespaces,
        devices,
        seccomp,
        rootfsPropagation,
        maskedPaths,
        readonlyPaths,
        mountLabel,
        intelRdt,
        personality,
        timeOffsets,
        extensions);
  }

  /** Returns a copy with readonlyPaths replaced. */
  public Linux withReadonlyPaths(List<String> readonlyPaths) {
    return new Linux(
        uidMappings,
        gidMappings,
        sysctl,
        resources,
        cgroupsPath,
        namespaces,
        devices,
        seccomp,
        rootfsPropagation,
        maskedPaths,
        readonlyPaths,
        mountLabel,
        intelRdt,
        personality,
        timeOffsets,
        extensions);
  }

  /** The entry of {@code type} in namespaces (created, or joined when it has a path), if any. */
  public Optional<LinuxNamespace> namespace(String type) {
    if (namespaces == null) {
      return Optional.empty();
    }
    return namespaces.stream().filter(ns -> ns != null && type.equals(ns.type())).findFirst();
  }
}
