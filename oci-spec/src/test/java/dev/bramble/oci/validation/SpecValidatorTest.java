package dev.bramble.oci.validation;

import static dev.bramble.oci.validation.TestConfigs.array;
import static dev.bramble.oci.validation.TestConfigs.assertNoProblems;
import static dev.bramble.oci.validation.TestConfigs.assertProblem;
import static dev.bramble.oci.validation.TestConfigs.json;
import static dev.bramble.oci.validation.TestConfigs.object;
import static dev.bramble.oci.validation.TestConfigs.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bramble.oci.spec.DefaultSpec;
import dev.bramble.oci.validation.SpecProblem.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Required fields, closed vocabularies and the "all problems at once" contract. */
class SpecValidatorTest {

  @Test
  void defaultSpecsAreValid() {
    assertNoProblems(SpecValidator.validate(valid()));
    assertNoProblems(SpecValidator.validate(DefaultSpec.create(false)));
    assertNoProblems(SpecValidator.validate(DefaultSpec.create(true)));
  }

  @Test
  void requiredFields() {
    ObjectNode config = valid();
    config.remove("ociVersion");
    object(config, "/root").remove("path");
    object(config, "/process").remove("cwd");
    object(config, "/process").putArray("args");
    object(config, "/mounts/0").remove("destination");
    object(config, "/linux/namespaces/0").remove("type");
    object(config, "/process").putObject("consoleSize").put("height", 10);
    var problems = SpecValidator.validate(config);
    assertProblem(problems, "ociVersion", "required field is missing");
    assertProblem(problems, "root.path", "required field is missing");
    assertProblem(problems, "process.cwd", "required field is missing");
    assertProblem(problems, "process.args", "must not be empty");
    assertProblem(problems, "mounts[0].destination", "required field is missing");
    assertProblem(problems, "linux.namespaces[0].type", "required field is missing");
    assertProblem(problems, "process.consoleSize.width", "required field is missing");
    assertEquals(7, problems.size(), problems::toString);
    problems.forEach(p -> assertEquals(Kind.REQUIRED, p.kind(), p::toString));
  }

  @Test
  void missingRootAndArgsAreRequiredToo() {
    ObjectNode config = valid();
    config.remove("root");
    object(config, "/process").remove("args");
    var problems = SpecValidator.validate(config);
    assertProblem(problems, "root", "{\"path\": \"rootfs\"}");
    assertProblem(problems, "process.args", "[\"sh\"]");
  }

  @Test
  void enumsNameTheAllowedValuesAndSuggestAFix() {
    ObjectNode config = valid();
    object(config, "/linux/namespaces/1").put("type", "net");
    array(config, "/process/rlimits")
        .addObject()
        .put("type", "NOFILE2")
        .put("hard", 1)
        .put("soft", 1);
    array(config, "/process/capabilities/bounding").add("cap_sys_admin");
    array(config, "/process/capabilities/effective").add("CAP_SUPERPOWER");
    object(config, "/linux").put("rootfsPropagation", "rshard");
    object(config, "/linux").putObject("personality").put("domain", "LINUX64");
    var problems = SpecValidator.validate(config);
    SpecProblem ns =
        assertProblem(
            problems,
            "linux.namespaces[1].type",
            "unknown namespace type \"net\"; expected one of: pid, network, mount, ipc, uts, user,"
                + " cgroup, time");
    assertTrue(ns.message().contains("did you mean \"network\""), ns.message());
    assertProblem(problems, "process.rlimits[1].type", "unknown rlimit type \"NOFILE2\"");
    assertProblem(problems, "process.capabilities.bounding[3]", "did you mean \"CAP_SYS_ADMIN\"");
    assertProblem(problems, "process.capabilities.effective[3]", "CAP_CHECKPOINT_RESTORE");
    assertProblem(problems, "linux.rootfsPropagation", "did you mean \"rshared\"");
    assertProblem(problems, "linux.personality.domain", "expected one of: LINUX, LINUX32");
    assertEquals(6, problems.size(), problems::toString);
  }

  @Test
  void seccompVocabularies() {
    ObjectNode config = valid();
    object(config, "/linux")
        .set(
            "seccomp",
            json(
                """
                {"defaultAction": "SCMP_ACT_DENY",
                 "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_ARM64"],
                 "flags": ["SECCOMP_FILTER_FLAG_LOGG"],
                 "syscalls": [
                   {"names": ["read"], "action": "SCMP_ACT_ALLOW",
                    "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQUAL"}]},
                   {"names": [], "action": "SCMP_ACT_ALOW"}]}
                """));
    var problems = SpecValidator.validate(config);
    assertProblem(
        problems, "linux.seccomp.defaultAction", "unknown seccomp action \"SCMP_ACT_DENY\"");
    assertProblem(problems, "linux.seccomp.architectures[1]", "SCMP_ARCH_AARCH64");
    assertProblem(problems, "linux.seccomp.flags[0]", "did you mean \"SECCOMP_FILTER_FLAG_LOG\"");
    assertProblem(problems, "linux.seccomp.syscalls[0].args[0].op", "SCMP_CMP_MASKED_EQ");
    assertProblem(problems, "linux.seccomp.syscalls[1].names", "must not be empty");
    assertProblem(problems, "linux.seccomp.syscalls[1].action", "did you mean \"SCMP_ACT_ALLOW\"");
    assertEquals(6, problems.size(), problems::toString);
  }

  @Test
  void seccompContradictions() {
    ObjectNode config = valid();
    object(config, "/linux")
        .set(
            "seccomp",
            json(
                """
                {"defaultAction": "SCMP_ACT_ALLOW", "defaultErrnoRet": 1,
                 "listenerMetadata": "x",
                 "syscalls": [
                   {"names": ["mkdir"], "action": "SCMP_ACT_NOTIFY"},
                   {"names": ["kill"], "action": "SCMP_ACT_KILL", "errnoRet": 1,
                    "args": [{"index": 6, "value": 0, "op": "SCMP_CMP_EQ"}]}]}
                """));
    var problems = SpecValidator.validate(config);
    assertProblem(problems, "linux.seccomp.defaultErrnoRet", "only applies to SCMP_ACT_ERRNO");
    assertProblem(problems, "linux.seccomp.listenerMetadata", "listenerPath is not");
    assertProblem(problems, "linux.seccomp.syscalls[0].action", "needs a listener");
    assertProblem(problems, "linux.seccomp.syscalls[1].errnoRet", "remove errnoRet");
    assertProblem(problems, "linux.seccomp.syscalls[1].args[0].index", "0 to 5");
    assertEquals(5, problems.size(), problems::toString);
  }

  @Test
  void deviceAndResourceVocabularies() {
    ObjectNode config = valid();
    object(config, "/linux")
        .set(
            "devices",
            json(
                "[{\"path\": \"/dev/x\", \"type\": \"k\"},"
                    + " {\"path\": \"/dev/y\", \"type\": \"c\"}]"));
    array(config, "/linux/resources/devices")
        .add(json("{\"allow\": true, \"type\": \"z\", \"access\": \"rwx\"}"));
    var problems = SpecValidator.validate(config);
    assertProblem(problems, "linux.devices[0].type", "expected one of: c, b, u, p");
    assertProblem(problems, "linux.devices[1].major", "required unless type is p");
    assertProblem(problems, "linux.devices[1].minor", "required unless type is p");
    assertProblem(problems, "linux.resources.devices[1].type", "expected one of: a, c, b");
    assertProblem(problems, "linux.resources.devices[1].access", "combination of r (read)");
    assertEquals(5, problems.size(), problems::toString);
  }

  @Test
  void processValueChecks() {
    ObjectNode config = valid();
    ObjectNode process = object(config, "/process");
    array(config, "/process/env").add("NOEQUALS").add("=value");
    process.put("oomScoreAdj", 1001);
    process.putObject("scheduler").put("policy", "SCHED_OTHER").put("nice", 40).put("priority", 5);
    process.putObject("ioPriority").put("class", "IOPRIO_CLASS_BE").put("priority", 8);
    object(config, "/process/rlimits/0").put("soft", 2048);
    var problems = SpecValidator.validate(config);
    assertProblem(problems, "process.env[2]", "without '='");
    assertProblem(problems, "process.env[3]", "empty name");
    assertProblem(problems, "process.oomScoreAdj", "-1000 to 1000");
    assertProblem(problems, "process.scheduler.nice", "-20 to 19");
    assertProblem(
        problems, "process.scheduler.priority", "only applies to SCHED_FIFO and SCHED_RR");
    assertProblem(problems, "process.ioPriority.priority", "0 (highest) to 7");
    assertProblem(problems, "process.rlimits[0].soft", "soft limit above hard limit");
    assertEquals(7, problems.size(), problems::toString);
  }

  @Test
  void reportsAllProblemsAtOnceAcrossCategories() {
    ObjectNode config = valid();
    config.put("ociVersion", "2.0.0");
    object(config, "/process").put("cwd", "home");
    object(config, "/process").put("terminal", "no");
    object(config, "/linux/namespaces/1").put("type", "netns");
    array(config, "/linux/namespaces").addObject().put("type", "pid");
    array(config, "/linux/namespaces").remove(3); // drop uts
    object(config, "/linux")
        .putArray("uidMappings")
        .addObject()
        .put("containerID", 0)
        .put("hostID", 1000)
        .put("size", 1);
    List<SpecProblem> problems = SpecValidator.validate(config);
    assertProblem(problems, "process.terminal", "expected a boolean");
    assertProblem(problems, "ociVersion", "unsupported runtime-spec version");
    assertProblem(problems, "process.cwd", "must be an absolute path");
    assertProblem(problems, "linux.namespaces[1].type", "unknown namespace type");
    assertProblem(problems, "linux.namespaces[4].type", "duplicate namespace \"pid\"");
    assertProblem(problems, "hostname", "without a private UTS namespace");
    assertProblem(problems, "linux.uidMappings", "user namespace isn't enabled");
    assertEquals(7, problems.size(), problems::toString);
    assertEquals(
        List.of(
            Kind.TYPE,
            Kind.VERSION,
            Kind.PATH,
            Kind.VALUE,
            Kind.DUPLICATE,
            Kind.CONTRADICTION,
            Kind.CONTRADICTION),
        problems.stream().map(SpecProblem::kind).toList());
  }

  @Test
  void problemToStringShowsFileAndPath() {
    SpecProblem problem = new SpecProblem("linux.namespaces[2].type", Kind.VALUE, "bad");
    assertEquals("linux.namespaces[2].type: bad", problem.toString());
    assertEquals(
        "/b/config.json: linux.namespaces[2].type: bad",
        problem.inFile("/b/config.json").toString());
    assertEquals("f: whole", new SpecProblem("", Kind.IO, "whole").inFile("f").toString());
  }
}
