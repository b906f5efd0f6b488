package dev.bramble.runtime.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressSpaceProberTest {

  @ParameterizedTest(name = "TASK_SIZE {0} with {1}-byte pages is {2} bits")
  @CsvSource({
    "0x8000000000, 4096, 39",        // Raspberry Pi OS kernel8.img (Pi 3/4, Pi 5 with kernel=kernel8.img)
    "0x800000000000, 16384, 47",     // Raspberry Pi OS kernel_2712.img (Pi 5 default)
    "0x1000000000000, 4096, 48",     // Debian/Ubuntu arm64, Ubuntu raspi
    "0x10000000000000, 65536, 52",   // arm64 52-bit with LVA
    "0x40000000000, 65536, 42",      // arm64 64K pages, 3 levels
    "0x1000000000, 16384, 36",       // arm64 16K pages, 2 levels
    "0x7ffffffff000, 4096, 47",      // x86_64 4-level paging
    "0xfffffffffff000, 4096, 56",    // x86_64 5-level paging (LA57)
  })
  void measuresEveryKnownTaskSizeExactly(String taskSizeHex, long pageSize, int bits) {
    long taskSize = Long.decode(taskSizeHex);
    FakeAddressSpaceProbe probe = FakeAddressSpaceProbe.withTaskSize(taskSize, pageSize);

    AddressSpaceProber.Result result = AddressSpaceProber.measure(probe, pageSize);

    VirtualAddressSpace space = result.space().orElseThrow(() -> new AssertionError(result.detail()));
    assertEquals(taskSize, space.taskSize());
    assertEquals(bits, space.bits());
    assertTrue(space.source().contains("EINVAL (inside)"), space.source());
  }

  @Test
  void neverAsksForAnAlignedAddressSoNothingCanBeMapped() {
    FakeAddressSpaceProbe probe = FakeAddressSpaceProbe.withTaskSize(0x800000000000L, 16384);

    AddressSpaceProber.measure(probe, 16384);

    assertTrue(probe.addresses().size() >= 5);
    for (long address : probe.addresses()) {
      assertNotEquals(0, address % 16384, "probe at 0x" + Long.toHexString(address) + " is page-aligned");
    }
  }

  @Test
  void aFortySevenBitHostIsNotMistakenForThirtyNineBits() {
    // gVisor's arm64 candidates are {52, 48, 39}: on a Pi 5 it concludes 39. Ours includes 47.
    AddressSpaceProber.Result result =
        AddressSpaceProber.measure(FakeAddressSpaceProbe.withTaskSize(1L << 47, 16384), 16384);

    assertEquals(47, result.space().orElseThrow().bits());
    assertTrue(result.detail().contains("arm64 47-bit"), result.detail());
  }

  @Test
  void findsATaskSizeThatIsNoCandidateByBinarySearch() {
    long unusual = (1L << 47) + (5L << 40) + 3 * 4096; // between the 47- and 48-bit candidates

    AddressSpaceProber.Result result =
        AddressSpaceProber.measure(FakeAddressSpaceProbe.withTaskSize(unusual, 4096), 4096);

    assertEquals(unusual, result.space().orElseThrow().taskSize());
    assertEquals(48, result.space().get().bits());
    assertTrue(result.detail().contains("binary search"), result.detail());
  }

  @Test
  void aTaskSizeTwoPagesShortOfTheX86TopIsMeasuredExactly() {
    long taskSize = 0x7ffffffff000L - 2 * 4096;

    AddressSpaceProber.Result result =
        AddressSpaceProber.measure(FakeAddressSpaceProbe.withTaskSize(taskSize, 4096), 4096);

    assertEquals(taskSize, result.space().orElseThrow().taskSize());
  }

  @Test
  void aBlockedProbeLeavesTheAddressSpaceUnmeasuredAndSaysWhy() {
    AddressSpaceProber.Result result = AddressSpaceProber.measure(FakeAddressSpaceProbe.failingWith(1), 4096);

    assertEquals(Optional.empty(), result.space());
    assertTrue(result.detail().contains("errno 1"), result.detail());
    assertTrue(result.detail().contains("seccomp"), result.detail());
  }

  @Test
  void aProbeThatCannotLoadItsNativeCodeLeavesTheAddressSpaceUnmeasured() {
    AddressSpaceProbe broken = (address, length) -> {
      throw new UnsatisfiedLinkError("libc not found");
    };

    AddressSpaceProber.Result result = AddressSpaceProber.measure(broken, 4096);

    assertEquals(Optional.empty(), result.space());
    assertTrue(result.detail().contains("libc not found"), result.detail());
  }

  @Test
  void anAddressSpaceBelowEveryCandidateIsReportedNotGuessed() {
    AddressSpaceProber.Result result =
        AddressSpaceProber.measure(FakeAddressSpaceProbe.withTaskSize(1L << 32, 4096), 4096);

    assertEquals(Optional.empty(), result.space());
    assertTrue(result.detail().contains("outside"), result.detail());
  }

  @Test
  void aProbeThatUnexpectedlyMapsCountsAsInside() {
    // errno 0: the kernel mapped something (and the probe unmapped it); the range is inside user space
    AddressSpaceProbe mapsBelow39Bits = (address, length) -> address + length <= (1L << 39) ? 0 : 12;

    assertEquals(39, AddressSpaceProber.measure(mapsBelow39Bits, 4096).space().orElseThrow().bits());
  }
}
