import java.nio.file.*;
import java.time.Instant;
import java.util.*;
import jdk.jfr.consumer.*;

/** usage: java StageFrames.java file.jfr stages.txt [top]; stages.txt: "name startEpochSeconds endEpochSeconds" per line. */
public class StageFrames {
    public static void main(String[] a) throws Exception {
        List<String[]> st = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of(a[1]))) if (!l.isBlank()) st.add(l.trim().split("\\s+"));
        int top = a.length > 2 ? Integer.parseInt(a[2]) : 8;
        Map<String, Map<String, Integer>> own = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> lib = new LinkedHashMap<>();
        Map<String, Integer> total = new LinkedHashMap<>();
        for (String[] s : st) { own.put(s[0], new HashMap<>()); lib.put(s[0], new HashMap<>()); total.put(s[0], 0); }
        total.put("(outside)", 0);
        Map<String, Double> gc = new HashMap<>();
        Map<String, Double> gcSum = new HashMap<>();
        Map<String, Integer> gcN = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(a[0]))) {
            if (e.getEventType().getName().equals("jdk.GarbageCollection")) {
                Instant g = e.getStartTime();
                double gs = g.getEpochSecond() + g.getNano() / 1e9;
                for (String[] s : st) if (gs >= Double.parseDouble(s[1]) && gs < Double.parseDouble(s[2])) {
                    gc.merge(s[0], e.getDuration().toNanos() / 1e6, Double::sum);
                    gcSum.merge(s[0], e.getDuration("sumOfPauses").toNanos() / 1e6, Double::sum);
                    gcN.merge(s[0], 1, Integer::sum);
                }
                continue;
            }
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
            Instant t = e.getStartTime();
            double sec = t.getEpochSecond() + t.getNano() / 1e9;
            String stage = "(outside)";
            for (String[] s : st) if (sec >= Double.parseDouble(s[1]) && sec < Double.parseDouble(s[2])) { stage = s[0]; break; }
            total.merge(stage, 1, Integer::sum);
            if (stage.equals("(outside)")) continue;
            RecordedStackTrace trace = e.getStackTrace();
            if (trace == null || trace.getFrames().isEmpty()) continue;
            RecordedFrame f = trace.getFrames().get(0);
            own.get(stage).merge(name(f), 1, Integer::sum);
            for (RecordedFrame g : trace.getFrames()) {
                String n = name(g);
                if (n.startsWith("dev.segmentation.")) { lib.get(stage).merge(n, 1, Integer::sum); break; }
            }
        }
        for (String[] s : st) {
            String k = s[0];
            System.out.printf("%s: %d samples, %d GCs, GC duration %.0f ms, pauses %.0f ms%n  own: %s%n  innermost library frame: %s%n", k, total.get(k), gcN.getOrDefault(k, 0), gc.getOrDefault(k, 0.0), gcSum.getOrDefault(k, 0.0),
                fmt(own.get(k), top), fmt(lib.get(k), top));
        }
        System.out.println("(outside): " + total.get("(outside)"));
    }
    static String name(RecordedFrame f) {
        String c = f.getMethod().getType().getName();
        return c.replace("dev.segmentation.", "dev.segmentation.") + "." + f.getMethod().getName();
    }
    static String fmt(Map<String, Integer> m, int top) {
        StringBuilder b = new StringBuilder();
        m.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(top)
            .forEach(x -> b.append(x.getKey().replace("dev.segmentation.", "")).append(' ').append(x.getValue()).append(", "));
        return b.toString();
    }
}
