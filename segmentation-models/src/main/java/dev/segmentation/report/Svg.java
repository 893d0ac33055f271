package dev.segmentation.report;

import java.util.Locale;

/** A small SVG writer: shapes with numeric attributes in a fixed locale, every text escaped. */
final class Svg {
    private final StringBuilder sb = new StringBuilder();

    Svg(String id, int width, int height, String label) {
        sb.append("<svg class=\"chart\" id=\"").append(Html.escape(id)).append("\" xmlns=\"http://www.w3.org/2000/svg\"")
                .append(" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape(label)).append("\">")
                .append("<title>").append(Html.escape(label)).append("</title>");
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    Svg rect(double x, double y, double w, double h, String fill, String tooltip) {
        sb.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
                .append(num(Math.max(0, w))).append("\" height=\"").append(num(Math.max(0, h)))
                .append("\" fill=\"").append(fill).append("\">");
        if (tooltip != null) {
            sb.append("<title>").append(Html.escape(tooltip)).append("</title>");
        }
        sb.append("</rect>");
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke, double width) {
        sb.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"")
                .append(num(x2)).append("\" y2=\"").append(num(y2)).append("\" stroke=\"").append(stroke)
                .append("\" stroke-width=\"").append(num(width)).append("\"/>");
        return this;
    }

    Svg polyline(double[] xs, double[] ys, String stroke, String dash) {
        sb.append("<polyline fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"2\"");
        if (dash != null) {
            sb.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        sb.append(" points=\"");
        for (int i = 0; i < xs.length; i++) {
            sb.append(num(xs[i])).append(',').append(num(ys[i])).append(' ');
        }
        sb.append("\"/>");
        return this;
    }

    Svg circle(double cx, double cy, double r, String fill, String stroke, String tooltip) {
        sb.append("<circle cx=\"").append(num(cx)).append("\" cy=\"").append(num(cy)).append("\" r=\"").append(num(r))
                .append("\" fill=\"").append(fill).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"1.5\">");
        if (tooltip != null) {
            sb.append("<title>").append(Html.escape(tooltip)).append("</title>");
        }
        sb.append("</circle>");
        return this;
    }

    Svg text(double x, double y, String text, String anchor, int size) {
        return text(x, y, text, anchor, size, "#111111");
    }

    Svg text(double x, double y, String text, String anchor, int size, String fill) {
        sb.append("<text fill=\"").append(fill).append("\" x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" font-size=\"")
                .append(size).append("\" text-anchor=\"").append(anchor).append("\">").append(Html.escape(text))
                .append("</text>");
        return this;
    }

    String close() {
        return sb.append("</svg>").toString();
    }

    /** A sequential colour scale (light yellow to dark blue, after ColorBrewer YlGnBu) for t in [0, 1]. */
    static String color(double t) {
        int[][] stops = {{255, 255, 217}, {199, 233, 180}, {65, 182, 196}, {34, 94, 168}, {8, 29, 88}};
        double u = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) u);
        double f = u - i;
        int[] c = new int[3];
        for (int k = 0; k < 3; k++) {
            c[k] = (int) Math.round(stops[i][k] + f * (stops[i + 1][k] - stops[i][k]));
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", c[0], c[1], c[2]);
    }

    /** Text colour readable on {@link #color(double)}. */
    static String ink(double t) {
        return t > 0.55 ? "#ffffff" : "#111111";
    }

    /** A qualitative palette (ColorBrewer Set2 plus Dark2) for segments. */
    static String category(int i) {
        String[] p = {"#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f", "#e5c494", "#b3b3b3",
            "#1b9e77", "#d95f02", "#7570b3", "#e7298a"};
        return p[Math.floorMod(i, p.length)];
    }
}
