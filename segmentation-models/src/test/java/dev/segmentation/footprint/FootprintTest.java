package dev.segmentation.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.FittedModel;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.testing.StdoutGuard;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Library manners (style.md G12, issue 8): no static mutable state in core or models, found by reflection over
 * every compiled class, and no output on stdout or stderr from library code (the {@link StdoutGuard} around a
 * representative workload is in {@code dev.segmentation.persist.QuietLibraryTest}).
 */
class FootprintTest {
    /**
     * Reviewed exceptions: {@code Internals.matrixData} and {@code Internals.sparseViews} are set-once hooks written
     * by {@code FeatureMatrix}'s and {@code SparseMatrix}'s static initializers (the shared-secrets pattern; a second
     * set is refused), never changed afterwards; {@code Numbers.POW10} is a private
     * read-only table of powers of ten on the ingestion hot path, never written (a {@code List<Double>} would box).
     */
    private static final Set<String> ALLOWED = Set.of("dev.segmentation.internal.Internals.matrixData",
            "dev.segmentation.internal.Internals.sparseViews",
            "dev.segmentation.data.Numbers.POW10");

    @Test
    void libraryClassesHoldNoStaticMutableState() throws Exception {
        List<String> classes = new ArrayList<>();
        classes.addAll(classNames(FeatureMatrix.class));
        classes.addAll(classNames(KMeansModel.class));
        assertTrue(classes.size() > 100, "found only " + classes.size() + " classes");
        List<String> violations = new ArrayList<>();
        boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        for (String name : classes) {
            if (!vector && name.equals("dev.segmentation.cluster.VectorLloydKernel")) {
                continue; // needs jdk.incubator.vector: checked in the surefire execution vector-kernel
            }
            Class<?> c = Class.forName(name, true, FootprintTest.class.getClassLoader());
            for (Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (!Modifier.isStatic(mod) || f.isSynthetic() || f.isEnumConstant()) {
                    continue;
                }
                String id = name + "." + f.getName();
                if (ALLOWED.contains(id)) {
                    continue;
                }
                if (!Modifier.isFinal(mod)) {
                    violations.add(id + " is static and not final");
                    continue;
                }
                f.setAccessible(true);
                Object v = f.get(null);
                if (v != null && v.getClass().isArray() && java.lang.reflect.Array.getLength(v) > 0) {
                    violations.add(id + " is a static final non-empty array (mutable)");
                } else if (v instanceof Collection<?> || v instanceof Map<?, ?>) {
                    if (!immutable(v)) {
                        violations.add(id + " is a static final mutable " + v.getClass().getName());
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void fittedModelsAreValuesWithFinalFields() throws Exception {
        List<String> classes = new ArrayList<>();
        classes.addAll(classNames(FeatureMatrix.class));
        classes.addAll(classNames(KMeansModel.class));
        List<String> violations = new ArrayList<>();
        int models = 0;
        for (String name : classes) {
            if (name.equals("dev.segmentation.cluster.VectorLloydKernel")) {
                continue;
            }
            Class<?> c = Class.forName(name, false, FootprintTest.class.getClassLoader());
            if (!FittedModel.class.isAssignableFrom(c) || c.isInterface()) {
                continue;
            }
            models++;
            for (Class<?> k = c; k != Object.class; k = k.getSuperclass()) {
                if (Cloneable.class.isAssignableFrom(k)) {
                    violations.add(k.getName() + " is Cloneable");
                }
                for (Field f : k.getDeclaredFields()) {
                    int mod = f.getModifiers();
                    if (!Modifier.isStatic(mod) && !f.isSynthetic() && !Modifier.isFinal(mod)) {
                        violations.add(k.getName() + "." + f.getName() + " is not final");
                    }
                }
            }
        }
        assertTrue(models >= 24, "found only " + models + " fitted model classes");
        assertEquals(List.of(), violations.stream().distinct().toList());
    }

    /** Unmodifiable JDK collections: {@code List.of}/{@code Map.of}/{@code Set.of} and {@code Collections.unmodifiable*}. */
    private static boolean immutable(Object v) {
        String n = v.getClass().getName();
        return n.startsWith("java.util.ImmutableCollections$") || n.startsWith("java.util.Collections$Unmodifiable")
                || n.startsWith("java.util.Collections$Empty") || n.startsWith("java.util.Collections$Singleton");
    }

    /** Every class compiled into the output directory that holds {@code anchor}. */
    private static List<String> classNames(Class<?> anchor) throws IOException, URISyntaxException {
        Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(location)) {
            return classNames(location);
        }
        // under "mvn verify" the other module is its packaged jar, not its classes directory
        try (java.nio.file.FileSystem jar = java.nio.file.FileSystems.newFileSystem(location)) {
            return classNames(jar.getPath("/"));
        }
    }

    private static List<String> classNames(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString()
                    .equals("module-info.class") && !p.getFileName().toString().equals("package-info.class")
                    && !root.relativize(p).toString().startsWith("META-INF"))
                    .map(p -> root.relativize(p).toString().replace('/', '.').replace('\\', '.')
                            .replaceAll("\\.class$", ""))
                    .toList();
        }
    }

    @Test
    void theGuardSeesPrinting() {
        assertEquals("x" + System.lineSeparator(), StdoutGuard.capture(() -> System.out.println("x")));
    }
}
