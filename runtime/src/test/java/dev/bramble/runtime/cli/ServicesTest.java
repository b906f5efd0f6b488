package dev.bramble.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServicesTest {
  interface Kernel {
    String name();
  }

  @Test
  void aServiceIsBuiltOnFirstUseOnceAndSeesTheContext() {
    CommandContext context = CliRun.quietContext();
    AtomicInteger built = new AtomicInteger();
    context.services().register(Kernel.class, ctx -> {
      built.incrementAndGet();
      return () -> "kernel for " + ctx.globals().root();
    });
    assertEquals(0, built.get(), "registration must not build anything");
    Kernel first = context.service(Kernel.class);
    assertSame(first, context.service(Kernel.class));
    assertEquals(1, built.get());
    assertEquals("kernel for /run/bramble", first.name());
  }

  @Test
  void aTestCanReplaceTheProductionFactoryBeforeUse() {
    CommandContext context = CliRun.quietContext();
    context.services().register(Kernel.class, ctx -> () -> "real");
    context.services().register(Kernel.class, ctx -> () -> "fake");
    assertEquals("fake", context.service(Kernel.class).name());
    assertThrows(IllegalStateException.class, () -> context.services().register(Kernel.class, ctx -> () -> "late"));
  }

  @Test
  void aMissingServiceNamesTheTypeAndWhereToRegisterIt() {
    IllegalStateException missing = assertThrows(IllegalStateException.class,
        () -> CliRun.quietContext().service(Kernel.class));
    assertTrue(missing.getMessage().contains(Kernel.class.getName()), missing.getMessage());
    assertTrue(missing.getMessage().contains("Main.registerServices"), missing.getMessage());
  }
}
