package dev.bramble.oci.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.oci.spec.KnownValues;
import org.junit.jupiter.api.Test;

class SuggestionsAndPathTest {

  @Test
  void suggestsCaseFixesMissingPrefixesAndTypos() {
    assertEquals("CAP_KILL", Suggestions.closest("cap_kill", KnownValues.CAPABILITIES));
    assertEquals("CAP_KILL", Suggestions.closest("KILL", KnownValues.CAPABILITIES));
    assertEquals("RLIMIT_NOFILE", Suggestions.closest("NOFILE", KnownValues.RLIMITS));
    assertEquals("network", Suggestions.closest("net", KnownValues.NAMESPACE_TYPES));
    assertEquals("network", Suggestions.closest("netwrok", KnownValues.NAMESPACE_TYPES));
    assertNull(Suggestions.closest("banana", KnownValues.NAMESPACE_TYPES));
    assertNull(Suggestions.closest("x", KnownValues.DEVICE_TYPES));
  }

  @Test
  void pathsUseDotsIndicesAndQuotedKeys() {
    assertEquals("linux", JsonPath.field("", "linux"));
    assertEquals(
        "linux.namespaces[2].type",
        JsonPath.field(JsonPath.index(JsonPath.field("linux", "namespaces"), 2), "type"));
    assertEquals(
        "linux.sysctl[\"net.ipv4.ip_forward\"]",
        JsonPath.key("linux.sysctl", "net.ipv4.ip_forward"));
    assertEquals("[\"odd key\"]", JsonPath.field("", "odd key"));
    assertEquals("\"a\\\"b\\n\"", JsonPath.quote("a\"b\n"));
    assertTrue(JsonPath.isWithin("mounts[1].destination", "mounts[1]"));
    assertTrue(JsonPath.isWithin("mounts[1]", "mounts[1]"));
    assertFalse(JsonPath.isWithin("mounts[10]", "mounts[1]"));
    assertFalse(JsonPath.isWithin("processX", "process"));
  }

  @Test
  void knownVocabulariesHaveTheKernelSizes() {
    assertEquals(41, KnownValues.CAPABILITIES.size());
    assertEquals(40, KnownValues.CAPABILITIES.indexOf("CAP_CHECKPOINT_RESTORE"));
    assertEquals(21, KnownValues.CAPABILITIES.indexOf("CAP_SYS_ADMIN"));
    assertEquals(16, KnownValues.RLIMITS.size());
    assertEquals(7, KnownValues.RLIMITS.indexOf("RLIMIT_NOFILE"));
  }
}
