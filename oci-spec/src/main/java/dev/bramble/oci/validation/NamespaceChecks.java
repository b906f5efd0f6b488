package dev.bramble.oci.validation;

import static dev.bramble.oci.validation.JsonPath.field;
import static dev.bramble.oci.validation.JsonPath.index;
import static dev.bramble.oci.validation.JsonPath.key;

import dev.bramble.oci.spec.KnownValues;
import dev.bramble.oci.spec.Linux;
import dev.bramble.oci.spec.LinuxIdMapping;
import dev.bramble.oci.spec.LinuxNamespace;
import dev.bramble.oci.spec.LinuxTimeOffset;
import dev.bramble.oci.spec.Spec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks on {@code linux.namespaces} and on the settings that only make sense inside a private
 * namespace (runc's libcontainer/configs/validate rules): id mappings, hostname, time offsets,
 * sysctls, masked and read-only paths.
 */
final class NamespaceChecks {
  private static final Set<String> IPC_SYSCTLS =
      Set.of(
          "kernel.msgmax",
          "kernel.msgmnb",
          "kernel.msgmni",
          "kernel.sem",
          "kernel.shmall",
          "kernel.shmmax",
          "kernel.shmmni",
          "kernel.shm_rmid_forced");

  private NamespaceChecks() {}

  /** True when linux.namespaces has an entry of {@code type} (created or joined). */
  static boolean has(Spec spec, String type) {
    return find(spec.linux(), type) != null;
  }

  static LinuxNamespace find(Linux linux, String type) {
    if (linux == null || linux.namespaces() == null) {
      return null;
    }
    for (LinuxNamespace namespace : linux.namespaces()) {
      if (namespace != null && type.equals(namespace.type())) {
        return namespace;
      }
    }
    return null;
  }

  static void check(Spec spec, Problems problems) {
    Linux linux = spec.linux();
    checkNamespaceList(linux, problems);
    checkUts(spec, problems);
    if (linux == null) {
      return;
    }
    checkUserNamespace(linux, problems);
    checkTimeNamespace(linux, problems);
    checkSysctl(spec, problems);
    checkRestrictedPaths(spec, "linux.maskedPaths", linux.maskedPaths(), problems);
    checkRestrictedPaths(spec, "linux.readonlyPaths", linux.readonlyPaths(), problems);
  }

  private static void checkNamespaceList(Linux linux, Problems problems) {
    if (linux == null || linux.namespaces() == null) {
      return;
    }
    Map<String, String> seen = new HashMap<>();
    List<LinuxNamespace> namespaces = linux.namespaces();
    for (int i = 0; i < namespaces.size(); i++) {
      LinuxNamespace namespace = namespaces.get(i);
      if (namespace == null) {
        continue;
      }
      String path = index("linux.namespaces", i);
      String type = namespace.type();
      if (type == null) {
        problems.missing(
            field(path, "type"), "one of " + String.join(", ", KnownValues.NAMESPACE_TYPES));
      } else if (!KnownValues.NAMESPACE_TYPES.contains(type)) {
        problems.notOneOf(field(path, "type"), "namespace type", type, KnownValues.NAMESPACE_TYPES);
      } else if (seen.containsKey(type)) {
        problems.duplicate(field(path, "type"), "namespace", type, seen.get(type));
      } else {
        seen.put(type, field(path, "type"));
      }
      String nsPath = namespace.path();
      if (nsPath != null && !nsPath.isEmpty() && !nsPath.startsWith("/")) {
        problems.notAbsolute(field(path, "path"), "namespace path", nsPath);
      }
    }
  }

  private static void checkUts(Spec spec, Problems problems) {
    boolean uts = has(spec, "uts");
    if (notEmpty(spec.hostname()) && !uts) {
      problems.contradiction(
          "hostname",
          "unable to set hostname without a private UTS namespace",
          "add {\"type\": \"uts\"} to linux.namespaces or remove hostname");
    }
    if (notEmpty(spec.domainname()) && !uts) {
      problems.contradiction(
          "domainname",
          "unable to set domainname without a private UTS namespace",
          "add {\"type\": \"uts\"} to linux.namespaces or remove domainname");
    }
  }

  private static void checkUserNamespace(Linux linux, Problems problems) {
    LinuxNamespace user = find(linux, "user");
    boolean hasMappings = linux.uidMappings() != null || linux.gidMappings() != null;
    if (user == null) {
      for (String name : List.of("uidMappings", "gidMappings")) {
        List<LinuxIdMapping> mappings =
            name.equals("uidMappings") ? linux.uidMappings() : linux.gidMappings();
        if (mappings != null) {
          problems.contradiction(
              "linux." + name,
              "user namespace mappings specified, but user namespace isn't enabled in the config",
              "add {\"type\": \"user\"} to linux.namespaces or remove linux." + name);
        }
      }
    } else if (!notEmpty(user.path()) && !hasMappings) {
      problems.contradiction(
          index("linux.namespaces", linux.namespaces().indexOf(user)),
          "user namespace enabled, but no namespace path to join nor mappings to apply specified",
          "add linux.uidMappings and linux.gidMappings, or a path to join");
    }
    checkMappings("linux.uidMappings", linux.uidMappings(), problems);
    checkMappings("linux.gidMappings", linux.gidMappings(), problems);
  }

  private static void checkMappings(
      String listPath, List<LinuxIdMapping> mappings, Problems problems) {
    if (mappings == null) {
      return;
    }
    for (int i = 0; i < mappings.size(); i++) {
      LinuxIdMapping mapping = mappings.get(i);
      if (mapping == null) {
        continue;
      }
      String path = index(listPath, i);
      if (mapping.containerID() == null) {
        problems.missing(field(path, "containerID"), "the first id inside the container (uint32)");
      }
      if (mapping.hostID() == null) {
        problems.missing(field(path, "hostID"), "the first id on the host (uint32)");
      }
      if (mapping.size() == null) {
        problems.missing(field(path, "size"), "the number of ids to map (uint32, at least 1)");
      } else if (mapping.size() == 0) {
        problems.outOfRange(field(path, "size"), "0", "at least 1 id");
      }
    }
  }

  private static void checkTimeNamespace(Linux linux, Problems problems) {
    Map<String, LinuxTimeOffset> offsets = linux.timeOffsets();
    LinuxNamespace time = find(linux, "time");
    if (offsets != null && time == null) {
      problems.contradiction(
          "linux.timeOffsets",
          "time namespace offsets specified, but time namespace isn't enabled in the config",
          "add {\"type\": \"time\"} to linux.namespaces or remove linux.timeOffsets");
    }
    if (offsets != null && time != null && notEmpty(time.path())) {
      problems.contradiction(
          "linux.timeOffsets",
          "time namespace enabled, but both namespace path and time offsets specified",
          "give either the namespace path to join or linux.timeOffsets, not both");
    }
    if (offsets != null) {
      for (String clock : offsets.keySet()) {
        if (!KnownValues.TIME_OFFSET_CLOCKS.contains(clock)) {
          problems.notOneOf(
              key("linux.timeOffsets", clock), "clock", clock, KnownValues.TIME_OFFSET_CLOCKS);
        }
      }
    }
  }

  /** Which sysctls a container may set depends on its namespaces (runc validate.sysctl). */
  private static void checkSysctl(Spec spec, Problems problems) {
    Map<String, String> sysctl = spec.linux().sysctl();
    if (sysctl == null) {
      return;
    }
    for (String raw : sysctl.keySet()) {
      String name = toDotted(raw);
      String path = key("linux.sysctl", raw);
      if (IPC_SYSCTLS.contains(name) || name.startsWith("fs.mqueue.")) {
        if (!has(spec, "ipc")) {
          problems.contradiction(
              path,
              "sysctl " + JsonPath.quote(name) + " is not allowed in the host's IPC namespace",
              "add {\"type\": \"ipc\"} to linux.namespaces or remove the sysctl");
        }
      } else if (name.startsWith("net.")) {
        if (!has(spec, "network")) {
          problems.contradiction(
              path,
              "sysctl " + JsonPath.quote(name) + " is not allowed in the host network namespace",
              "add {\"type\": \"network\"} to linux.namespaces or remove the sysctl");
        }
      } else if (has(spec, "uts") && name.equals("kernel.domainname")) {
        continue; // namespaced, and there is no dedicated OCI field for it
      } else if (has(spec, "uts") && name.equals("kernel.hostname")) {
        problems.contradiction(
            path,
            "sysctl \"kernel.hostname\" is not allowed as it conflicts with the OCI \"hostname\""
                + " field",
            "set the top-level hostname field instead");
      } else if (name.startsWith("user.")) {
        if (!has(spec, "user")) {
          problems.contradiction(
              path,
              "setting ucounts ("
                  + JsonPath.quote(name)
                  + ") without a user namespace is not allowed",
              "add a \"user\" namespace or remove the sysctl");
        }
      } else {
        problems.contradiction(
            path,
            "sysctl " + JsonPath.quote(name) + " is not in a separate kernel namespace",
            "remove it; only IPC (kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*), net.*, user.*"
                + " and kernel.domainname can be set per container");
      }
    }
  }

  /** sysctl(8) also accepts '/' as the separator; in that form a '.' is part of a name. */
  static String toDotted(String name) {
    int first = indexOfAny(name);
    if (first < 0 || name.charAt(first) == '.') {
      return name;
    }
    StringBuilder out = new StringBuilder(name.length());
    for (char c : name.toCharArray()) {
      out.append(c == '.' ? '/' : c == '/' ? '.' : c);
    }
    return out.toString();
  }

  private static int indexOfAny(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) == '.' || name.charAt(i) == '/') {
        return i;
      }
    }
    return -1;
  }

  private static void checkRestrictedPaths(
      Spec spec, String listPath, List<String> paths, Problems problems) {
    if (paths == null) {
      return;
    }
    for (int i = 0; i < paths.size(); i++) {
      String path = paths.get(i);
      if (path != null && !path.startsWith("/")) {
        problems.notAbsolute(
            index(listPath, i), listPath.substring("linux.".length()) + " entry", path);
      }
    }
    if (!paths.isEmpty() && !has(spec, "mount")) {
      problems.contradiction(
          listPath,
          "unable to restrict sys entries without a private MNT namespace",
          "add {\"type\": \"mount\"} to linux.namespaces or remove " + listPath);
    }
  }

  private static boolean notEmpty(String value) {
    return value != null && !value.isEmpty();
  }
}
