package dev.bramble.testbundles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bramble.oci.io.SpecException;
import dev.bramble.oci.io.SpecReader;
import dev.bramble.oci.json.OciJson;
import dev.bramble.oci.spec.DefaultSpec;
import dev.bramble.oci.spec.Linux;
import dev.bramble.oci.spec.LinuxIdMapping;
import dev.bramble.oci.spec.LinuxNamespace;
import dev.bramble.oci.spec.Mount;
import dev.bramble.oci.spec.Spec;
import dev.bramble.oci.spec.User;
import dev.bramble.oci.validation.SpecValidator;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds an OCI bundle (rootfs from static busybox + config.json) for tests, like runc's bats
 * {@code setup_busybox} followed by {@code update_config}:
 *
 * <pre>{@code
 * Path bundle = BusyboxBundle.create(dir)
 *     .args("sh", "-c", "exit 7")
 *     .editConfig(config -> config.withObject("/process").put("noNewPrivileges", false))
 *     .build();
 * }</pre>
 *
 * The config starts from {@link DefaultSpec} (rootless if asked) with {@code terminal} false, then
 * applies the typed settings, then every {@link #editConfig} hook in order on the JSON tree. The
 * result is validated unless {@link #skipValidation()} was called (for building invalid bundles).
 */
public final class BusyboxBundle {
  private final Path dir;
  private Path busybox = BusyboxRootfs.DEFAULT_BUSYBOX;
  private boolean rootless;
  private List<String> args;
  private List<String> env;
  private final List<String> extraEnv = new ArrayList<>();
  private String cwd;
  private User user;
  private boolean terminal;
  private Boolean readonlyRoot;
  private String hostname;
  private final List<String> addNamespaces = new ArrayList<>();
  private final List<String> removeNamespaces = new ArrayList<>();
  private LinuxIdMapping uidMapping;
  private LinuxIdMapping gidMapping;
  private final Map<String, String> annotations = new LinkedHashMap<>();
  private final List<Mount> mounts = new ArrayList<>();
  private final List<Consumer<ObjectNode>> edits = new ArrayList<>();
  private boolean validate = true;

  private BusyboxBundle(Path dir) {
    this.dir = dir;
  }

  /** A bundle in {@code dir} (created if missing; must not already hold config.json or rootfs). */
  public static BusyboxBundle create(Path dir) {
    return new BusyboxBundle(dir);
  }

  /** A bundle in a new temporary directory; the caller deletes it. */
  public static BusyboxBundle createTemp() throws IOException {
    return new BusyboxBundle(Files.createTempDirectory("bramble-bundle-"));
  }

  /** The busybox binary to install (default /bin/busybox); must be statically linked. */
  public BusyboxBundle busybox(Path busybox) {
    this.busybox = busybox;
    return this;
  }

  /** Start from the rootless default (user namespace mapping the current uid/gid to root). */
  public BusyboxBundle rootless(boolean rootless) {
    this.rootless = rootless;
    return this;
  }

  /** process.args. */
  public BusyboxBundle args(String... args) {
    this.args = List.of(args);
    return this;
  }

  /** Replaces process.env. */
  public BusyboxBundle env(String... env) {
    this.env = List.of(env);
    return this;
  }

  /** Appends one KEY=value entry to process.env. */
  public BusyboxBundle addEnv(String entry) {
    extraEnv.add(entry);
    return this;
  }

  /** process.cwd. */
  public BusyboxBundle cwd(String cwd) {
    this.cwd = cwd;
    return this;
  }

  /** process.user uid and gid. */
  public BusyboxBundle user(long uid, long gid) {
    this.user = new User(uid, gid, null, null, null);
    return this;
  }

  /** process.terminal (default false: tests drive stdio themselves). */
  public BusyboxBundle terminal(boolean terminal) {
    this.terminal = terminal;
    return this;
  }

  /** root.readonly (the default spec's is true). */
  public BusyboxBundle readonlyRoot(boolean readonly) {
    this.readonlyRoot = readonly;
    return this;
  }

  /** hostname (and /etc/hostname in the rootfs). */
  public BusyboxBundle hostname(String hostname) {
    this.hostname = hostname;
    return this;
  }

  /** Adds a namespace of {@code type} (created, not joined) if not already listed. */
  public BusyboxBundle namespace(String type) {
    addNamespaces.add(type);
    return this;
  }

  /** Removes the namespace of {@code type}: the container shares the host's. */
  public BusyboxBundle withoutNamespace(String type) {
    removeNamespaces.add(type);
    return this;
  }

  /** A user namespace mapping container ids 0..size-1 to host ids from hostUid/hostGid. */
  public BusyboxBundle userNamespace(long hostUid, long hostGid, long size) {
    namespace("user");
    uidMapping = new LinuxIdMapping(0L, hostUid, size);
    gidMapping = new LinuxIdMapping(0L, hostGid, size);
    return this;
  }

  /** Adds an annotation. */
  public BusyboxBundle annotation(String key, String value) {
    annotations.put(key, value);
    return this;
  }

  /** Appends a mount after the default ones. */
  public BusyboxBundle mount(Mount mount) {
    mounts.add(mount);
    return this;
  }

  /** Edits the config.json tree after the typed settings; hooks run in the order added. */
  public BusyboxBundle editConfig(Consumer<ObjectNode> edit) {
    edits.add(edit);
    return this;
  }

  /** Write config.json even if it does not validate (for negative tests). */
  public BusyboxBundle skipValidation() {
    this.validate = false;
    return this;
  }

  /** The config.json this builder would write, without touching the disk. */
  public ObjectNode config() {
    ObjectNode tree = OciJson.mapper().valueToTree(spec());
    edits.forEach(edit -> edit.accept(tree));
    return tree;
  }

  /**
   * Writes rootfs/ and config.json into the bundle directory and returns its absolute path.
   *
   * @throws SpecException if the config is invalid (and validation was not skipped)
   * @throws IOException if busybox is missing (with the apt-get remedy) or the directory is in use
   */
  public Path build() throws IOException {
    ObjectNode config = config();
    if (validate) {
      var problems = SpecValidator.validate(config);
      if (!problems.isEmpty()) {
        throw new SpecException("generated config.json for " + dir, problems);
      }
    }
    Path bundle = dir.toAbsolutePath();
    Files.createDirectories(bundle);
    // others must be able to traverse it: a user-namespaced container's root is not the owner
    Files.setPosixFilePermissions(bundle, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String name : List.of("config.json", "rootfs")) {
      if (Files.exists(bundle.resolve(name))) {
        throw new FileAlreadyExistsException(
            bundle.resolve(name).toString(), null, "bundle directory already in use");
      }
    }
    String rootPath = config.path("root").path("path").asText("rootfs");
    BusyboxRootfs.build(bundle.resolve(rootPath), busybox, config.path("hostname").asText(null));
    Path configJson = bundle.resolve("config.json");
    Files.writeString(configJson, OciJson.prettyWriter().writeValueAsString(config) + "\n");
    if (validate) {
      SpecReader.read(configJson); // what the runtime will read must parse the same way
    }
    return bundle;
  }

  private Spec spec() {
    Spec spec = DefaultSpec.create(rootless);
    var process = spec.process().withTerminal(terminal);
    if (args != null) {
      process = process.withArgs(args);
    }
    List<String> fullEnv = new ArrayList<>(env != null ? env : process.env());
    fullEnv.addAll(extraEnv);
    process = process.withEnv(fullEnv);
    if (cwd != null) {
      process = process.withCwd(cwd);
    }
    if (user != null) {
      process = process.withUser(user);
    }
    spec = spec.withProcess(process);
    if (readonlyRoot != null) {
      spec = spec.withRoot(spec.root().withReadonly(readonlyRoot));
    }
    if (hostname != null) {
      spec = spec.withHostname(hostname);
    }
    if (!annotations.isEmpty()) {
      spec = spec.withAnnotations(annotations);
    }
    if (!mounts.isEmpty()) {
      List<Mount> all = new ArrayList<>(spec.mounts());
      all.addAll(mounts);
      spec = spec.withMounts(all);
    }
    return spec.withLinux(linux(spec.linux()));
  }

  private Linux linux(Linux linux) {
    List<LinuxNamespace> namespaces = new ArrayList<>(linux.namespaces());
    namespaces.removeIf(ns -> removeNamespaces.contains(ns.type()));
    for (String type : addNamespaces) {
      if (linux.namespace(type).isEmpty()
          && !removeNamespaces.contains(type)
          && namespaces.stream().noneMatch(ns -> ns.type().equals(type))) {
        namespaces.add(new LinuxNamespace(type, null));
      }
    }
    Linux result = linux.withNamespaces(namespaces);
    if (uidMapping != null) {
      result = result.withUidMappings(List.of(uidMapping)).withGidMappings(List.of(gidMapping));
    }
    return result;
  }
}
