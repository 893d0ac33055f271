package dev.segmentation.data;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * Interns string ids to dense ints 0..size-1 in order of first appearance.
 *
 * <p>Once {@link #frozenCopy() frozen} the dictionary is read-only and safe for concurrent reads; before that it
 * is mutable and single-threaded. A {@link #sequential} dictionary (the simulator's millions of customer and
 * invoice ids) is frozen from the start and holds no map and no strings: ids are made and parsed on demand.
 */
final class IdDictionary {
    /** The id-to-index map; null for a sequential dictionary. */
    private final Object2IntOpenHashMap<String> index;
    private final List<String> ids;
    private boolean frozen;

    IdDictionary() {
        this(new Object2IntOpenHashMap<>(), new ArrayList<>());
    }

    private IdDictionary(Object2IntOpenHashMap<String> index, List<String> ids) {
        this.index = index;
        if (index != null) {
            index.defaultReturnValue(-1);
        }
        this.ids = ids;
    }

    /**
     * Returns a frozen dictionary of the ids {@code prefix + zero-padded (i + 1)} for {@code i < count}, all as
     * wide as {@code count} in digits (e.g. {@code C001..C250}). O(1) memory.
     */
    static IdDictionary sequential(char prefix, int count) {
        IdDictionary d = new IdDictionary(null, new SequentialIds(prefix, count));
        d.frozen = true;
        return d;
    }

    /**
     * Returns a frozen dictionary of {@code ids}, index {@code i} for {@code ids[i]}: the dictionary that interning
     * them in this order makes, frozen without the copy of {@link #frozenCopy()}. The array is not kept.
     *
     * @throws IllegalArgumentException naming {@code what} if an id is null or repeats
     */
    static IdDictionary of(String[] ids, String what) {
        Object2IntOpenHashMap<String> index = new Object2IntOpenHashMap<>(ids.length);
        IdDictionary d = new IdDictionary(index, new ArrayList<>(Arrays.asList(ids)));
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == null) {
                throw new IllegalArgumentException(what + " ids must not be null, found null at index " + i);
            }
            if (index.putIfAbsent(ids[i], i) >= 0) {
                throw new IllegalArgumentException(what + " ids must be distinct, found " + ids[i] + " at index "
                        + index.getInt(ids[i]) + " and " + i);
            }
        }
        d.frozen = true;
        return d;
    }

    /** The last id interned and its index: lines come grouped by customer and invoice, so most repeat it. */
    private String lastId;
    private int lastIndex = -1;

    /** Returns the dense index of {@code id}, adding it if new. */
    int intern(String id) {
        if (lastIndex >= 0 && id.equals(lastId)) {
            return lastIndex;
        }
        int i = internUncached(id);
        lastId = id;
        lastIndex = i;
        return i;
    }

    private int internUncached(String id) {
        int i = index == null ? ids.indexOf(id) : index.getInt(id);
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
        Objects.requireNonNull(id, "id");
        return index == null ? ids.indexOf(id) : index.getInt(id);
    }

    String id(int i) {
        return ids.get(i);
    }

    int size() {
        return ids.size();
    }

    /** Returns a read-only copy; this dictionary stays as it is. */
    IdDictionary frozenCopy() {
        if (index == null) {
            return this;
        }
        IdDictionary copy = new IdDictionary(new Object2IntOpenHashMap<>(index), new ArrayList<>(ids));
        copy.frozen = true;
        return copy;
    }

    /** The ids of a sequential dictionary, made on demand; {@link #indexOf} parses instead of searching. */
    private static final class SequentialIds extends AbstractList<String> implements RandomAccess {
        private final char prefix;
        private final int count;
        private final int width;

        SequentialIds(char prefix, int count) {
            this.prefix = prefix;
            this.count = count;
            this.width = Integer.toString(Math.max(count, 1)).length();
        }

        @Override
        public String get(int i) {
            Objects.checkIndex(i, count);
            char[] buf = new char[width + 1];
            buf[0] = prefix;
            int x = i + 1;
            for (int k = width; k >= 1; k--) {
                buf[k] = (char) ('0' + x % 10);
                x /= 10;
            }
            return new String(buf);
        }

        @Override
        public int size() {
            return count;
        }

        @Override
        public int indexOf(Object o) {
            if (!(o instanceof String)) {
                return -1;
            }
            String id = (String) o;
            if (id.length() != width + 1 || id.charAt(0) != prefix) {
                return -1;
            }
            int x = 0;
            for (int k = 1; k <= width; k++) {
                char ch = id.charAt(k);
                if (ch < '0' || ch > '9') {
                    return -1;
                }
                x = x * 10 + (ch - '0');
            }
            return x >= 1 && x <= count ? x - 1 : -1;
        }

        @Override
        public boolean contains(Object o) {
            return indexOf(o) >= 0;
        }
    }
}
