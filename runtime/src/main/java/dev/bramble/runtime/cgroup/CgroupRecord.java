package dev.bramble.runtime.cgroup;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bramble.oci.spec.LinuxResources;
import java.util.List;
import java.util.Optional;

/**
 * Everything bramble made for one container's cgroups: one directory per hierarchy, and the resources in force
 * (config.json's, as changed by {@code update}), kept in state.json.
 *
 * @param dirs the container's directory in every hierarchy, in creation order
 * @param resources the linux.resources in force; null when none were set
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CgroupRecord(List<CgroupDir> dirs, LinuxResources resources) {
  public CgroupRecord {
    dirs = dirs == null ? List.of() : List.copyOf(dirs);
  }

  /** The directory that governs {@code controller}: its v1 hierarchy's if one has it, else cgroup v2's. */
  public Optional<CgroupDir> holding(String controller) {
    Optional<CgroupDir> v1 = dirs.stream().filter(d -> !d.unified() && d.has(controller)).findFirst();
    return v1.isPresent() ? v1 : unified().filter(d -> d.has(controller));
  }

  @JsonIgnore
  public Optional<CgroupDir> unified() {
    return dirs.stream().filter(CgroupDir::unified).findFirst();
  }

  /** The container's cgroup path in cgroup v2, or else in the first hierarchy: how to name it in messages. */
  @JsonIgnore
  public String displayPath() {
    return unified().or(() -> dirs.stream().findFirst()).map(CgroupDir::cgroup).orElse("(none)");
  }

  public CgroupRecord withResources(LinuxResources newResources) {
    return new CgroupRecord(dirs, newResources);
  }
}
