package dev.bramble.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelpTextTest {
  @Test
  void everyHelpScreenFitsEightyColumns() {
    List<CommandSpec> specs = new ArrayList<>();
    Main.VERBS.forEach(v -> specs.add(v.spec()));
    List<String> screens = new ArrayList<>(List.of(HelpText.root(GlobalOptions.SPEC, specs)));
    specs.forEach(s -> screens.add(HelpText.verb("bramble", s)));
    for (String screen : screens) {
      screen.lines().forEach(line -> assertTrue(line.length() <= 80, line.length() + ": " + line));
    }
  }

  @Test
  void optionsAlignInTwoColumnsAndLongHelpWrapsUnderItsColumn() {
    CommandSpec spec = CommandSpec.builder("demo", "a demo")
        .option(OptionSpec.value("-b, --bundle", "DIR", "short help"))
        .option(OptionSpec.flag("--long-flag", "a help text long enough that it has to be wrapped onto a second"
            + " line under the help column"))
        .required("ID", "the id")
        .build();
    assertEquals("""
        Usage: bramble demo [OPTIONS] ID
        a demo

        Arguments:
          ID   the id
        Options:
          -b, --bundle DIR   short help
              --long-flag    a help text long enough that it has to be wrapped onto a
                             second line under the help column
          -h, --help         show this help and exit
        """, HelpText.verb("bramble", spec));
  }

  @Test
  void aNameWiderThanTheColumnPutsItsHelpOnTheNextLine() {
    CommandSpec spec = CommandSpec.builder("demo", "a demo")
        .option(OptionSpec.value("--a-very-long-option-name", "SOMETHING", "its help"))
        .build();
    assertTrue(HelpText.verb("bramble", spec).contains(
        "      --a-very-long-option-name SOMETHING\n" + " ".repeat(35) + "its help\n"),
        HelpText.verb("bramble", spec));
  }
}
