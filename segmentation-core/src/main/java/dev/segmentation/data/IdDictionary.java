package dev.segmentation.data;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Interns string ids to dense ints 0..size-1 in order of first appearance.
 *
 * <p>Once {@link #frozenCopy() frozen} the dictionary is read-only and safe for concurrent reads; before that it
 * is mutable and single-threaded.
 */
final class IdDictionary {
    private final Object2IntOpenHashMap<String> index;
    private final List<String> ids;
    private boolean frozen;

    IdDictionary() {
        this(new Object2IntOpenHashMap<>(), new ArrayList<>());
    }

    private IdDictionary(Object2IntOpenHashMap<String> index, List<String> ids) {
        this.index = index;
        this.index.defaultReturnValue(-1);
        this.ids = ids;
    }

    /** Returns the dense index of {@code id}, adding it if new. */
    int intern(String id) {
        int i = index.getInt(id);
        if (i >= 0) {
            return i;
        }
        if (frozen) {
            throw new IllegalStateException("dictionary is frozen");
        }
        i = ids.size();
        index.put(id, i);
        ids.add(id);
        return i;
    }

    /** Returns the dense index of {@code id}, or -1 if it was never interned. */
    int indexOf(String id) {
        return index.getInt(Objects.requireNonNull(id, "id"));
    }

    String id(int i) {
        return ids.get(i);
    }

    int size() {
        return ids.size();
    }

    /** Returns a read-only copy; this dictionary stays as it is. */
    IdDictionary frozenCopy() {
        IdDictionary copy = new IdDictionary(new Object2IntOpenHashMap<>(index), new ArrayList<>(ids));
        copy.frozen = true;
        return copy;
    }
}
