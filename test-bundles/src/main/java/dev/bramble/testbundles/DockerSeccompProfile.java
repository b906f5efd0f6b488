package dev.bramble.testbundles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Set;

/**
 * Docker's default seccomp profile (resource {@code seccomp/docker-default.json}, provenance in the README next to
 * it) turned into config.json's {@code linux.seccomp} as dockerd does it for one container: the native entry of
 * {@code archMap} with its sub-architectures, and only the rules whose {@code includes} (architectures, all listed
 * capabilities, minimum kernel) hold and whose {@code excludes} do not.
 */
public final class DockerSeccompProfile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerSeccompProfile() {}

  /** The profile as Docker ships it. */
  public static ObjectNode raw() {
    try (InputStream in = DockerSeccompProfile.class.getClassLoader()
        .getResourceAsStream("seccomp/docker-default.json")) {
      if (in == null) {
        throw new IllegalStateException("seccomp/docker-default.json is missing from the test-bundles jar");
      }
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param goArch Docker's architecture name: {@code amd64} or {@code arm64}
   * @param capabilities the container's bounding set ({@code CAP_...} names)
   * @param kernelMajor the host kernel's major version, and {@code kernelMinor} its minor one
   */
  public static ObjectNode forContainer(String goArch, Collection<String> capabilities, int kernelMajor,
      int kernelMinor) {
    ObjectNode docker = raw();
    ObjectNode out = JSON.createObjectNode();
    out.set("defaultAction", docker.get("defaultAction"));
    if (docker.has("defaultErrnoRet")) {
      out.set("defaultErrnoRet", docker.get("defaultErrnoRet"));
    }
    String nativeArch = goArch.equals("arm64") ? "SCMP_ARCH_AARCH64" : "SCMP_ARCH_X86_64";
    ArrayNode arches = out.putArray("architectures");
    for (JsonNode m : docker.get("archMap")) {
      if (m.get("architecture").asText().equals(nativeArch)) {
        arches.add(nativeArch);
        m.path("subArchitectures").forEach(arches::add);
      }
    }
    ArrayNode syscalls = out.putArray("syscalls");
    for (JsonNode rule : docker.get("syscalls")) {
      if (!applies(rule.path("includes"), rule.path("excludes"), goArch, Set.copyOf(capabilities), kernelMajor,
          kernelMinor)) {
        continue;
      }
      ObjectNode r = syscalls.addObject();
      r.set("names", rule.get("names"));
      r.set("action", rule.get("action"));
      if (rule.has("errnoRet")) {
        r.set("errnoRet", rule.get("errnoRet"));
      }
      if (rule.has("args") && !rule.get("args").isNull()) {
        ArrayNode args = r.putArray("args");
        for (JsonNode a : rule.get("args")) {
          ObjectNode arg = args.addObject();
          arg.put("index", a.get("index").asLong());
          arg.put("value", a.path("value").asLong());
          arg.put("valueTwo", a.path("valueTwo").asLong());
          arg.set("op", a.get("op"));
        }
      }
    }
    return out;
  }

  private static boolean applies(JsonNode includes, JsonNode excludes, String arch, Set<String> caps, int major,
      int minor) {
    if (includes.path("arches").size() > 0 && !contains(includes.get("arches"), arch)) {
      return false;
    }
    for (JsonNode cap : includes.path("caps")) {
      if (!caps.contains(cap.asText())) {
        return false;
      }
    }
    if (includes.has("minKernel")) {
      String[] v = includes.get("minKernel").asText().split("\\.");
      int wantMajor = Integer.parseInt(v[0]);
      int wantMinor = v.length > 1 ? Integer.parseInt(v[1]) : 0;
      if (major < wantMajor || major == wantMajor && minor < wantMinor) {
        return false;
      }
    }
    if (contains(excludes.path("arches"), arch)) {
      return false;
    }
    for (JsonNode cap : excludes.path("caps")) {
      if (caps.contains(cap.asText())) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode n : array) {
      if (n.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
