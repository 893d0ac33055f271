package dev.segmentation.persist;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object being read, with its path for messages: typed field access that refuses anything else with a
 * {@link ModelFormatException} naming the path. Package-private: not API.
 */
final class Doc {
    private static final int SHOWN = 60;

    /** The persistable types this document is read with. */
    final Registry registry;
    final String source;
    final String path;
    final JsonNode node;
    /** The document's format version ({@code $.version}), which nested objects share. */
    final int version;

    Doc(Registry registry, String source, String path, JsonNode node, int version) {
        this.registry = registry;
        this.source = source;
        this.path = path;
        this.node = node;
        this.version = version;
    }

    /** The refusal of the field {@code at} (a path) that must be {@code what}. */
    ModelFormatException fail(String at, String what, JsonNode found) {
        return new ModelFormatException(source + ": " + at + " must be " + what + ", found " + show(found), at,
                null);
    }

    /** A refusal with a message of its own for the field {@code at}. */
    ModelFormatException refuse(String at, String message, Throwable cause) {
        return new ModelFormatException(source + ": " + at + " " + message, at, cause);
    }

    static String show(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        String s = v.toString();
        return s.length() <= SHOWN ? s : s.substring(0, SHOWN) + "...";
    }

    String at(String name) {
        return path + "." + name;
    }

    private JsonNode field(String name) {
        JsonNode v = node.get(name);
        if (v == null) {
            throw new ModelFormatException(source + ": " + at(name) + " is missing", at(name), null);
        }
        return v;
    }

    String text(String name) {
        JsonNode v = field(name);
        if (!v.isTextual()) {
            throw fail(at(name), "a string", v);
        }
        return v.asText();
    }

    boolean bool(String name) {
        JsonNode v = field(name);
        if (!v.isBoolean()) {
            throw fail(at(name), "true or false", v);
        }
        return v.booleanValue();
    }

    int integer(String name) {
        JsonNode v = field(name);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw fail(at(name), "an integer", v);
        }
        return v.intValue();
    }

    long longValue(String name) {
        JsonNode v = field(name);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw fail(at(name), "a 64-bit integer", v);
        }
        return v.longValue();
    }

    /** Tells whether the object has a member of this name. */
    boolean has(String name) {
        return node.has(name);
    }

    /** A 64-bit integer, or -1 for null (a value that was not recorded). */
    long longOrNull(String name) {
        JsonNode v = field(name);
        if (v.isNull()) {
            return -1;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            throw fail(at(name), "an integer >= 0 or null", v);
        }
        return v.longValue();
    }

    /** The members of an object field whose values are all strings, in document order. */
    Map<String, String> textMembers(String name) {
        Doc o = object(name);
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw fail(o.at(e.getKey()), "a string", e.getValue());
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    double number(String name) {
        return finite(at(name), field(name), false);
    }

    /** A finite number, or null for NaN (a value that was not recorded). */
    double numberOrNull(String name) {
        return finite(at(name), field(name), true);
    }

    private double finite(String at, JsonNode v, boolean nullable) {
        if (nullable && v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw fail(at, nullable ? "a finite number or null" : "a finite number", v);
        }
        return v.doubleValue();
    }

    private JsonNode array(String at, JsonNode v) {
        if (!v.isArray()) {
            throw fail(at, "an array", v);
        }
        return v;
    }

    double[] doubles(String name) {
        return doubles(at(name), field(name), false);
    }

    double[] doublesOrNull(String name) {
        return doubles(at(name), field(name), true);
    }

    private double[] doubles(String at, JsonNode v, boolean nullable) {
        array(at, v);
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = finite(at + "[" + i + "]", v.get(i), nullable);
        }
        return out;
    }

    double[][] matrix(String name) {
        return matrix(at(name), field(name));
    }

    private double[][] matrix(String at, JsonNode v) {
        array(at, v);
        double[][] out = new double[v.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles(at + "[" + i + "]", v.get(i), false);
        }
        return out;
    }

    double[][][] cube(String name) {
        String at = at(name);
        JsonNode v = array(at, field(name));
        double[][][] out = new double[v.size()][][];
        for (int i = 0; i < out.length; i++) {
            out[i] = matrix(at + "[" + i + "]", v.get(i));
        }
        return out;
    }

    long[] longs(String name) {
        String at = at(name);
        JsonNode v = array(at, field(name));
        long[] out = new long[v.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = v.get(i);
            if (!e.isIntegralNumber() || !e.canConvertToLong()) {
                throw fail(at + "[" + i + "]", "a 64-bit integer", e);
            }
            out[i] = e.longValue();
        }
        return out;
    }

    int[] ints(String name) {
        long[] v = longs(name);
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != (int) v[i]) {
                throw fail(at(name) + "[" + i + "]", "a 32-bit integer", node.get(name).get(i));
            }
            out[i] = (int) v[i];
        }
        return out;
    }

    /** An array of integer arrays, e.g. neighbour lists. */
    int[][] intMatrix(String name) {
        String at = at(name);
        JsonNode v = array(at, field(name));
        int[][] out = new int[v.size()][];
        for (int i = 0; i < out.length; i++) {
            JsonNode row = array(at + "[" + i + "]", v.get(i));
            out[i] = new int[row.size()];
            for (int k = 0; k < row.size(); k++) {
                JsonNode e = row.get(k);
                if (!e.isIntegralNumber() || !e.canConvertToInt()) {
                    throw fail(at + "[" + i + "][" + k + "]", "a 32-bit integer", e);
                }
                out[i][k] = e.intValue();
            }
        }
        return out;
    }

    List<String> strings(String name) {
        String at = at(name);
        JsonNode v = array(at, field(name));
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isTextual()) {
                throw fail(at + "[" + i + "]", "a string", e);
            }
            out.add(e.asText());
        }
        return out;
    }

    Doc object(String name) {
        return object(at(name), field(name));
    }

    private Doc object(String at, JsonNode v) {
        if (!v.isObject()) {
            throw fail(at, "an object", v);
        }
        return new Doc(registry, source, at, v, version);
    }

    List<Doc> objects(String name) {
        String at = at(name);
        JsonNode v = array(at, field(name));
        List<Doc> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.add(object(at + "[" + i + "]", v.get(i)));
        }
        return out;
    }

    /** The members of an object field, in document order. */
    Map<String, Doc> members(String name) {
        Doc o = object(name);
        Map<String, Doc> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), o.object(o.at(e.getKey()), e.getValue()));
        }
        return out;
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        JsonNode v = field(name);
        if (v.isTextual()) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(v.asText())) {
                    return e;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name());
        }
        throw fail(at(name), "one of " + names, v);
    }
}
