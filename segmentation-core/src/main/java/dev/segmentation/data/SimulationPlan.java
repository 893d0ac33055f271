package dev.segmentation.data;

/**
 * The plan step of {@link RetailSimulator}: everything the customers share, fixed before any customer is
 * generated (times in units, the segments' cumulative weights, the catalogue with its item prices). Built from
 * the settings and the first split of the seed's generator, so every caller that builds it for the same
 * simulator gets the same plan. Immutable once built. Not API.
 */
final class SimulationPlan {
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final double PRICE_LOG_SD = 0.75;

    final long startEpoch;
    final long endEpochExclusive;
    final double unitSeconds;
    final double acquisitionUnits;
    final double endUnits;
    final double[] segmentCumulative;
    final SegmentProfile[] segments;
    final double[][] segmentTaste;
    final double[][] channelCumulative;
    final int[] lastChannel;
    final double[] extraLinesP0;
    final int categoryCount;
    final int itemsPerCategory;
    final double tasteConcentration;
    final RandomVariates.AliasTable rankTable;
    final String[] itemIds;
    final double[] itemPrice;

    SimulationPlan(RetailSimulator sim, RandomVariates catalogueRng) {
        startEpoch = sim.start().toEpochDay() * SECONDS_PER_DAY;
        long acquisitionEndExclusive = (sim.acquisitionEnd().toEpochDay() + 1) * SECONDS_PER_DAY;
        endEpochExclusive = (sim.end().toEpochDay() + 1) * SECONDS_PER_DAY;
        unitSeconds = sim.unit().getSeconds() + sim.unit().getNano() * 1e-9;
        acquisitionUnits = (acquisitionEndExclusive - startEpoch) / unitSeconds;
        endUnits = (endEpochExclusive - startEpoch) / unitSeconds;
        int nSeg = sim.segments().size();
        segments = sim.segments().toArray(new SegmentProfile[0]);
        segmentCumulative = cumulative(sim.segmentShares());
        categoryCount = sim.categories().size();
        int channelCount = sim.channels().size();
        segmentTaste = new double[nSeg][];
        channelCumulative = new double[nSeg][];
        lastChannel = new int[nSeg];
        extraLinesP0 = new double[nSeg];
        for (int s = 0; s < nSeg; s++) {
            segmentTaste[s] = normalized(segments[s].categoryTaste(), categoryCount);
            double[] mix = normalized(segments[s].channelMix(), channelCount);
            channelCumulative[s] = cumulative(mix);
            lastChannel[s] = lastPositive(mix);
            extraLinesP0[s] = Math.exp(-(segments[s].linesPerOrder() - 1.0));
        }
        itemsPerCategory = sim.itemsPerCategory();
        tasteConcentration = sim.tasteConcentration();
        double[] zipf = new double[itemsPerCategory];
        for (int k = 0; k < itemsPerCategory; k++) {
            zipf[k] = Math.pow(k + 1.0, -sim.zipfExponent());
        }
        rankTable = new RandomVariates.AliasTable(zipf);
        int items = categoryCount * itemsPerCategory;
        itemIds = new String[items];
        itemPrice = new double[items];
        for (int c = 0; c < categoryCount; c++) {
            for (int k = 0; k < itemsPerCategory; k++) {
                int i = c * itemsPerCategory + k;
                itemIds[i] = "SKU-" + pad(c + 1, 2) + "-" + pad(k + 1, 4);
                itemPrice[i] = sim.itemPriceMedian() * Math.exp(PRICE_LOG_SD * catalogueRng.normal());
            }
        }
    }

    long epochSecond(double units) {
        long t = startEpoch + (long) Math.floor(units * unitSeconds);
        return Math.min(t, endEpochExclusive - 1);
    }

    private static double[] normalized(double[] weights, int n) {
        double[] out = new double[n];
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            out[i] = weights.length == 0 ? 1.0 : weights[i];
            sum += out[i];
        }
        for (int i = 0; i < n; i++) {
            out[i] /= sum;
        }
        return out;
    }

    static double[] cumulative(double[] weights) {
        double[] cum = new double[weights.length];
        double sum = 0.0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cum[i] = sum;
        }
        return cum;
    }

    static int lastPositive(double[] weights) {
        int last = weights.length - 1;
        while (last > 0 && !(weights[last] > 0.0)) {
            last--;
        }
        return last;
    }

    private static String pad(int x, int width) {
        String s = Integer.toString(x);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }
}
