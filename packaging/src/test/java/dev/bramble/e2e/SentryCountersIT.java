package dev.bramble.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bramble.testbundles.BusyboxBundle;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sentry's per-container counters (trapped, denied, emulated, by syscall) through `bramble events --stats`. */
class SentryCountersIT {
  @TempDir Path tmp;

  @Test
  void eventsStatsReportWhatTheSentryTrappedDeniedAndEmulated() throws Exception {
    String marker = "BRAMBLE_IT=" + UUID.randomUUID();
    Path bundle = BusyboxBundle.create(tmp.resolve("bundle"))
        .args("sh", "-c", "uname -n; mount -t tmpfs none /tmp 2>/dev/null; uname -r; sleep 300").addEnv(marker)
        .build();
    Path root = tmp.resolve("state");
    assertEquals(0, Cli.bramble(root, "create", "--bundle", bundle.toString(), "cnt").exit());
    assertEquals(0, Cli.bramble(root, "start", "cnt").exit());
    JsonNode sentry = null;
    for (int i = 0; i < 100; i++) {
      Cli.Result stats = Cli.bramble(root, "events", "--stats", "cnt");
      assertEquals(0, stats.exit(), stats.all());
      sentry = new ObjectMapper().readTree(stats.out()).get("data").get("sentry");
      if (sentry != null && sentry.path("bySyscall").has("mount")) {
        break;
      }
      Thread.sleep(50);
    }
    assertTrue(sentry != null && sentry.get("denied").asLong() >= 1, String.valueOf(sentry));
    assertTrue(sentry.get("emulated").asLong() >= 2, "two unames: " + sentry);
    assertEquals(1, sentry.get("bySyscall").get("mount").get("denied").asLong(), sentry.toString());
    assertTrue(sentry.get("trapped").asLong() >= sentry.get("denied").asLong() + sentry.get("emulated").asLong());
    assertEquals(0, Cli.bramble(root, "delete", "--force", "cnt").exit());
    Leftovers.assertNone(root, bundle, marker);
  }
}
