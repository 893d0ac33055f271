import jdk.jfr.consumer.*;
import java.nio.file.*;
import java.util.*;
/** usage: java FrameCallers.java file.jfr Type.method: the JFR execution samples that have the frame Type.method (simple
 *  class name) on their stack, grouped by the three frames above it (its callers), most samples first. */
public class FrameCallers {
    public static void main(String[] a) throws Exception {
        Map<String, Integer> by = new TreeMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(a[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
            RecordedStackTrace tr = e.getStackTrace();
            if (tr == null) continue;
            List<RecordedFrame> f = tr.getFrames();
            for (int i = 0; i < f.size(); i++) {
                String n = f.get(i).getMethod().getType().getName().replaceAll(".*\\.", "") + "." + f.get(i).getMethod().getName();
                if (n.equals(a[1])) {
                    StringBuilder sb = new StringBuilder();
                    for (int j = i + 1; j < Math.min(f.size(), i + 4); j++) sb.append(f.get(j).getMethod().getType().getName().replaceAll(".*\\.", "")).append('.').append(f.get(j).getMethod().getName()).append(" < ");
                    by.merge(sb.toString(), 1, Integer::sum);
                    total++;
                    break;
                }
            }
        }
        System.out.println(a[1] + " " + total);
        by.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(20).forEach(x -> System.out.println(x.getValue() + "  " + x.getKey()));
    }
}
