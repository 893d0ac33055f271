package dev.segmentation.data;

/**
 * The 128-bit hashes of the records seen so far, with the line of each one's first occurrence: an
 * open-addressing set of (h1, h2) pairs, for counting exact duplicate records. Two independent 64-bit
 * hashes make a false "duplicate" practically impossible (about n^2 / 2^129 for n records). Single-threaded;
 * one per read.
 */
final class RecordHashes {
    private long[] h1 = new long[1 << 12];
    private long[] h2 = new long[1 << 12];
    private long[] lines = new long[1 << 12];
    private boolean[] used = new boolean[1 << 12];
    private int mask = (1 << 12) - 1;
    private int size;

    /**
     * Adds a record's hashes.
     *
     * @return -1 if the record is new, else the line of the identical earlier record
     */
    long addOrGetLine(long a, long b, long line) {
        int slot = (int) (mix(a) & mask);
        while (used[slot]) {
            if (h1[slot] == a && h2[slot] == b) {
                return lines[slot];
            }
            slot = (slot + 1) & mask;
        }
        used[slot] = true;
        h1[slot] = a;
        h2[slot] = b;
        lines[slot] = line;
        if (++size * 2 > mask) {
            grow();
        }
        return -1;
    }

    private void grow() {
        long[] oa = h1;
        long[] ob = h2;
        long[] ol = lines;
        boolean[] ou = used;
        int cap = oa.length * 2;
        h1 = new long[cap];
        h2 = new long[cap];
        lines = new long[cap];
        used = new boolean[cap];
        mask = cap - 1;
        for (int i = 0; i < oa.length; i++) {
            if (ou[i]) {
                int slot = (int) (mix(oa[i]) & mask);
                while (used[slot]) {
                    slot = (slot + 1) & mask;
                }
                used[slot] = true;
                h1[slot] = oa[i];
                h2[slot] = ob[i];
                lines[slot] = ol[i];
            }
        }
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return x;
    }

    /** Starts the hashes of a record. */
    static long start1() {
        return 0xcbf29ce484222325L;
    }

    /** Starts the second hash of a record. */
    static long start2() {
        return 0x9e3779b97f4a7c15L;
    }

    /** Folds a field (its index and chars) into the first hash (FNV-1a over chars). */
    static long field1(long h, int index, char[] b, int off, int len) {
        h = (h ^ (index + 1)) * 0x100000001b3L;
        for (int i = off, end = off + len; i < end; i++) {
            h = (h ^ b[i]) * 0x100000001b3L;
        }
        return (h ^ 0xfffe) * 0x100000001b3L;
    }

    /** Folds a field into the second hash (a polynomial hash with another multiplier, then mixed). */
    static long field2(long h, int index, char[] b, int off, int len) {
        h = h * 0xc6a4a7935bd1e995L + index + 7;
        for (int i = off, end = off + len; i < end; i++) {
            h = h * 0xc6a4a7935bd1e995L + b[i] + 1;
        }
        return Long.rotateLeft(h * 0x9e3779b97f4a7c15L, 31) + len;
    }
}
