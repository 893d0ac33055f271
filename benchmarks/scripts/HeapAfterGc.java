import jdk.jfr.consumer.*;
import java.nio.file.*;
/** usage: java HeapAfterGc.java file.jfr [lines]: the largest heap used after a collection (jdk.GCHeapSummary "After GC"),
 *  per line of the log (default 27,106,787, the 1 M-customer simulator), the number of collections and their summed pauses. */
public class HeapAfterGc {
    public static void main(String[] a) throws Exception {
        long max = 0; int gcs = 0; double pause = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(a[0]))) {
            String n = e.getEventType().getName();
            if (n.equals("jdk.GCHeapSummary") && "After GC".equals(e.getString("when"))) max = Math.max(max, e.getLong("heapUsed"));
            if (n.equals("jdk.GarbageCollection")) { gcs++; pause += e.getDuration("sumOfPauses").toNanos() / 1e6; }
        }
        System.out.printf("max heap after GC %d bytes (%.2f GB, %.0f B/line), GCs %d, paused %.0f ms%n", max, max / 1e9, max / (a.length > 1 ? Double.parseDouble(a[1]) : 27106787.0), gcs, pause);
    }
}
