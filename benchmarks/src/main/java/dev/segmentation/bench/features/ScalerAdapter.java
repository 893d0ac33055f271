package dev.segmentation.bench.features;

/**
 * One implementation of the scalers under benchmark: this library, or a peer loaded by class name so that the
 * default build compiles without it.
 */
interface ScalerAdapter {
    /**
     * Converts the rows to the implementation's own input type (outside the timed region).
     *
     * @param rows the data. Not modified.
     * @param names the column names
     */
    void prepare(double[][] rows, String[] names);

    /**
     * Fits a scaler on the prepared data and applies it to the same data.
     *
     * @param scaler {@code standardize}, {@code minmax} or {@code robust}
     * @return the transformed data
     */
    Object fitTransform(String scaler);

    /**
     * Finds the adapter of an implementation.
     *
     * @param impl {@code segmentation} or {@code smile} (the latter needs a {@code -Ppeers} build)
     * @return a new adapter
     */
    static ScalerAdapter of(String impl) {
        if (impl.equals("segmentation")) {
            return new SegmentationScalerAdapter();
        }
        String cls = "dev.segmentation.bench.features." + Character.toUpperCase(impl.charAt(0)) + impl.substring(1)
                + "ScalerAdapter";
        try {
            return (ScalerAdapter) Class.forName(cls).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("impl " + impl + " needs " + cls + ": build the jar with -Ppeers", e);
        }
    }
}
