package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class CharInternerTest {
    /** Equal chars give the same instance, different chars different Strings, across table growth. */
    @Property(tries = 200)
    void internsToOneCanonicalStringPerContent(
            @ForAll @Size(max = 3000) List<@StringLength(max = 6) String> words) {
        CharInterner interner = new CharInterner();
        Map<String, String> seen = new HashMap<>();
        char[] buf = new char[16];
        for (String w : words) {
            w.getChars(0, w.length(), buf, 3);
            String s = interner.intern(buf, 3, w.length());
            assertEquals(w, s);
            String first = seen.putIfAbsent(w, s);
            if (first == null) {
                assertTrue(interner.added());
            } else {
                assertFalse(interner.added());
                assertSame(first, s);
            }
        }
    }
}
