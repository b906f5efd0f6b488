package dev.bramble.oci.features;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.Map;

/**
 * cgroup support compiled into the runtime (features-linux.md "Cgroup").
 *
 * @param v1 cgroup v1 support
 * @param v2 cgroup v2 support
 * @param systemd systemd cgroup driver
 * @param systemdUser user-scoped systemd cgroup driver
 * @param rdma rdma controller
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CgroupFeatures(
    Boolean v1,
    Boolean v2,
    Boolean systemd,
    Boolean systemdUser,
    Boolean rdma,
    @Extensions Map<String, JsonNode> extensions) {

  public CgroupFeatures {
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public CgroupFeatures(
      Boolean v1, Boolean v2, Boolean systemd, Boolean systemdUser, Boolean rdma) {
    this(v1, v2, systemd, systemdUser, rdma, Map.of());
  }

  /** Returns a copy with rdma replaced. */
  public CgroupFeatures withRdma(Boolean rdma) {
    return new CgroupFeatures(v1, v2, systemd, systemdUser, rdma, extensions);
  }
}
