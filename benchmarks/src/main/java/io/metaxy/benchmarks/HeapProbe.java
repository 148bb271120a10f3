package io.metaxy.benchmarks;

import io.metaxy.ports.store.MetadataStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child-JVM entry point of the peak-heap measurement: opens a seeded store, resolves the leaf once
 * (timed, consuming every stream), checks the result, and prints one {@code HEAPPROBE} line with
 * the elapsed time and peak heap: the largest used heap sampled every 5 ms, and the sum of the heap
 * pools' peak usage (an upper bound). Run it with {@code -Xmx} to prove the increment streams.
 *
 * <p>Arguments: target name, database file, scenario, N, phase, expected checksum (or {@code -}).
 */
public final class HeapProbe {
  private HeapProbe() {}

  public static void main(String[] args) throws Exception {
    Target target = Target.byName(args[0]).orElseThrow();
    Path file = Path.of(args[1]);
    Scenario sc = Scenario.valueOf(args[2]);
    long n = Long.parseLong(args[3]);
    Phase phase = Phase.valueOf(args[4]);
    Long expected = args[5].equals("-") ? null : Long.parseLong(args[5]);
    Location loc = Location.existingFile(target.db(), file, null);

    AtomicLong peak = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              var mem = ManagementFactory.getMemoryMXBean();
              while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    String result;
    try (MetadataStore store = target.create(sc.graph(), loc).open()) {
      System.gc();
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        if (p.getType() == MemoryType.HEAP) {
          p.resetPeakUsage();
        }
      }
      peak.set(0);
      sampler.start();
      long[] nanos = new long[1];
      Tally t = Runner.resolveStore(store, sc, n, nanos);
      sampler.interrupt();
      long pools = 0;
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        if (p.getType() == MemoryType.HEAP) {
          pools += p.getPeakUsage().getUsed();
        }
      }
      String err = t.verify(phase);
      if (err == null && expected != null && expected != t.checksum()) {
        err = "checksum " + t.checksum() + " differs from expected " + expected;
      }
      result =
          "HEAPPROBE nanos="
              + nanos[0]
              + " peakSampled="
              + peak.get()
              + " peakPools="
              + pools
              + " maxHeap="
              + Runtime.getRuntime().maxMemory()
              + " counts="
              + t.counts()
              + " checksum="
              + t.checksum()
              + " verdict="
              + (err == null ? "ok" : err.replace(' ', '_'));
    }
    System.out.println(result);
  }
}
