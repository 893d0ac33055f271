package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** {@link TwoTasks}: both results on one and on two threads, and failures in the order a sequential run gives. */
class TwoTasksTest {
    @Test
    void bothResultsOnOneAndOnTwoThreads() {
        for (int threads : new int[] {1, 2, 4}) {
            TwoTasks<String, Integer> t = TwoTasks.run(threads, "test", () -> "first", () -> 2);
            assertEquals("first", t.first);
            assertEquals(2, t.second);
        }
    }

    @Test
    void onOneThreadAFailureOfTheFirstLeavesTheSecondUnrun() {
        AtomicBoolean ran = new AtomicBoolean();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TwoTasks.run(1, "test", () -> {
            throw new IllegalStateException("first failed");
        }, () -> ran.getAndSet(true)));
        assertEquals("first failed", e.getMessage());
        assertFalse(ran.get());
    }

    @Test
    void onTwoThreadsTheFirstFailureIsReportedWhenBothFail() {
        IllegalArgumentException second = new IllegalArgumentException("second failed");
        for (int i = 0; i < 20; i++) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> TwoTasks.run(2, "test", () -> {
                throw new IllegalStateException("first failed");
            }, () -> {
                throw second;
            }));
            assertEquals("first failed", e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TwoTasks.run(2, "test", () -> "ok", () -> {
                    throw second;
                }));
        assertSame(second, e);
        AssertionError error = assertThrows(AssertionError.class, () -> TwoTasks.run(2, "test", () -> "ok", () -> {
            throw new AssertionError("an error");
        }));
        assertEquals("an error", error.getMessage());
    }
}
