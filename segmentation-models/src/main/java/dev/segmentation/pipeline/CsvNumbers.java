package dev.segmentation.pipeline;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Set;

/**
 * How numbers are written in {@code customers.csv} and {@code segments.csv}, by column name: with
 * {@link SegmentationResult.Precision#ROUNDED}, money to 2 decimals, counts as integers, every other number
 * (probabilities, shares, rates, expectations, centres) to 6 significant digits, never in exponent notation;
 * with {@link SegmentationResult.Precision#FULL}, {@link Double#toString(double)}. NaN (a stage that did not
 * run) is an empty field either way.
 */
final class CsvNumbers {
    private static final MathContext SIX = new MathContext(6, RoundingMode.HALF_EVEN);
    /** Columns holding amounts of money. */
    private static final Set<String> MONEY = Set.of("monetary", "clv", "mean_clv", "centre_monetary",
            "median_monetary", "mean_monetary", "revenue", "clv_total", "value_at_risk");
    /** Columns holding counts: integers when the value is whole. */
    private static final Set<String> COUNTS = Set.of("segment", "size", "recency", "frequency", "median_recency",
            "median_frequency");

    private CsvNumbers() {
    }

    static String format(String column, double v, SegmentationResult.Precision precision) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (precision == SegmentationResult.Precision.FULL || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (MONEY.contains(column)) {
            return money(v);
        }
        if (COUNTS.contains(column) && v == Math.rint(v) && Math.abs(v) < 0x1p53) {
            return Long.toString((long) v);
        }
        return significant(v);
    }

    /** Two decimals, half-even, plain. */
    static String money(double v) {
        String s = new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
        return s.equals("-0.00") ? "0.00" : s;
    }

    /** Six significant digits, trailing zeros dropped, plain (no exponent). */
    static String significant(double v) {
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(SIX).stripTrailingZeros().toPlainString();
    }
}
