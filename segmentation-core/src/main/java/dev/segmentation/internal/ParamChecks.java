package dev.segmentation.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Not API: the one set of argument checks of the library (builders, static factories, {@code dev.segmentation.persist}),
 * in the style of Caffeine's {@code requireArgument}, with one wording: {@code "<param> must be <constraint>, found
 * <value>"}, where the constraint reads {@code finite}, {@code finite and > 0}, {@code finite and >= 0},
 * {@code >= <min>}, {@code in [<lo>, <hi>]} (or {@code (<lo>, <hi>)}, {@code (<lo>, <hi>]}), {@code non-empty},
 * {@code non-blank} or {@code distinct}; a string value is quoted ({@code found "x"}). Use these instead of writing a
 * check by hand, so that the same rule reads the same everywhere.
 */
public final class ParamChecks {
    private ParamChecks() {
    }

    /**
     * Requires non-empty, distinct, non-null names.
     *
     * @param param the parameter name, for messages
     * @param names the names. Not modified.
     * @return a copy as an array
     * @throws IllegalArgumentException if they are empty or repeat a name
     */
    public static String[] names(String param, List<String> names) {
        Objects.requireNonNull(names, param);
        if (names.isEmpty()) {
            throw new IllegalArgumentException(param + " must be non-empty, found []");
        }
        Set<String> seen = new HashSet<>();
        for (String s : names) {
            Objects.requireNonNull(s, param + " element");
            if (!seen.add(s)) {
                throw new IllegalArgumentException(param + " must be distinct, found \"" + s + "\" twice");
            }
        }
        return names.toArray(new String[0]);
    }

    /**
     * Requires an array of the given length.
     *
     * @param param the parameter name, for messages
     * @param values the values. Not modified.
     * @param length the required length
     * @param what what one entry stands for, e.g. {@code "one per column"}
     * @return a copy
     * @throws IllegalArgumentException if the length differs
     */
    public static double[] length(String param, double[] values, int length, String what) {
        Objects.requireNonNull(values, param);
        if (values.length != length) {
            throw new IllegalArgumentException(param + " must have length " + length + " (" + what + "), found "
                    + values.length);
        }
        return values.clone();
    }

    /**
     * Requires an array (or list) of the given length, without copying it.
     *
     * @param param the parameter name, for messages
     * @param length the array's length
     * @param required the required length
     * @throws IllegalArgumentException {@code "<param> must have length <required>, found <length>"}
     */
    public static void hasLength(String param, int length, int required) {
        if (length != required) {
            throw new IllegalArgumentException(param + " must have length " + required + ", found " + length);
        }
    }

    /**
     * Requires an array at least the given length, such as an output buffer.
     *
     * @param param the parameter name, for messages
     * @param length the array's length
     * @param min the least allowed length
     * @throws IllegalArgumentException {@code "<param> must have length >= <min>, found <length>"}
     */
    public static void hasLengthAtLeast(String param, int length, int min) {
        if (length < min) {
            throw new IllegalArgumentException(param + " must have length >= " + min + ", found " + length);
        }
    }

    /**
     * Requires every value to be finite.
     *
     * @param param the parameter name, for messages
     * @param values the values. Not modified.
     * @param length the required length
     * @param what what one entry stands for, e.g. {@code "one per column"}
     * @return a copy
     * @throws IllegalArgumentException naming the parameter, the index and the value
     */
    public static double[] finite(String param, double[] values, int length, String what) {
        double[] v = length(param, values, length, what);
        for (int j = 0; j < v.length; j++) {
            if (!Double.isFinite(v[j])) {
                throw new IllegalArgumentException(param + "[" + j + "] must be finite, found " + v[j]);
            }
        }
        return v;
    }

    /**
     * Requires every value to be finite and {@code > 0}.
     *
     * @param param the parameter name, for messages
     * @param values the values. Not modified.
     * @param length the required length
     * @param what what one entry stands for, e.g. {@code "one per column"}
     * @return a copy
     * @throws IllegalArgumentException naming the parameter, the index and the value
     */
    public static double[] positive(String param, double[] values, int length, String what) {
        double[] v = length(param, values, length, what);
        for (int j = 0; j < v.length; j++) {
            if (!(v[j] > 0) || !Double.isFinite(v[j])) {
                throw new IllegalArgumentException(param + "[" + j + "] must be finite and > 0, found " + v[j]);
            }
        }
        return v;
    }

    /**
     * Requires every value to be finite and {@code >= 0}.
     *
     * @param param the parameter name, for messages
     * @param values the values. Not modified.
     * @param length the required length
     * @param what what one entry stands for, e.g. {@code "one per centroid"}
     * @return a copy
     * @throws IllegalArgumentException naming the parameter, the index and the value
     */
    public static double[] nonNegative(String param, double[] values, int length, String what) {
        double[] v = length(param, values, length, what);
        for (int j = 0; j < v.length; j++) {
            if (!(v[j] >= 0) || !Double.isFinite(v[j])) {
                throw new IllegalArgumentException(param + "[" + j + "] must be finite and >= 0, found " + v[j]);
            }
        }
        return v;
    }

    /**
     * Requires a finite scalar.
     *
     * @param param the parameter name, for messages
     * @param value the value
     * @return the value
     * @throws IllegalArgumentException if it is NaN or infinite
     */
    public static double finite(String param, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(param + " must be finite, found " + value);
        }
        return value;
    }

    /**
     * Requires a finite scalar or NaN (NaN stands for "not recorded").
     *
     * @param param the parameter name, for messages
     * @param value the value
     * @return the value
     * @throws IllegalArgumentException if it is infinite
     */
    public static double finiteOrNaN(String param, double value) {
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException(param + " must be finite or NaN, found " + value);
        }
        return value;
    }

    /**
     * Requires an integer {@code >= min}.
     *
     * @param param the parameter name, for messages
     * @param value the value
     * @param min the least allowed value
     * @return the value
     * @throws IllegalArgumentException if it is smaller
     */
    public static long atLeast(String param, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(param + " must be >= " + min + ", found " + value);
        }
        return value;
    }

    /**
     * Requires a positive duration.
     *
     * @param param the parameter name, for messages
     * @param value the duration
     * @return the duration
     * @throws IllegalArgumentException if it is zero or negative
     */
    public static java.time.Duration positive(String param, java.time.Duration value) {
        Objects.requireNonNull(value, param);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(param + " must be positive, found " + value);
        }
        return value;
    }

    /**
     * Requires a condition about an argument; the message is formatted only on failure.
     *
     * @param condition the condition
     * @param template the message, with {@code %s} placeholders
     * @param args the placeholders' values
     * @throws IllegalArgumentException with the formatted message if the condition is false
     */
    public static void requireArgument(boolean condition, String template, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, template, args));
        }
    }

    /**
     * Requires a finite scalar {@code > 0}.
     *
     * @param param the parameter name, for messages
     * @param value the value
     * @return the value
     * @throws IllegalArgumentException {@code "<param> must be finite and > 0, found <value>"}
     */
    public static double positive(String param, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(param + " must be finite and > 0, found " + value);
        }
        return value;
    }

    /**
     * Requires a finite scalar {@code >= 0}.
     *
     * @param param the parameter name, for messages
     * @param value the value
     * @return the value
     * @throws IllegalArgumentException {@code "<param> must be finite and >= 0, found <value>"}
     */
    public static double nonNegative(String param, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(param + " must be finite and >= 0, found " + value);
        }
        return value;
    }

    /**
     * Requires a scalar in the closed interval {@code [lo, hi]} (NaN is refused).
     *
     * @param param the parameter name, for messages
     * @param value the value
     * @param lo the least allowed value
     * @param hi the greatest allowed value
     * @return the value
     * @throws IllegalArgumentException {@code "<param> must be in [<lo>, <hi>], found <value>"}, a whole bound written
     *     as an integer ({@code "p must be in [0, 1], found 1.5"})
     */
    public static double inRange(String param, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(param + " must be in [" + bound(lo) + ", " + bound(hi) + "], found "
                    + value);
        }
        return value;
    }

    /**
     * Requires an integer in the closed interval {@code [lo, hi]}.
     *
     * @param param the parameter name, for messages
     * @param value the value
     * @param lo the least allowed value
     * @param hi the greatest allowed value
     * @return the value
     * @throws IllegalArgumentException {@code "<param> must be in [<lo>, <hi>], found <value>"}
     */
    public static long inRange(String param, long value, long lo, long hi) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(param + " must be in [" + lo + ", " + hi + "], found " + value);
        }
        return value;
    }

    /**
     * Requires a scalar in the open interval {@code (lo, hi)} (NaN is refused).
     *
     * @param param the parameter name, for messages
     * @param value the value
     * @param lo the bound the value must exceed
     * @param hi the bound the value must stay below
     * @return the value
     * @throws IllegalArgumentException {@code "<param> must be in (<lo>, <hi>), found <value>"}
     */
    public static double inOpenRange(String param, double value, double lo, double hi) {
        if (!(value > lo && value < hi)) {
            throw new IllegalArgumentException(param + " must be in (" + bound(lo) + ", " + bound(hi) + "), found "
                    + value);
        }
        return value;
    }

    /**
     * Requires a scalar in the half-open interval {@code (lo, hi]} (NaN is refused), such as a fraction that may be
     * whole but not 0.
     *
     * @param param the parameter name, for messages
     * @param value the value
     * @param lo the bound the value must exceed
     * @param hi the greatest allowed value
     * @return the value
     * @throws IllegalArgumentException {@code "<param> must be in (<lo>, <hi>], found <value>"}
     */
    public static double inLeftOpenRange(String param, double value, double lo, double hi) {
        if (!(value > lo && value <= hi)) {
            throw new IllegalArgumentException(param + " must be in (" + bound(lo) + ", " + bound(hi) + "], found "
                    + value);
        }
        return value;
    }

    /**
     * Requires a non-empty collection.
     *
     * @param param the parameter name, for messages
     * @param values the collection. Not modified.
     * @param <C> the collection type
     * @return the collection
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException {@code "<param> must be non-empty, found []"}
     */
    public static <C extends java.util.Collection<?>> C nonEmpty(String param, C values) {
        Objects.requireNonNull(values, param);
        if (values.isEmpty()) {
            throw new IllegalArgumentException(param + " must be non-empty, found []");
        }
        return values;
    }

    /**
     * Requires a string with at least one character that is not white space.
     *
     * @param param the parameter name, for messages
     * @param value the string
     * @return the string
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException {@code "<param> must be non-blank, found "<value>""}, the value in double
     *     quotes
     */
    public static String nonBlank(String param, String value) {
        Objects.requireNonNull(value, param);
        if (value.isBlank()) {
            throw new IllegalArgumentException(param + " must be non-blank, found \"" + value + "\"");
        }
        return value;
    }

    /** A bound as the messages write it: a whole number without ".0", any other value as {@link Double#toString}. */
    private static String bound(double b) {
        return b == Math.rint(b) && Math.abs(b) < 1e15 ? Long.toString((long) b) : Double.toString(b);
    }

    /**
     * Requires an integer {@code >= min}.
     *
     * @param param the parameter name, for messages
     * @param value the value
     * @param min the least allowed value
     * @return the value
     * @throws IllegalArgumentException {@code "<param> must be >= <min>, found <value>"}
     */
    public static int atLeast(String param, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(param + " must be >= " + min + ", found " + value);
        }
        return value;
    }

    /**
     * Requires a worker-thread count {@code >= 1}: the one check behind every builder's {@code threads(int)}.
     *
     * @param threads the count
     * @return the count
     * @throws IllegalArgumentException {@code "threads must be >= 1, found <threads>"}
     */
    public static int threads(int threads) {
        return atLeast("threads", threads, 1);
    }
}
