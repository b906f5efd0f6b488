package dev.bramble.shim;

/** Entry point of {@code containerd-shim-bramble-v1} (placeholder until the shim lands). */
public final class ShimMain {
  private ShimMain() {}

  public static void main(String[] args) {
    System.out.println("containerd-shim-bramble-v1");
  }
}
