package dev.bramble.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The parser's Go flag (urfave/cli v1) semantics, as runc has them, on a verb with every kind of option. */
class ArgParserTest {
  /** Like exec: what follows the first argument belongs to a program. */
  private static final CommandSpec DEMO = CommandSpec.builder("demo", "a verb with every kind of option")
      .optionsOnlyBeforeArguments()
      .option(OptionSpec.flag("-d, --detach", "a boolean"))
      .option(OptionSpec.value("-b, --bundle", "DIR", "one value"))
      .option(OptionSpec.value("--count", "N", "a number"))
      .option(OptionSpec.list("-e, --env", "K=V", "repeatable"))
      .option(OptionSpec.commaList("--gate-warn", "ID[,ID]", "repeatable, comma-separated"))
      .option(OptionSpec.value("--old", "X", "obsolete").hide())
      .required("ID", "the id")
      .rest("COMMAND", "the rest")
      .build();

  private static Arguments parse(String... args) {
    return ArgParser.parse(DEMO, List.of(args));
  }

  private static String usageError(String... args) {
    return assertThrows(UsageException.class, () -> parse(args)).getMessage();
  }

  @Test
  void oneDashOrTwoForEveryName() {
    for (String[] args : new String[][] {{"--bundle", "/b", "c1"}, {"-bundle", "/b", "c1"}, {"-b", "/b", "c1"},
        {"--b", "/b", "c1"}, {"--bundle=/b", "c1"}, {"-b=/b", "c1"}}) {
      assertEquals(Optional.of("/b"), parse(args).value("bundle"), String.join(" ", args));
      assertEquals(Optional.of(Path.of("/b")), parse(args).path("b"), "read by its short name too");
    }
  }

  @Test
  void aValueIsTheNextArgumentWhateverItLooksLike() {
    Arguments parsed = parse("--bundle", "-x", "--env", "--detach", "c1");
    assertEquals(Optional.of("-x"), parsed.value("bundle"));
    assertEquals(List.of("--detach"), parsed.values("env"));
    assertFalse(parsed.flag("detach"));
    assertEquals("c1", parsed.param("ID"));
    assertEquals(Optional.of(""), parse("--bundle=", "c1").value("bundle"));
    assertEquals(Optional.of("a=b"), parse("--bundle=a=b", "c1").value("bundle"), "only the first = splits");
  }

  @Test
  void aBooleanNeverTakesTheNextArgument() {
    Arguments parsed = parse("--detach", "false", "sh");
    assertTrue(parsed.flag("detach"));
    assertEquals("false", parsed.param("ID"));
    assertEquals(List.of("sh"), parsed.rest("COMMAND"));
  }

  @Test
  void aBooleanTakesGoParseBoolSpellingsAfterEquals() {
    for (String yes : new String[] {"1", "t", "T", "TRUE", "true", "True"}) {
      assertTrue(parse("--detach=" + yes, "c1").flag("detach"), yes);
    }
    for (String no : new String[] {"0", "f", "F", "FALSE", "false", "False"}) {
      assertFalse(parse("-d=" + no, "c1").flag("detach"), no);
    }
    assertEquals("invalid boolean value \"yes\" for -detach: use true or false (or 1, t, 0, f)",
        usageError("--detach=yes", "c1"));
    assertEquals("invalid boolean value \"\" for -d: use true or false (or 1, t, 0, f)", usageError("-d=", "c1"));
  }

  @Test
  void aRepeatedValueOptionKeepsTheLastAndAListKeepsAll() {
    Arguments parsed = parse("-b", "/a", "--bundle", "/b", "-e", "A=1", "--env", "B=2,C=3", "--gate-warn", "x,y",
        "--gate-warn=z", "--detach", "--detach=false", "c1");
    assertEquals(Optional.of("/b"), parsed.value("bundle"));
    assertEquals(List.of("A=1", "B=2,C=3"), parsed.values("env"), "a plain list does not split on commas");
    assertEquals(List.of("x", "y", "z"), parsed.values("gate-warn"));
    assertFalse(parsed.flag("detach"), "the last occurrence wins for booleans too");
    assertTrue(parsed.has("detach"));
    assertFalse(parsed.has("count"));
  }

  @Test
  void optionsEndAtTheFirstPositionalArgument() {
    Arguments parsed = parse("-e", "A=1", "c1", "sh", "-c", "echo --env", "--env", "B=2", "-d");
    assertEquals(List.of("A=1"), parsed.values("env"));
    assertFalse(parsed.flag("detach"));
    assertEquals("c1", parsed.param("ID"));
    assertEquals(List.of("sh", "-c", "echo --env", "--env", "B=2", "-d"), parsed.rest("COMMAND"));
  }

  /** Checked against runc 1.1: {@code runc delete ID --force} forces, {@code runc state ID --bogus} is 2 arguments. */
  @Test
  void optionsMayFollowTheArgumentsOfMostVerbs() {
    CommandSpec delete = CommandSpec.builder("delete", "x").option(OptionSpec.flag("-f, --force", "f"))
        .option(OptionSpec.value("--bundle", "DIR", "b")).required("ID", "id").optional("MORE", "m").build();
    Arguments after = ArgParser.parse(delete, List.of("c1", "--force", "--bundle", "/b"));
    assertTrue(after.flag("force"));
    assertEquals(Optional.of("/b"), after.value("bundle"));
    assertEquals("c1", after.param("ID"));
    assertEquals(Optional.empty(), after.optionalParam("MORE"));
    Arguments boolThenId = ArgParser.parse(delete, List.of("-f", "c1", "--bundle=/b"));
    assertTrue(boolThenId.flag("force"));
    assertEquals("c1", boolThenId.param("ID"), "a boolean does not carry the next word along");
    Arguments value = ArgParser.parse(delete, List.of("c1", "--bundle", "--force"));
    assertEquals(Optional.of("--force"), value.value("bundle"), "a value moves with its option");
    assertFalse(value.flag("force"));
    Arguments dashDash = ArgParser.parse(delete, List.of("c1", "--", "--force"));
    assertFalse(dashDash.flag("force"), "nothing after -- moves");
    assertEquals(Optional.of("--force"), dashDash.optionalParam("MORE"));
    assertEquals("expected 1 to 2 arguments (ID [MORE]), got 3: c1 x --nope (--nope is not an option of delete)",
        assertThrows(UsageException.class, () -> ArgParser.parse(delete, List.of("c1", "x", "--nope")))
            .getMessage());
  }

  @Test
  void doubleDashEndsOptionsAndIsDroppedOnlyThere() {
    Arguments parsed = parse("-d", "--", "-c1", "--", "x");
    assertTrue(parsed.flag("detach"));
    assertEquals("-c1", parsed.param("ID"));
    assertEquals(List.of("--", "x"), parsed.rest("COMMAND"), "after the first argument, -- is an argument");
    assertEquals("-", parse("-", "x").param("ID"), "a lone dash is an argument (stdin)");
  }

  @Test
  void anUnknownOptionIsNamedInGoWording() {
    assertEquals("flag provided but not defined: -nope", usageError("--nope", "c1"));
    assertEquals("flag provided but not defined: -nope", usageError("-nope=1", "c1"));
    assertEquals("flag provided but not defined: -de", usageError("-de", "c1"), "no bundling of short options");
  }

  @Test
  void aValueOptionAtTheEndNeedsItsArgument() {
    assertEquals("flag needs an argument: -bundle", usageError("--bundle"));
    assertEquals(List.of("-b"), parse("c0", "-b").rest("COMMAND"), "after the first argument it is an argument");
    assertEquals("flag needs an argument: -b", usageError("-b"));
  }

  @Test
  void malformedOptionsAreBadSyntax() {
    assertEquals("bad flag syntax: ---bundle", usageError("---bundle", "x", "c1"));
    assertEquals("bad flag syntax: -=x", usageError("-=x", "c1"));
    assertEquals("bad flag syntax: --=x", usageError("--=x", "c1"));
  }

  @Test
  void helpStopsParsingWhateverFollows() {
    assertTrue(parse("-h", "--nope").helpRequested());
    assertTrue(parse("-e", "A", "--help").helpRequested());
    assertTrue(parse("-help").helpRequested());
    assertFalse(parse("--help=false", "c1").helpRequested());
    assertEquals("flag provided but not defined: -nope", usageError("--nope", "--help"));
  }

  @Test
  void positionalCountsAreCheckedAgainstTheParameters() {
    assertEquals("expected at least 1 argument (ID [COMMAND...]), got 0", usageError("-d"));
    CommandSpec one = CommandSpec.builder("one", "x").required("ID", "id").build();
    assertEquals("expected 1 argument (ID), got 2: a b",
        assertThrows(UsageException.class, () -> ArgParser.parse(one, List.of("a", "b"))).getMessage());
    CommandSpec none = CommandSpec.builder("none", "x").build();
    assertEquals("expected no arguments, got 1: a",
        assertThrows(UsageException.class, () -> ArgParser.parse(none, List.of("a"))).getMessage());
    CommandSpec range = CommandSpec.builder("range", "x").required("A", "a").required("B", "b").optional("C", "c")
        .build();
    assertEquals("expected 2 to 3 arguments (A B [C]), got 1: a",
        assertThrows(UsageException.class, () -> ArgParser.parse(range, List.of("a"))).getMessage());
    assertEquals(Optional.empty(), ArgParser.parse(range, List.of("a", "b")).optionalParam("C"));
  }

  @Test
  void numbersFollowGoSyntaxAndAWrongOneNamesTheOption() {
    assertEquals(Optional.of(16), parse("--count", "0x10", "c1").intValue("count"));
    assertEquals(Optional.of(8L), parse("--count", "010", "c1").longValue("count"));
    assertEquals(Optional.of(-1), parse("--count=-1", "c1").intValue("count"));
    assertEquals("invalid value \"ten\" for flag -count: expected an integer",
        assertThrows(UsageException.class, () -> parse("--count", "ten", "c1").intValue("count")).getMessage());
    assertEquals("invalid value \"4294967296\" for flag -count: out of range",
        assertThrows(UsageException.class, () -> parse("--count", "4294967296", "c1").intValue("count"))
            .getMessage());
    assertEquals(List.of(), parse("c1").longValues("env"));
  }

  @Test
  void hiddenOptionsParse() {
    assertEquals(Optional.of("v"), parse("--old", "v", "c1").value("old"));
  }

  @Test
  void readingAnUndeclaredOptionOrTheWrongKindIsABug() {
    Arguments parsed = parse("c1");
    assertThrows(IllegalArgumentException.class, () -> parsed.flag("bogus"));
    assertThrows(IllegalArgumentException.class, () -> parsed.flag("bundle"));
    assertThrows(IllegalArgumentException.class, () -> parsed.value("env"));
    assertThrows(IllegalArgumentException.class, () -> parsed.values("detach"));
    assertThrows(IllegalArgumentException.class, () -> parsed.rest("ID"));
    assertThrows(IllegalArgumentException.class, () -> parsed.optionalParam("COMMAND"));
    assertThrows(IllegalArgumentException.class, () -> parsed.param("NOPE"));
  }

  @Test
  void aMalformedSpecIsRefusedWhenBuilt() {
    assertThrows(IllegalStateException.class, () -> CommandSpec.builder("x", "x")
        .option(OptionSpec.flag("-a, --all", "a")).option(OptionSpec.value("-a", "A", "again")).build());
    assertThrows(IllegalStateException.class, () -> CommandSpec.builder("x", "x")
        .option(OptionSpec.flag("--help", "mine")).build(), "--help is every verb's own");
    assertThrows(IllegalStateException.class, () -> CommandSpec.builder("x", "x")
        .optional("A", "a").required("B", "b"));
    assertThrows(IllegalStateException.class, () -> CommandSpec.builder("x", "x").rest("A", "a").optional("B", "b"));
    assertThrows(IllegalArgumentException.class, () -> OptionSpec.flag("all", "no dash"));
  }
}
