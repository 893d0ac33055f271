package dev.segmentation.bench.cluster;

/**
 * One k-means implementation under test. Adapters are found by class name so that the default build compiles
 * without the GPL peers: {@code segmentation}, {@code segmentation-given} (Lloyd only, from given k-means++
 * centres), {@code commons-math}, {@code smile} (needs {@code -Ppeers}).
 */
interface KMeansPeer {
    /** Receives the data once per trial (n x d row-major; not to be modified) and the shared initial centres. */
    void prepare(double[] x, int n, int d, double[][] initial);

    /**
     * Fits k-means with a fixed number of Lloyd iterations (no early stop where the peer allows it).
     *
     * @return something derived from the model, for the Blackhole
     */
    Object fit(int k, int iterations, int threads, long seed) throws Exception;

    static KMeansPeer create(String impl) {
        String cls;
        switch (impl) {
            case "segmentation":
                cls = "SegmentationKMeans";
                break;
            case "segmentation-given":
                cls = "SegmentationKMeansGiven";
                break;
            case "commons-math":
                cls = "CommonsMathKMeans";
                break;
            case "smile":
                cls = "SmileKMeans";
                break;
            default:
                throw new IllegalArgumentException("impl must be one of segmentation, segmentation-given,"
                        + " commons-math, smile; found " + impl);
        }
        try {
            return (KMeansPeer) Class.forName("dev.segmentation.bench.cluster." + cls).getDeclaredConstructor()
                    .newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("adapter " + cls + " is not on the classpath: build with -Ppeers", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
