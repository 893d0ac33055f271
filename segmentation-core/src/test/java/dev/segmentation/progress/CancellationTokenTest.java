package dev.segmentation.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CancellationTokenTest {
    @Test
    void aFreshTokenPassesItsChecks() {
        CancellationToken token = new CancellationToken();
        token.check("features");
        assertFalse(token.isCancelled());
        assertEquals("CancellationToken{cancelled=false}", token.toString());
    }

    @Test
    void aCancelledTokenThrowsNamingTheStage() {
        CancellationToken token = new CancellationToken();
        token.cancel();
        token.cancel();
        assertTrue(token.isCancelled());
        CancelledException e = assertThrows(CancelledException.class, () -> token.check("segments"));
        assertEquals("cancelled during stage segments", e.getMessage());
        assertEquals("segments", e.stage());
    }

    @Test
    void cancellationFromAnotherThreadIsSeen() throws InterruptedException {
        CancellationToken token = new CancellationToken();
        Thread t = new Thread(token::cancel);
        t.start();
        t.join();
        assertThrows(CancelledException.class, () -> token.check("churn"));
    }

    @Test
    void neverCannotBeCancelled() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                CancellationToken.NEVER::cancel);
        assertEquals("CancellationToken.NEVER cannot be cancelled", e.getMessage());
        CancellationToken.NEVER.check("any");
        assertFalse(CancellationToken.NEVER.isCancelled());
    }

    @Test
    void nullStageIsRefused() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> new CancellationToken().check(null));
        assertEquals("stage", e.getMessage());
    }

    @Test
    void listenersAreLambdasAndNoneIgnoresCalls() {
        List<String> seen = new ArrayList<>();
        ProgressListener l = (stage, fraction) -> seen.add(stage + "=" + fraction);
        l.progress("load", 0.5);
        ProgressListener.NONE.progress("load", 1.0);
        assertEquals(List.of("load=0.5"), seen);
    }
}
