import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;

/**
 * Bytes the simulator allocates per generated line (issue 19, the load stage). Run with a collector that never
 * collects, so that the used heap after {@code generate()} is the allocation:
 * {@code java -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -Xmx3g -cp segmentation.jar LoadAlloc.java 200000 [threads]}.
 */
public class LoadAlloc {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]);
        int threads = a.length > 1 ? Integer.parseInt(a[1]) : 2;
        Runtime rt = Runtime.getRuntime();
        long u0 = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        SimulatedRetail sim = RetailSimulator.builder().customers(n).seed(42).threads(threads).build().generate();
        long t1 = System.nanoTime();
        long u1 = rt.totalMemory() - rt.freeMemory();
        long lines = sim.log().size();
        System.out.printf("customers %d lines %d: allocated %.1f MB = %.1f B/line, %.0f ms%n", n, lines,
                (u1 - u0) / 1e6, (double) (u1 - u0) / lines, (t1 - t0) / 1e6);
    }
}
