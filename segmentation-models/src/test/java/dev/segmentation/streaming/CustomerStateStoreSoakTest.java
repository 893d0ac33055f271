package dev.segmentation.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.clv.Clv;
import dev.segmentation.clv.GammaGammaModel;
import dev.segmentation.features.PurchasePeriod;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Soak: 4 threads apply 1 million events while 4 threads score; the final states equal a sequential replay. Each
 * writer owns the customers {@code c % 4 == w}, so every customer's events keep their time order (the store's
 * contract for exact sums); readers score whatever state they see.
 */
class CustomerStateStoreSoakTest {
    private static final int CUSTOMERS = 20_000;
    private static final int EVENTS = 1_000_000;
    private static final LocalDate START = LocalDate.of(2024, 1, 1);

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void fourWritersAndFourReadersEndInTheSequentialState() throws Exception {
        // events in time order: day rises with the event index; customer and amount random
        SplittableRandom rnd = new SplittableRandom(2024);
        int[] customer = new int[EVENTS];
        long[] day = new long[EVENTS];
        double[] amount = new double[EVENTS];
        for (int e = 0; e < EVENTS; e++) {
            customer[e] = rnd.nextInt(CUSTOMERS);
            day[e] = START.toEpochDay() + e / 2_000;
            amount[e] = Math.round(rnd.nextDouble(1, 200) * 100) / 100.0;
        }
        CustomerStateStore store = CustomerStateStore.create(CUSTOMERS, PurchasePeriod.DAY);
        CustomerScorer scorer = CustomerScorer.builder()
                .btyd(BgNbdModel.of(0.2426, 4.4135, 0.7929, 2.4258, Duration.ofDays(7)))
                .lifetimeValue(GammaGammaModel.of(6.25, 3.74, 15.44), Clv.builder().horizon(Period.ofMonths(3))
                        .build())
                .build();
        LocalDate asOf = LocalDate.ofEpochDay(day[EVENTS - 1] + 1);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                long seed = r;
                readers.add(pool.submit(() -> {
                    SplittableRandom own = new SplittableRandom(seed);
                    long scored = 0;
                    while (!done.get()) {
                        CustomerState s = store.state(own.nextInt(CUSTOMERS));
                        if (s.orders() > 0) {
                            CustomerScore sc = scorer.score(s, asOf);
                            if (!(sc.probabilityAlive() >= 0 && sc.probabilityAlive() <= 1
                                    && sc.lifetimeValue() >= 0)) {
                                throw new AssertionError("bad score " + sc + " for " + s);
                            }
                            scored++;
                        }
                    }
                    return scored;
                }));
            }
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int mine = w;
                writers.add(pool.submit(() -> {
                    for (int e = 0; e < EVENTS; e++) {
                        if (customer[e] % 4 == mine) {
                            store.apply(customer[e], day[e], amount[e]);
                        }
                    }
                }));
            }
            for (Future<?> f : writers) {
                f.get();
            }
            done.set(true);
            long scored = 0;
            for (Future<Long> f : readers) {
                scored += f.get();
            }
            assertTrue(scored > 0, "readers scored nothing");
        } finally {
            pool.shutdownNow();
        }
        CustomerState[] sequential = new CustomerState[CUSTOMERS];
        java.util.Arrays.fill(sequential, CustomerState.empty(PurchasePeriod.DAY));
        for (int e = 0; e < EVENTS; e++) {
            sequential[customer[e]] = sequential[customer[e]].apply(day[e], amount[e]);
        }
        long orders = 0;
        for (int c = 0; c < CUSTOMERS; c++) {
            assertEquals(sequential[c], store.state(c), "customer " + c);
            orders += store.state(c).orders();
        }
        assertEquals(EVENTS, orders);
    }

    @Test
    void badInputIsRefused() {
        assertEquals("size must be >= 0, found -1", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> CustomerStateStore.create(-1, PurchasePeriod.DAY))
                .getMessage());
        CustomerStateStore store = CustomerStateStore.create(2, PurchasePeriod.DAY);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> store.apply(0, 1, -2));
        assertEquals(0, store.state(0).orders());
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> store.apply(2, 1, 2));
    }
}
