package dev.bramble.oci.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import dev.bramble.oci.spec.PosixRlimit;
import org.junit.jupiter.api.Test;

class Uint64Test {

  @Test
  void bitPatternRoundTrips() throws Exception {
    PosixRlimit unlimited = new PosixRlimit("RLIMIT_CORE", -1L, Long.MIN_VALUE);
    String json = OciJson.mapper().writeValueAsString(unlimited);
    assertEquals(
        "{\"type\":\"RLIMIT_CORE\",\"hard\":18446744073709551615,\"soft\":9223372036854775808}",
        json);
    assertEquals(unlimited, OciJson.mapper().readValue(json, PosixRlimit.class));
  }

  @Test
  void bindingRejectsValuesOutsideUint64EvenWithoutTheTypeChecker() {
    assertThrows(
        InvalidFormatException.class,
        () -> OciJson.mapper().readValue("{\"hard\": -1}", PosixRlimit.class));
    assertThrows(
        InvalidFormatException.class,
        () -> OciJson.mapper().readValue("{\"hard\": 18446744073709551616}", PosixRlimit.class));
  }
}
