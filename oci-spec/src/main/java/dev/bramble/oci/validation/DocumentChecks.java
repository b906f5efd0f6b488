package dev.bramble.oci.validation;

import static dev.bramble.oci.validation.JsonPath.field;
import static dev.bramble.oci.validation.JsonPath.index;
import static dev.bramble.oci.validation.JsonPath.key;

import dev.bramble.oci.spec.Hook;
import dev.bramble.oci.spec.Hooks;
import dev.bramble.oci.spec.Mount;
import dev.bramble.oci.spec.Spec;
import dev.bramble.oci.spec.SpecVersion;
import java.util.List;
import java.util.Map;

/** Checks on the top level of config.json: ociVersion, root, mounts, hooks, annotations. */
final class DocumentChecks {
  private DocumentChecks() {}

  static void check(Spec spec, Problems problems) {
    checkVersion(spec.ociVersion(), problems);
    checkRoot(spec, problems);
    checkMounts(spec, problems);
    checkHooks(spec.hooks(), problems);
    checkAnnotations(spec.annotations(), problems);
  }

  static void checkVersion(String version, Problems problems) {
    if (version == null) {
      problems.missing(
          "ociVersion",
          "the runtime-spec version as a string, e.g. \"" + SpecVersion.CURRENT + "\"");
      return;
    }
    if (SpecVersion.core(version).isEmpty()) {
      problems.version(
          "ociVersion",
          "not a SemVer version: found "
              + JsonPath.quote(version)
              + "; expected MAJOR.MINOR.PATCH such as \""
              + SpecVersion.CURRENT
              + "\" (supported: "
              + SpecVersion.SUPPORTED_RANGE
              + ")");
      return;
    }
    if (!SpecVersion.isSupported(version)) {
      problems.version(
          "ociVersion",
          "unsupported runtime-spec version: found "
              + JsonPath.quote(version)
              + "; expected a version "
              + SpecVersion.SUPPORTED_RANGE
              + "; regenerate config.json for runtime-spec "
              + SpecVersion.CURRENT
              + " (e.g. with \"bramble spec\")");
    }
  }

  private static void checkRoot(Spec spec, Problems problems) {
    if (spec.root() == null) {
      problems.missing("root", "an object such as {\"path\": \"rootfs\"}");
      return;
    }
    String path = spec.root().path();
    if (path == null) {
      problems.missing(
          "root.path", "the root filesystem directory, absolute or relative to the bundle");
    } else if (path.isEmpty()) {
      problems.empty("root.path", "the root filesystem directory, e.g. \"rootfs\"");
    }
  }

  private static void checkMounts(Spec spec, Problems problems) {
    List<Mount> mounts = spec.mounts();
    if (mounts == null) {
      return;
    }
    boolean userNamespace = NamespaceChecks.has(spec, "user");
    for (int i = 0; i < mounts.size(); i++) {
      Mount mount = mounts.get(i);
      if (mount == null) {
        continue;
      }
      String path = index("mounts", i);
      String destination = mount.destination();
      if (destination == null || destination.isEmpty()) {
        problems.missing(field(path, "destination"), "an absolute path inside the container");
      } else if (!destination.startsWith("/")) {
        problems.notAbsolute(field(path, "destination"), "mount destination", destination);
      }
      boolean hasUid = mount.uidMappings() != null && !mount.uidMappings().isEmpty();
      boolean hasGid = mount.gidMappings() != null && !mount.gidMappings().isEmpty();
      if (hasUid != hasGid) {
        String given = hasUid ? "uidMappings" : "gidMappings";
        String other = hasUid ? "gidMappings" : "uidMappings";
        problems.contradiction(
            field(path, given),
            "an id-mapped mount needs both uidMappings and gidMappings, but only "
                + given
                + " is set",
            "add " + field(path, other) + " or remove " + given);
      }
      List<String> options = mount.options() == null ? List.of() : mount.options();
      boolean idmapOption = options.contains("idmap") || options.contains("ridmap");
      if (idmapOption && !hasUid && !hasGid && !userNamespace) {
        problems.contradiction(
            field(path, "options"),
            "option \"idmap\" needs uidMappings/gidMappings on the mount or a user namespace, and"
                + " there is neither",
            "add uidMappings and gidMappings to the mount, or a \"user\" namespace with mappings");
      }
    }
  }

  private static void checkHooks(Hooks hooks, Problems problems) {
    if (hooks == null) {
      return;
    }
    checkHookList("hooks.prestart", hooks.prestart(), problems);
    checkHookList("hooks.createRuntime", hooks.createRuntime(), problems);
    checkHookList("hooks.createContainer", hooks.createContainer(), problems);
    checkHookList("hooks.startContainer", hooks.startContainer(), problems);
    checkHookList("hooks.poststart", hooks.poststart(), problems);
    checkHookList("hooks.poststop", hooks.poststop(), problems);
  }

  private static void checkHookList(String listPath, List<Hook> hooks, Problems problems) {
    if (hooks == null) {
      return;
    }
    for (int i = 0; i < hooks.size(); i++) {
      Hook hook = hooks.get(i);
      if (hook == null) {
        continue;
      }
      String path = index(listPath, i);
      if (hook.path() == null || hook.path().isEmpty()) {
        problems.missing(field(path, "path"), "the absolute path of the hook executable");
      } else if (!hook.path().startsWith("/")) {
        problems.notAbsolute(field(path, "path"), "hook path", hook.path());
      }
      if (hook.timeout() != null && hook.timeout() <= 0) {
        problems.outOfRange(
            field(path, "timeout"),
            String.valueOf(hook.timeout()),
            "a number of seconds greater than zero; omit timeout for no limit");
      }
      ProcessChecks.checkEnv(field(path, "env"), hook.env(), problems);
    }
  }

  private static void checkAnnotations(Map<String, String> annotations, Problems problems) {
    if (annotations == null) {
      return;
    }
    for (String name : annotations.keySet()) {
      if (name.isEmpty()) {
        problems.invalid(key("annotations", name), "annotation keys must not be empty");
      }
    }
  }
}
