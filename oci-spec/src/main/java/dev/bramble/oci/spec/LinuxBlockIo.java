package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import dev.bramble.oci.json.Uint16;
import java.util.List;
import java.util.Map;

/**
 * Block I/O controller (config-linux.md "Block IO").
 *
 * @param weight default weight, 10 to 1000
 * @param leafWeight weight against child cgroups (CFQ only)
 * @param weightDevice per-device weights
 * @param throttleReadBpsDevice per-device read limits in bytes per second
 * @param throttleWriteBpsDevice per-device write limits in bytes per second
 * @param throttleReadIOPSDevice per-device read limits in IO per second
 * @param throttleWriteIOPSDevice per-device write limits in IO per second
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxBlockIo(
    @Uint16 Integer weight,
    @Uint16 Integer leafWeight,
    List<LinuxWeightDevice> weightDevice,
    List<LinuxThrottleDevice> throttleReadBpsDevice,
    List<LinuxThrottleDevice> throttleWriteBpsDevice,
    List<LinuxThrottleDevice> throttleReadIOPSDevice,
    List<LinuxThrottleDevice> throttleWriteIOPSDevice,
    @Extensions Map<String, JsonNode> extensions) {

  public LinuxBlockIo {
    weightDevice = Immutable.list(weightDevice);
    throttleReadBpsDevice = Immutable.list(throttleReadBpsDevice);
    throttleWriteBpsDevice = Immutable.list(throttleWriteBpsDevice);
    throttleReadIOPSDevice = Immutable.list(throttleReadIOPSDevice);
    throttleWriteIOPSDevice = Immutable.list(throttleWriteIOPSDevice);
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxBlockIo(
      Integer weight,
      Integer leafWeight,
      List<LinuxWeightDevice> weightDevice,
      List<LinuxThrottleDevice> throttleReadBpsDevice,
      List<LinuxThrottleDevice> throttleWriteBpsDevice,
      List<LinuxThrottleDevice> throttleReadIOPSDevice,
      List<LinuxThrottleDevice> throttleWriteIOPSDevice) {
    this(
        weight,
        leafWeight,
        weightDevice,
        throttleReadBpsDevice,
        throttleWriteBpsDevice,
        throttleReadIOPSDevice,
        throttleWriteIOPSDevice,
        Map.of());
  }
}
