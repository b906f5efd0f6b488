package dev.bramble.shim.task;

import dev.bramble.runtime.linux.LinuxKernel;
import java.lang.reflect.Proxy;

/**
 * A kernel for tests that must never touch the real one: getpid answers, every other call fails loudly. A proxy,
 * so it keeps compiling as the seam grows.
 */
public final class FakeKernel {
  private FakeKernel() {}

  public static LinuxKernel create() {
    return (LinuxKernel) Proxy.newProxyInstance(LinuxKernel.class.getClassLoader(),
        new Class<?>[] {LinuxKernel.class}, (proxy, method, args) -> {
          if (method.getName().equals("getpid")) {
            return 4242;
          }
          if (method.getDeclaringClass() == Object.class) {
            return method.getName().equals("toString") ? "FakeKernel" : null;
          }
          throw new UnsupportedOperationException("FakeKernel." + method.getName());
        });
  }
}
