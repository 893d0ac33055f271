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
        // Fast path (issue 19: new BigDecimal(double) expands every binary digit, half of the write stage at a
        // million customers): c = v * 100 is within half an ulp of the exact product, so when c is more than two
        // ulps from a half-integer the exact value rounds to the same integer as c does.
        double c = v * 100;
        if (Math.abs(c) < 0x1p52) {
            double f = Math.floor(c);
            double frac = c - f;
            if (Math.abs(frac - 0.5) > 2 * Math.ulp(c)) {
                long cents = (long) (frac > 0.5 ? f + 1 : f);
                if (cents == 0) {
                    return "0.00";
                }
                long abs = Math.abs(cents);
                long rest = abs % 100;
                return (cents < 0 ? "-" : "") + abs / 100 + (rest < 10 ? ".0" : ".") + rest;
            }
        }
        return exactMoney(v);
    }

    /** {@link #money} through the exact decimal expansion of {@code v}. */
    static String exactMoney(double v) {
        String s = new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
        return s.equals("-0.00") ? "0.00" : s;
    }

    /** 10^n for n in [0, 22], exact: every product is an integer below 2^53 times a power of two. */
    private static double tenTo(int n) {
        double p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    /** Six significant digits, trailing zeros dropped, plain (no exponent). */
    static String significant(double v) {
        if (v == 0) {
            return "0";
        }
        // Fast path as in money: x = |v| 10^s in [1e5, 1e6) with one rounding (10^|s| is exact for |s| <= 22),
        // rounded to an integer when x is clearly off a half-integer; anything else takes the exact route.
        double a = Math.abs(v);
        if (a >= 1e-15 && a < 1e15) {
            int s = 5 - (int) Math.floor(Math.log10(a));
            double x = s >= 0 ? a * tenTo(s) : a / tenTo(-s);
            double f = Math.floor(x);
            double frac = x - f;
            long m = (long) (frac > 0.5 ? f + 1 : f);
            if (Math.abs(frac - 0.5) > 2 * Math.ulp(x) && m >= 100_000 && m < 1_000_000) {
                while (m % 10 == 0) {
                    m /= 10;
                    s--;
                }
                String digits = Long.toString(m);
                String sign = v < 0 ? "-" : "";
                if (s <= 0) {
                    return sign + digits + "0".repeat(-s);
                }
                int point = digits.length() - s;
                return point > 0 ? sign + digits.substring(0, point) + "." + digits.substring(point)
                        : sign + "0." + "0".repeat(-point) + digits;
            }
        }
        return exactSignificant(v);
    }

    /** {@link #significant} through the exact decimal expansion of {@code v}. */
    static String exactSignificant(double v) {
        return new BigDecimal(v).round(SIX).stripTrailingZeros().toPlainString();
    }
}
