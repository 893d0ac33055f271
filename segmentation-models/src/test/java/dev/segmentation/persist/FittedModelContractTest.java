package dev.segmentation.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every fitted model keeps (style.md G5, G10c), run for each model type in {@link ModelCases}:
 * returned arrays are copies, 16 threads scoring the same inputs get the single-threaded answers, the same seed
 * and data give bit-identical models with 1 or 4 threads, and persistence round-trips.
 */
class FittedModelContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<ModelCases.Case> cases() {
        return ModelCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void returnedArraysAreCopies(ModelCases.Case c) throws Exception {
        Object m = c.fit().apply(1);
        String before = ModelJson.toJson(m);
        double[] scores = c.score().apply(m);
        List<String> columns = new ArrayList<>();
        JSON.readTree(before).path("columns").forEach(n -> columns.add(n.asText()));
        for (Method method : m.getClass().getMethods()) {
            if (!method.getReturnType().isArray() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            method.setAccessible(true); // some are declared in a package-private superclass
            if (method.getParameterCount() == 0) {
                scrambleResult(method, m);
            } else if (method.getParameterCount() == 1 && method.getParameterTypes()[0] == String.class) {
                for (String column : columns) {
                    scrambleResult(method, m, column);
                }
            }
        }
        assertEquals(before, ModelJson.toJson(m), "a returned array was the model's own");
        assertArrayEquals(scores, c.score().apply(m));
    }

    private static void scrambleResult(Method method, Object m, Object... args) throws IllegalAccessException {
        try {
            scramble(method.invoke(m, args));
        } catch (InvocationTargetException e) {
            // e.g. covariance() of a fit without standard errors: nothing was returned
        }
    }

    private static void scramble(Object array) {
        for (int i = 0; i < Array.getLength(array); i++) {
            Object e = Array.get(array, i);
            if (e != null && e.getClass().isArray()) {
                scramble(e);
            } else if (e instanceof Double) {
                Array.set(array, i, -12345.0);
            } else if (e instanceof Long) {
                Array.set(array, i, -12345L);
            } else if (e instanceof Integer) {
                Array.set(array, i, -12345);
            } else if (e instanceof Boolean b) {
                Array.set(array, i, !b);
            } else if (e instanceof String) {
                Array.set(array, i, "scrambled");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sixteenThreadsScoreLikeOne(ModelCases.Case c) throws Exception {
        Object m = c.fit().apply(1);
        double[] expected = c.score().apply(m);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<double[]>> tasks = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                tasks.add(() -> {
                    double[] last = null;
                    for (int r = 0; r < 8; r++) {
                        last = c.score().apply(m);
                        if (!Arrays.equals(last, expected)) {
                            return last;
                        }
                    }
                    return last;
                });
            }
            for (Future<double[]> f : pool.invokeAll(tasks)) {
                assertArrayEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameSeedAndDataGiveBitIdenticalModelsWithOneOrFourThreads(ModelCases.Case c) throws Exception {
        String once = ModelJson.toJson(c.fit().apply(1));
        assertEquals(once, ModelJson.toJson(c.fit().apply(1)));
        if (c.threaded()) {
            // the trainer's toString names its thread count; every learned value must be the same
            assertEquals(withoutTrainer(once), withoutTrainer(ModelJson.toJson(c.fit().apply(4))));
        }
    }

    private static JsonNode withoutTrainer(String json) throws Exception {
        JsonNode n = JSON.readTree(json);
        strip(n);
        return n;
    }

    private static void strip(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove("trainer");
        }
        for (Iterator<JsonNode> it = n.elements(); it.hasNext();) {
            strip(it.next());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void persistenceRoundTrips(ModelCases.Case c) {
        Object m = c.fit().apply(4);
        Object back = ModelJson.fromJson(ModelJson.toJson(m));
        assertEquals(ModelJson.toJson(m), ModelJson.toJson(back));
        assertArrayEquals(c.score().apply(m), c.score().apply(back));
    }
}
