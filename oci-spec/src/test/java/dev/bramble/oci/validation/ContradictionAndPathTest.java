package dev.bramble.oci.validation;

import static dev.bramble.oci.validation.TestConfigs.array;
import static dev.bramble.oci.validation.TestConfigs.assertNoProblems;
import static dev.bramble.oci.validation.TestConfigs.assertProblem;
import static dev.bramble.oci.validation.TestConfigs.json;
import static dev.bramble.oci.validation.TestConfigs.object;
import static dev.bramble.oci.validation.TestConfigs.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bramble.oci.validation.SpecProblem.Kind;
import org.junit.jupiter.api.Test;

/** Absolute paths, duplicates, and the namespace contradictions runc rules out. */
class ContradictionAndPathTest {

  private static void removeNamespace(ObjectNode config, String type) {
    ArrayNode namespaces = array(config, "/linux/namespaces");
    for (int i = 0; i < namespaces.size(); i++) {
      if (namespaces.get(i).get("type").asText().equals(type)) {
        namespaces.remove(i);
        return;
      }
    }
    throw new AssertionError("no " + type + " namespace in the test config");
  }

  @Test
  void pathsThatMustBeAbsolute() {
    ObjectNode config = valid();
    object(config, "/process").put("cwd", "./work");
    object(config, "/mounts/1").put("destination", "dev");
    object(config, "/linux/namespaces/1").put("path", "proc/1/ns/net");
    object(config, "/linux")
        .set(
            "devices",
            json("[{\"path\": \"dev/fuse\", \"type\": \"c\", \"major\": 10, \"minor\": 229}]"));
    config.set(
        "hooks",
        json(
            "{\"poststop\": [{\"path\": \"cleanup.sh\"}], \"createRuntime\": [{\"path\": \"\"}]}"));
    array(config, "/linux/maskedPaths").add("proc/kcore");
    array(config, "/linux/readonlyPaths").add("sys");
    var problems = SpecValidator.validate(config);
    SpecProblem cwd = assertProblem(problems, "process.cwd", "found \"./work\"");
    assertEquals(
        "process.cwd must be an absolute path: found \"./work\"; expected a path starting"
            + " with \"/\" (e.g. \"/work\")",
        cwd.message());
    assertProblem(problems, "mounts[1].destination", "mount destination must be an absolute path");
    assertProblem(problems, "linux.namespaces[1].path", "namespace path must be an absolute path");
    assertProblem(problems, "linux.devices[0].path", "device path must be an absolute path");
    assertProblem(problems, "hooks.poststop[0].path", "hook path must be an absolute path");
    assertProblem(problems, "hooks.createRuntime[0].path", "required field is missing");
    assertProblem(problems, "linux.maskedPaths[10]", "e.g. \"/proc/kcore\"");
    assertProblem(
        problems, "linux.readonlyPaths[5]", "readonlyPaths entry must be an absolute path");
    assertEquals(8, problems.size(), problems::toString);
  }

  @Test
  void duplicates() {
    ObjectNode config = valid();
    array(config, "/linux/namespaces")
        .addObject()
        .put("type", "network")
        .put("path", "/proc/1/ns/net");
    object(config, "/linux")
        .set(
            "devices",
            json(
                "[{\"path\": \"/dev/fuse\", \"type\": \"c\", \"major\": 10, \"minor\": 229},"
                    + " {\"path\": \"/dev/fuse\", \"type\": \"c\", \"major\": 10, \"minor\":"
                    + " 229}]"));
    array(config, "/process/rlimits")
        .add(json("{\"type\": \"RLIMIT_NOFILE\", \"hard\": 5, \"soft\": 5}"));
    var problems = SpecValidator.validate(config);
    assertProblem(
        problems,
        "linux.namespaces[5].type",
        "duplicate namespace \"network\", already given at linux.namespaces[1].type");
    assertProblem(problems, "linux.devices[1].path", "already given at linux.devices[0].path");
    assertProblem(problems, "process.rlimits[1].type", "duplicate rlimit \"RLIMIT_NOFILE\"");
    assertEquals(3, problems.size(), problems::toString);
    problems.forEach(p -> assertEquals(Kind.DUPLICATE, p.kind()));
  }

  @Test
  void mappingsNeedAUserNamespaceAndAUserNamespaceNeedsMappings() {
    ObjectNode config = valid();
    object(config, "/linux")
        .set("uidMappings", json("[{\"containerID\": 0, \"hostID\": 1000, \"size\": 1}]"));
    object(config, "/linux")
        .set("gidMappings", json("[{\"containerID\": 0, \"hostID\": 1000, \"size\": 0}]"));
    var problems = SpecValidator.validate(config);
    assertProblem(
        problems,
        "linux.uidMappings",
        "user namespace mappings specified, but user namespace isn't enabled in the config;"
            + " add {\"type\": \"user\"} to linux.namespaces or remove linux.uidMappings");
    assertProblem(problems, "linux.gidMappings", "user namespace isn't enabled");
    assertProblem(problems, "linux.gidMappings[0].size", "at least 1");
    assertEquals(3, problems.size(), problems::toString);

    ObjectNode userOnly = valid();
    array(userOnly, "/linux/namespaces").addObject().put("type", "user");
    assertProblem(
        SpecValidator.validate(userOnly),
        "linux.namespaces[5]",
        "no namespace path to join nor mappings");

    ObjectNode joined = valid();
    array(joined, "/linux/namespaces")
        .addObject()
        .put("type", "user")
        .put("path", "/proc/1/ns/user");
    assertNoProblems(SpecValidator.validate(joined));
  }

  @Test
  void hostnameAndDomainnameNeedUts() {
    ObjectNode config = valid();
    config.put("domainname", "example.org");
    removeNamespace(config, "uts");
    var problems = SpecValidator.validate(config);
    assertProblem(problems, "hostname", "unable to set hostname without a private UTS namespace");
    assertProblem(
        problems, "domainname", "unable to set domainname without a private UTS namespace");
    assertEquals(2, problems.size(), problems::toString);
  }

  @Test
  void timeOffsetsNeedATimeNamespaceWithoutPath() {
    ObjectNode config = valid();
    object(config, "/linux")
        .set("timeOffsets", json("{\"monotonic\": {\"secs\": 1}, \"realtime\": {\"secs\": 1}}"));
    var problems = SpecValidator.validate(config);
    assertProblem(problems, "linux.timeOffsets", "time namespace isn't enabled");
    assertProblem(
        problems, "linux.timeOffsets[\"realtime\"]", "expected one of: boottime, monotonic");
    assertEquals(2, problems.size(), problems::toString);

    array(config, "/linux/namespaces")
        .addObject()
        .put("type", "time")
        .put("path", "/proc/1/ns/time");
    assertProblem(
        SpecValidator.validate(config),
        "linux.timeOffsets",
        "both namespace path and time offsets");
  }

  @Test
  void sysctlsFollowTheirNamespaces() {
    ObjectNode config = valid();
    removeNamespace(config, "network");
    removeNamespace(config, "ipc");
    object(config, "/linux")
        .set(
            "sysctl",
            json(
                "{\"net.ipv4.ip_forward\": \"1\", \"kernel.shmmax\": \"1\", \"fs.mqueue.msg_max\":"
                    + " \"10\", \"kernel.hostname\": \"x\", \"kernel.domainname\": \"ok\","
                    + " \"user.max_user_namespaces\": \"0\", \"vm.swappiness\": \"1\","
                    + " \"net/ipv4/conf/eth0.100/rp_filter\": \"0\"}"));
    var problems = SpecValidator.validate(config);
    assertProblem(problems, "linux.sysctl[\"net.ipv4.ip_forward\"]", "host network namespace");
    assertProblem(problems, "linux.sysctl[\"kernel.shmmax\"]", "host's IPC namespace");
    assertProblem(problems, "linux.sysctl[\"fs.mqueue.msg_max\"]", "host's IPC namespace");
    assertProblem(
        problems, "linux.sysctl[\"kernel.hostname\"]", "conflicts with the OCI \"hostname\"");
    assertProblem(
        problems, "linux.sysctl[\"user.max_user_namespaces\"]", "without a user namespace");
    assertProblem(
        problems, "linux.sysctl[\"vm.swappiness\"]", "not in a separate kernel namespace");
    assertProblem(
        problems,
        "linux.sysctl[\"net/ipv4/conf/eth0.100/rp_filter\"]",
        "\"net.ipv4.conf.eth0/100.rp_filter\" is not allowed in the host network namespace");
    assertEquals(7, problems.size(), problems::toString);
  }

  @Test
  void maskedAndReadonlyPathsNeedAMountNamespace() {
    ObjectNode config = valid();
    removeNamespace(config, "mount");
    var problems = SpecValidator.validate(config);
    assertProblem(problems, "linux.maskedPaths", "without a private MNT namespace");
    assertProblem(problems, "linux.readonlyPaths", "without a private MNT namespace");
    assertEquals(2, problems.size(), problems::toString);
  }

  @Test
  void idMappedMountsNeedBothMappingsOrAUserNamespace() {
    ObjectNode config = valid();
    array(config, "/mounts")
        .add(
            json(
                "{\"destination\": \"/data\", \"type\": \"bind\", \"source\": \"/srv\","
                    + " \"options\": [\"rbind\", \"idmap\"]}"));
    array(config, "/mounts")
        .add(
            json(
                "{\"destination\": \"/data2\", \"type\": \"bind\", \"source\": \"/srv\","
                    + " \"options\": [\"rbind\"], \"uidMappings\": [{\"containerID\": 0,"
                    + " \"hostID\": 1, \"size\": 1}]}"));
    var problems = SpecValidator.validate(config);
    assertProblem(problems, "mounts[7].options", "option \"idmap\" needs uidMappings/gidMappings");
    assertProblem(problems, "mounts[8].uidMappings", "needs both uidMappings and gidMappings");
    assertEquals(2, problems.size(), problems::toString);
  }

  @Test
  void schedulerFieldsMustMatchThePolicy() {
    ObjectNode config = valid();
    object(config, "/process").putObject("scheduler").put("policy", "SCHED_FIFO").put("runtime", 5);
    assertProblem(
        SpecValidator.validate(config),
        "process.scheduler",
        "runtime/deadline/period only apply to SCHED_DEADLINE");
  }

  @Test
  void resourceValueChecks() {
    ObjectNode config = valid();
    object(config, "/linux/resources")
        .set("memory", json("{\"limit\": 1000, \"swap\": 500, \"swappiness\": 101}"));
    object(config, "/linux/resources")
        .set("hugepageLimits", json("[{\"pageSize\": \"2M\", \"limit\": 1}]"));
    object(config, "/linux/resources")
        .set("blockIO", json("{\"weight\": 5, \"weightDevice\": [{\"major\": 8, \"minor\": 0}]}"));
    object(config, "/linux/resources").set("rdma", json("{\"mlx\": {}}"));
    object(config, "/linux/resources").set("cpu", json("{\"cpus\": \"0-3;5\"}"));
    object(config, "/linux").set("intelRdt", json("{\"closID\": \"../x\"}"));
    var problems = SpecValidator.validate(config);
    assertProblem(problems, "linux.resources.memory.swap", "expected swap >= limit");
    assertProblem(problems, "linux.resources.memory.swappiness", "0 to 100");
    assertProblem(problems, "linux.resources.hugepageLimits[0].pageSize", "\"2MB\"");
    assertProblem(problems, "linux.resources.blockIO.weight", "10 to 1000");
    assertProblem(
        problems,
        "linux.resources.blockIO.weightDevice[0].weight",
        "at least one of weight, leafWeight");
    assertProblem(problems, "linux.resources.rdma[\"mlx\"]", "hcaHandles");
    assertProblem(problems, "linux.resources.cpu.cpus", "cpuset list format");
    assertProblem(problems, "linux.intelRdt.closID", "plain directory name");
    assertEquals(8, problems.size(), problems::toString);
  }
}
