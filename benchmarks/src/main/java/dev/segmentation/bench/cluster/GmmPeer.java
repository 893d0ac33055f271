package dev.segmentation.bench.cluster;

/**
 * One Gaussian-mixture implementation under test (full covariances). Adapters are found by class name:
 * {@code segmentation}, {@code smile} (needs {@code -Ppeers}).
 */
interface GmmPeer {
    /** Receives the data once per trial and shared initial means (each row's nearest mean gives its cluster). */
    void prepare(double[] x, int n, int d, double[][] initialMeans);

    /**
     * Runs EM from the shared initialization for exactly {@code iterations} iterations.
     *
     * @return something derived from the model, for the Blackhole
     */
    Object fit(int iterations, int threads) throws Exception;

    static GmmPeer create(String impl) {
        String cls;
        switch (impl) {
            case "segmentation":
                cls = "SegmentationGmm";
                break;
            case "smile":
                cls = "SmileGmm";
                break;
            default:
                throw new IllegalArgumentException("impl must be one of segmentation, smile; found " + impl);
        }
        try {
            return (GmmPeer) Class.forName("dev.segmentation.bench.cluster." + cls).getDeclaredConstructor()
                    .newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("adapter " + cls + " is not on the classpath: build with -Ppeers", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
