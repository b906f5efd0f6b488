package dev.bramble.runtime.cgroup;

import dev.bramble.oci.spec.Linux;
import dev.bramble.oci.spec.LinuxResources;
import dev.bramble.oci.spec.Spec;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a container's cgroups are made from: config.json's linux.cgroupsPath, linux.resources and the device rules,
 * plus the runtime's choices.
 *
 * @param id the container id (the default path is /bramble/ID)
 * @param cgroupsPath linux.cgroupsPath, or null
 * @param systemdDriver {@code --systemd-cgroup} was given
 * @param resources linux.resources, or null
 * @param deviceRules the effective device rules ({@link DeviceRules#effective})
 * @param tolerated unsupported settings the operator accepted by downgrading their gate
 */
public record CgroupSettings(String id, String cgroupsPath, boolean systemdDriver, LinuxResources resources,
    List<DeviceRule> deviceRules, Predicate<Unsupported> tolerated) {

  public CgroupSettings {
    deviceRules = List.copyOf(deviceRules);
  }

  /**
   * @throws IllegalArgumentException naming the JSON path of an invalid device rule
   */
  public static CgroupSettings from(Spec spec, String id, boolean systemdDriver, Predicate<Unsupported> tolerated) {
    Linux linux = spec.linux();
    LinuxResources resources = linux == null ? null : linux.resources();
    List<DeviceRule> rules = DeviceRules.effective(resources == null ? List.of() : Absent.list(resources.devices()),
        linux == null ? List.of() : Absent.list(linux.devices()));
    return new CgroupSettings(id, linux == null ? null : linux.cgroupsPath(), systemdDriver, resources, rules,
        tolerated);
  }
}
