package dev.segmentation.data;

/**
 * Parses decimal numbers straight from a char buffer, without making a String for the common case.
 *
 * <p>Grammar (after trimming spaces and tabs): {@code [+-]? digits? ('.' digits?)? ([eE] [+-]? digits)?} with
 * at least one mantissa digit. {@code NaN}, {@code Infinity}, hexadecimal and Java suffixes ({@code 1d},
 * {@code 1f}) are not numbers here.
 *
 * <p>Exactness: a mantissa of at most 18 significant digits below 2^53 with a decimal exponent in [-22, 22]
 * is converted with one correctly rounded multiplication or division by an exact power of ten (Clinger 1990,
 * "How to read floating point numbers accurately", the fast path), which gives the same double as
 * {@link Double#parseDouble}. Everything else goes to {@link Double#parseDouble}, so every result is the
 * correctly rounded double of the text.
 */
final class Numbers {
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    private static final long TWO_POW_53 = 1L << 53;

    private Numbers() {
    }

    /**
     * Returns the number in {@code b[off, off + len)}: NaN when the text is not a number by the grammar above,
     * an infinity when it overflows a double, else the correctly rounded value.
     */
    static double parse(char[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        while (end > i && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        int start = i;
        if (i == end) {
            return Double.NaN;
        }
        boolean negative = false;
        if (b[i] == '+' || b[i] == '-') {
            negative = b[i] == '-';
            i++;
        }
        long m = 0;
        int digits = 0;
        int exp = 0;
        boolean anyDigit = false;
        boolean fast = true;
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            anyDigit = true;
            if (m == 0 && d == 0) {
                continue;
            }
            if (digits < 18) {
                m = m * 10 + d;
                digits++;
            } else {
                fast = false;
            }
        }
        if (i < end && b[i] == '.') {
            for (i++; i < end; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                anyDigit = true;
                if (m == 0 && d == 0) {
                    exp--;
                } else if (digits < 18) {
                    m = m * 10 + d;
                    digits++;
                    exp--;
                } else {
                    fast = false;
                }
            }
        }
        if (!anyDigit) {
            return Double.NaN;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int expStart = i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            if (i == expStart) {
                return Double.NaN;
            }
            fast = false;
        }
        if (i != end) {
            return Double.NaN;
        }
        if (fast && m < TWO_POW_53 && exp >= -22) {
            // exp <= 0 here: without an exponent part, digits before the point never raise exp.
            double v = exp == 0 ? m : m / POW10[-exp];
            return negative ? -v : v;
        }
        if (fast && m == 0) {
            return negative ? -0.0 : 0.0;
        }
        return Double.parseDouble(new String(b, start, end - start));
    }
}
