package dev.segmentation.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The {@link RequiresSharedData} hook on a file that never exists: the property and the container are skipped
 * as a whole unless {@code -Dsegmentation.requireSharedData=true}, when they run (and a real test would then
 * fail on {@link SharedData#file(String)}). Their bodies only check that they run in the required mode.
 */
class RequiresSharedDataTest {
    private static final String MISSING = "no-such-data-set/never.csv";

    @Property(tries = 5)
    @RequiresSharedData(MISSING)
    void aPropertyRunsOnlyWhenSharedDataIsRequired(@ForAll @IntRange(min = 0, max = 9) int i) {
        assertTrue(SharedData.required(), "not skipped although " + MISSING + " is missing");
    }

    @Group
    @RequiresSharedData(MISSING)
    class AContainer {
        @Property(tries = 5)
        void runsOnlyWhenSharedDataIsRequired(@ForAll @IntRange(min = 0, max = 9) int i) {
            assertTrue(SharedData.required(), "not skipped although " + MISSING + " is missing");
        }
    }
}
