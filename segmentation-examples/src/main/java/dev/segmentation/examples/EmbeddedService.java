package dev.segmentation.examples;

import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.pipeline.CustomerProfile;
import dev.segmentation.pipeline.LifetimeValue;
import dev.segmentation.pipeline.Segmentation;
import dev.segmentation.pipeline.SegmentationResult;
import dev.segmentation.progress.CancellationToken;
import dev.segmentation.progress.CancelledException;
import dev.segmentation.recommend.Popularity;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Embedding the pipeline in a service: a nightly refit runs on a background thread, reports progress, can be
 * cancelled on shutdown, and swaps in the new result atomically; request threads read profiles from the current
 * result without locks (results and models are immutable and safe for concurrent use).
 *
 * <p>Run: {@code java -cp segmentation-examples/target/segmentation.jar dev.segmentation.examples.EmbeddedService}.
 */
public final class EmbeddedService implements AutoCloseable {
    private final ExecutorService refits = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "segmentation-refit");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<SegmentationResult> current = new AtomicReference<>();
    private final AtomicReference<String> status = new AtomicReference<>("idle");
    private volatile CancellationToken running = new CancellationToken();

    /**
     * Starts a refit on the background thread; the previous result keeps serving until it finishes.
     *
     * @param log the transactions to fit on
     * @return the refit's future: the new result, or a {@link CancelledException} after {@link #close()}
     */
    public Future<SegmentationResult> refit(TransactionLog log) {
        CancellationToken token = new CancellationToken();
        running = token;
        return refits.submit(() -> {
            SegmentationResult r = Segmentation.of(log)
                    .segments(KMeans.builder().k(4).seed(1))
                    .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()))
                    .churn(90, LogisticRegression.builder().l2(1.0))
                    .recommend(Popularity.builder(), 3)
                    .progress((stage, fraction) -> status.set(stage + " " + Math.round(100 * fraction) + "%"))
                    .cancellation(token)
                    .run();
            current.set(r);
            return r;
        });
    }

    /**
     * Answers a request: the customer's profile from the current result.
     *
     * @param customerId the original customer id
     * @return the profile, or empty before the first fit or for an unknown customer
     */
    public Optional<CustomerProfile> profile(String customerId) {
        SegmentationResult r = current.get();
        return r == null ? Optional.empty() : r.customer(customerId);
    }

    /**
     * Returns the last progress report, e.g. {@code "churn 100%"}.
     *
     * @return the status
     */
    public String status() {
        return status.get();
    }

    /** Cancels a running refit and stops the background thread. */
    @Override
    public void close() {
        running.cancel();
        refits.shutdown();
    }

    /**
     * Runs the example: one refit, then a few lookups.
     *
     * @param args ignored
     * @throws Exception if the refit fails
     */
    public static void main(String[] args) throws Exception {
        TransactionLog log = RetailSimulator.builder().customers(3_000).seed(5).build().generate().log();
        try (EmbeddedService service = new EmbeddedService()) {
            service.refit(log).get();
            System.out.println("status: " + service.status());
            for (String id : new String[] {log.customerId(0), log.customerId(1), "unknown"}) {
                System.out.println(id + " -> " + service.profile(id).map(CustomerProfile::toString).orElse("none"));
            }
        }
    }
}
