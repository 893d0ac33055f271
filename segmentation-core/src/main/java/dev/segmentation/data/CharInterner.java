package dev.segmentation.data;

import it.unimi.dsi.fastutil.HashCommon;

/**
 * Turns char ranges into canonical Strings without allocating for ranges seen before: an open-addressing
 * hash set keyed by the chars. Single-threaded; one per column per read.
 */
final class CharInterner {
    private String[] keys = new String[1024];
    private int[] hashes = new int[1024];
    private int mask = 1023;
    private int size;
    private boolean added;
    private String last;

    /** Returns the canonical String with the chars {@code b[off, off + len)}, creating it on first sight. */
    String intern(char[] b, int off, int len) {
        // Transaction files come grouped by invoice and customer: the last id is the likeliest.
        if (last != null && sameChars(last, b, off, len)) {
            added = false;
            return last;
        }
        int h = 0;
        for (int i = off, end = off + len; i < end; i++) {
            h = 31 * h + b[i];
        }
        int slot = HashCommon.mix(h) & mask;
        String k;
        while ((k = keys[slot]) != null) {
            if (hashes[slot] == h && sameChars(k, b, off, len)) {
                added = false;
                last = k;
                return k;
            }
            slot = (slot + 1) & mask;
        }
        String s = new String(b, off, len);
        keys[slot] = s;
        hashes[slot] = h;
        added = true;
        last = s;
        if (++size * 2 > keys.length) {
            grow();
        }
        return s;
    }

    /** Tells whether the last {@link #intern} call created a new String. */
    boolean added() {
        return added;
    }

    private static boolean sameChars(String k, char[] b, int off, int len) {
        if (k.length() != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (k.charAt(i) != b[off + i]) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldHashes = hashes;
        keys = new String[oldKeys.length * 2];
        hashes = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = HashCommon.mix(oldHashes[i]) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                hashes[slot] = oldHashes[i];
            }
        }
    }
}
