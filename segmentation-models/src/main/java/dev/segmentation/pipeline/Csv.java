package dev.segmentation.pipeline;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** RFC 4180 output: fields quoted when they hold a comma, quote or line break; LF line ends. */
final class Csv {
    private Csv() {
    }

    static void line(Writer w, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            String s = fields.get(i);
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                w.write('"');
                w.write(s.replace("\"", "\"\""));
                w.write('"');
            } else {
                w.write(s);
            }
        }
        w.write('\n');
    }

    /** Full double precision; NaN (a stage that did not run) is an empty field. */
    static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
