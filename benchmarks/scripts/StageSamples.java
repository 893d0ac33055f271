import java.nio.file.*;
import java.util.*;
import java.util.regex.*;
import jdk.jfr.consumer.*;

/** usage: java StageSamples.java file.jfr [stage] [top]: samples per stage (stage = the Segmentation.xStage frame on the stack, else the
 *  time window of the main thread's stage), GC per stage, top own frames and top inclusive dev.segmentation frames. */
public class StageSamples {
    public static void main(String[] a) throws Exception {
        Pattern p = Pattern.compile("(\\w+)Stage");
        List<RecordedEvent> ev = RecordingFile.readAllEvents(Path.of(a[0]));
        String focus = a.length > 1 ? a[1] : null;
        int top = a.length > 2 ? Integer.parseInt(a[2]) : 12;
        TreeMap<Long, String> marks = new TreeMap<>();
        List<Object[]> samples = new ArrayList<>();
        for (RecordedEvent e : ev) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
            RecordedStackTrace tr = e.getStackTrace();
            String stage = null;
            if (tr != null) for (RecordedFrame f : tr.getFrames()) {
                String t = f.getMethod().getType().getName();
                String m = f.getMethod().getName();
                if (t.equals("dev.segmentation.pipeline.Segmentation") && m.equals("summaries")) { stage = "summaries"; break; }
                if ((t.equals("dev.segmentation.pipeline.SegmentationResult") && m.startsWith("write")) || t.startsWith("dev.segmentation.report.HtmlReport") || t.startsWith("dev.segmentation.cli.ModelFiles")) { stage = "write"; break; }
                if (t.equals("dev.segmentation.pipeline.Segmentation")) { Matcher mm = p.matcher(m); if (mm.matches()) { stage = mm.group(1); break; } }
                if (t.startsWith("dev.segmentation.pipeline.") && t.endsWith("Stage") && !t.contains("$")) {
                    String c = t.substring("dev.segmentation.pipeline.".length(), t.length() - "Stage".length());
                    stage = Character.toLowerCase(c.charAt(0)) + c.substring(1); break;
                }
                if (t.startsWith("dev.segmentation.cli.RunCommand") && (m.equals("load") || m.startsWith("simulat") || m.startsWith("read"))) stage = "load";
                if (t.startsWith("dev.segmentation.data.RetailSimulator") || t.startsWith("dev.segmentation.data.Simulation") || t.startsWith("dev.segmentation.data.CustomerGeneration")) { stage = "load"; }
            }
            long ms = e.getStartTime().toEpochMilli();
            if (stage != null) marks.merge(ms, stage, (x, y) -> x);
            samples.add(new Object[]{ms, stage, tr});
        }
        Map<String, Integer> total = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> own = new HashMap<>(), incl = new HashMap<>();
        for (Object[] s : samples) {
            String stage = (String) s[1];
            if (stage == null) { Map.Entry<Long, String> f = marks.floorEntry((Long) s[0]); stage = f == null ? "(before)" : f.getValue(); }
            total.merge(stage, 1, Integer::sum);
            RecordedStackTrace tr = (RecordedStackTrace) s[2];
            if (tr == null || tr.getFrames().isEmpty()) continue;
            RecordedFrame f0 = tr.getFrames().get(0);
            own.computeIfAbsent(stage, k -> new HashMap<>()).merge(f0.getMethod().getType().getName().replaceAll(".*\\.", "") + "." + f0.getMethod().getName(), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : tr.getFrames()) {
                String t = f.getMethod().getType().getName();
                if (!t.startsWith("dev.segmentation")) continue;
                String k = t.replaceAll(".*\\.", "") + "." + f.getMethod().getName();
                if (seen.add(k)) incl.computeIfAbsent(stage, x -> new HashMap<>()).merge(k, 1, Integer::sum);
            }
        }
        Map<String, double[]> gc = new HashMap<>();
        for (RecordedEvent e : ev) if (e.getEventType().getName().equals("jdk.GarbageCollection")) {
            Map.Entry<Long, String> f = marks.floorEntry(e.getStartTime().toEpochMilli());
            String st = f == null ? "(before)" : f.getValue();
            double[] g = gc.computeIfAbsent(st, k -> new double[3]);
            g[0]++; g[1] += e.getDuration().toNanos() / 1e6; g[2] += e.getDuration("sumOfPauses").toNanos() / 1e6;
        }
        int all = 0; for (int v : total.values()) all += v;
        System.out.println("samples " + all);
        for (var en : total.entrySet()) {
            double[] g = gc.getOrDefault(en.getKey(), new double[3]);
            System.out.printf("%-16s %6d samples, %3.0f GCs %8.0f ms (paused %6.0f)%n", en.getKey(), en.getValue(), g[0], g[1], g[2]);
        }
        for (var en : total.keySet()) {
            if (focus != null && !focus.equals(en) && !focus.equals("all")) continue;
            System.out.println("== " + en + " own:");
            own.getOrDefault(en, Map.of()).entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(top).forEach(x -> System.out.println("   " + x.getValue() + " " + x.getKey()));
            System.out.println("== " + en + " inclusive:");
            incl.getOrDefault(en, Map.of()).entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(top * 2).forEach(x -> System.out.println("   " + x.getValue() + " " + x.getKey()));
        }
    }
}
