package dev.segmentation.targeting;

import dev.segmentation.internal.ParamChecks;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A declared set of protected attributes (for example sex, age band, ethnicity) that must not be used as model
 * features. {@link #checkFeatures(Collection)} is called with a model's feature column names before fitting and
 * refuses any protected one. Names are compared ignoring case and surrounding white space.
 *
 * <pre>{@code
 * ProtectedAttributes p = ProtectedAttributes.of("gender", "age_band");
 * p.checkFeatures(List.of("recency", "frequency", "Gender"));
 * // IllegalArgumentException: features must not include protected attributes, found Gender
 * }</pre>
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class ProtectedAttributes {
    private final Set<String> names;

    private ProtectedAttributes(Set<String> names) {
        this.names = names;
    }

    /**
     * Declares protected attributes.
     *
     * @param names the attribute names; none is blank
     * @return the declaration
     * @throws IllegalArgumentException if a name is blank: {@code "names must be non-blank, found \"\""}
     */
    public static ProtectedAttributes of(String... names) {
        Objects.requireNonNull(names, "names");
        return of(List.of(names));
    }

    /**
     * Declares protected attributes.
     *
     * @param names the attribute names; none is blank. Not modified.
     * @return the declaration
     * @throws IllegalArgumentException if a name is blank: {@code "names must be non-blank, found \"\""}
     */
    public static ProtectedAttributes of(Collection<String> names) {
        Objects.requireNonNull(names, "names");
        Set<String> set = new LinkedHashSet<>();
        for (String n : names) {
            ParamChecks.nonBlank("names", n);
            set.add(normalize(n));
        }
        return new ProtectedAttributes(Set.copyOf(set));
    }

    /**
     * Returns whether a name is a declared protected attribute (ignoring case and surrounding white space).
     *
     * @param name a column or attribute name
     * @return true if protected
     */
    public boolean isProtected(String name) {
        return names.contains(normalize(Objects.requireNonNull(name, "name")));
    }

    /**
     * Refuses feature columns that are protected attributes.
     *
     * @param featureNames the model's feature column names. Not modified.
     * @throws IllegalArgumentException naming every protected column found, in the given order, for example
     *     {@code "features must not include protected attributes, found gender, age_band"}
     */
    public void checkFeatures(Collection<String> featureNames) {
        Objects.requireNonNull(featureNames, "featureNames");
        StringBuilder found = new StringBuilder();
        for (String f : featureNames) {
            if (isProtected(Objects.requireNonNull(f, "featureNames"))) {
                found.append(found.length() == 0 ? "" : ", ").append(f);
            }
        }
        if (found.length() > 0) {
            throw new IllegalArgumentException("features must not include protected attributes, found " + found);
        }
    }

    /**
     * Returns the declared names, normalized to lower case.
     *
     * @return an unmodifiable set
     */
    public Set<String> names() {
        return names;
    }

    private static String normalize(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "ProtectedAttributes" + new java.util.TreeSet<>(names);
    }
}
