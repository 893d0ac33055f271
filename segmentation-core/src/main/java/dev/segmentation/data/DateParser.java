package dev.segmentation.data;

import dev.segmentation.InvalidSettingException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Parses the date column to seconds since 1970-01-01T00:00 on the file's wall clock.
 *
 * <p>Four patterns have a hand-written parser that reads the chars directly and checks the calendar
 * (month 1..12, day within the month, hour 0..23, minute and second 0..59): {@code yyyy-MM-dd HH:mm:ss},
 * {@code yyyy-MM-dd}, {@code yyyyMMdd} and {@code yyyy-MM-dd[ HH:mm[:ss]]}; their years have exactly four
 * digits. Any other pattern goes through a {@link DateTimeFormatter} with {@link ResolverStyle#STRICT} (so
 * 2011-02-30 is an error, not 2011-02-28) and {@link Locale#ENGLISH} month and day names; a pattern without
 * a time of day gives midnight. Spaces and tabs around the value are ignored.
 *
 * <p>Immutable; safe for concurrent use.
 */
final class DateParser {
    /** Returned by {@link #parse} when the text is not a date in the pattern. */
    static final long INVALID = Long.MIN_VALUE;

    private static final int SECONDS = 0;
    private static final int DATE = 1;
    private static final int BASIC = 2;
    private static final int FLEXIBLE = 3;
    private static final int FORMATTER = 4;

    private final String pattern;
    private final int kind;
    private final DateTimeFormatter formatter;

    private DateParser(String pattern, int kind, DateTimeFormatter formatter) {
        this.pattern = pattern;
        this.kind = kind;
        this.formatter = formatter;
    }

    /**
     * Returns a parser for a {@link DateTimeFormatter} pattern.
     *
     * @throws IllegalArgumentException if the pattern is invalid or does not give a date
     */
    static DateParser of(String pattern) {
        switch (pattern) {
            case "yyyy-MM-dd HH:mm:ss":
                return new DateParser(pattern, SECONDS, null);
            case "yyyy-MM-dd":
                return new DateParser(pattern, DATE, null);
            case "yyyyMMdd":
                return new DateParser(pattern, BASIC, null);
            case "yyyy-MM-dd[ HH:mm[:ss]]":
                return new DateParser(pattern, FLEXIBLE, null);
            default:
                break;
        }
        DateTimeFormatter f;
        try {
            f = DateTimeFormatter.ofPattern(strictYears(pattern), Locale.ENGLISH)
                    .withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("dateFormat", "must be a DateTimeFormatter pattern, found \"" + pattern
                    + "\" (" + e.getMessage() + ")", e);
        }
        DateParser p = new DateParser(pattern, FORMATTER, f);
        // The pattern must round-trip a date-time: this rejects time-only and zoned patterns up front.
        LocalDateTime probe = LocalDateTime.of(2001, 2, 3, 4, 5, 6);
        String text;
        try {
            text = f.format(probe);
        } catch (DateTimeException e) {
            text = null;
        }
        if (text == null || p.parseText(text) == INVALID) {
            throw new InvalidSettingException("dateFormat", "must give a date or a date-time, found \"" + pattern
                    + "\"", null);
        }
        return p;
    }

    /**
     * With {@link ResolverStyle#STRICT}, {@code y} (year of era) needs an era; {@code u} (proleptic year) is
     * what people mean by {@code yyyy}. Replaces unquoted {@code y} by {@code u} unless the pattern has an era.
     */
    private static String strictYears(String pattern) {
        StringBuilder sb = new StringBuilder(pattern.length());
        boolean quoted = false;
        boolean era = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == 'G') {
                era = true;
            }
        }
        if (era) {
            return pattern;
        }
        quoted = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            sb.append(!quoted && c == 'y' ? 'u' : c);
        }
        return sb.toString();
    }

    String pattern() {
        return pattern;
    }

    /** Returns the timestamp in {@code b[off, off + len)} as epoch seconds, or {@link #INVALID}. */
    long parse(char[] b, int off, int len) {
        int end = off + len;
        while (off < end && (b[off] == ' ' || b[off] == '\t')) {
            off++;
        }
        while (end > off && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        len = end - off;
        switch (kind) {
            case SECONDS:
                return len == 19 ? isoDateTime(b, off, true) : INVALID;
            case DATE:
                return len == 10 ? isoDate(b, off) : INVALID;
            case BASIC:
                return len == 8 ? basicDate(b, off) : INVALID;
            case FLEXIBLE:
                if (len == 10) {
                    return isoDate(b, off);
                }
                if (len == 16) {
                    return isoDateTime(b, off, false);
                }
                return len == 19 ? isoDateTime(b, off, true) : INVALID;
            default:
                return parseText(new String(b, off, len));
        }
    }

    private long parseText(String text) {
        try {
            TemporalAccessor t = formatter.parseBest(text, LocalDateTime::from, LocalDate::from);
            LocalDateTime dt = t instanceof LocalDateTime ? (LocalDateTime) t : ((LocalDate) t).atStartOfDay();
            return dt.toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return INVALID;
        }
    }

    /** {@code yyyy-MM-dd HH:mm[:ss]} at {@code b[o]}. */
    private static long isoDateTime(char[] b, int o, boolean seconds) {
        long day = isoDate(b, o);
        if (day == INVALID || b[o + 10] != ' ' || b[o + 13] != ':') {
            return INVALID;
        }
        int hour = twoDigits(b, o + 11);
        int minute = twoDigits(b, o + 14);
        int second = 0;
        if (seconds) {
            if (b[o + 16] != ':') {
                return INVALID;
            }
            second = twoDigits(b, o + 17);
        }
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return INVALID;
        }
        return day + hour * 3600L + minute * 60L + second;
    }

    /** {@code yyyy-MM-dd} at {@code b[o]}, as epoch seconds of midnight. */
    private static long isoDate(char[] b, int o) {
        if (b[o + 4] != '-' || b[o + 7] != '-') {
            return INVALID;
        }
        int hi = twoDigits(b, o);
        int lo = twoDigits(b, o + 2);
        if (hi < 0 || lo < 0) {
            return INVALID;
        }
        return midnight(hi * 100 + lo, twoDigits(b, o + 5), twoDigits(b, o + 8));
    }

    /** {@code yyyyMMdd} at {@code b[o]}. */
    private static long basicDate(char[] b, int o) {
        int hi = twoDigits(b, o);
        int lo = twoDigits(b, o + 2);
        if (hi < 0 || lo < 0) {
            return INVALID;
        }
        return midnight(hi * 100 + lo, twoDigits(b, o + 4), twoDigits(b, o + 6));
    }

    /** Two ASCII digits as 0..99, or -1. */
    private static int twoDigits(char[] b, int o) {
        int d1 = b[o] - '0';
        int d2 = b[o + 1] - '0';
        if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) {
            return -1;
        }
        return d1 * 10 + d2;
    }

    private static long midnight(int year, int month, int day) {
        if (month < 1 || month > 12 || day < 1 || day > monthLength(year, month)) {
            return INVALID;
        }
        return daysFromCivil(year, month, day) * 86_400L;
    }

    private static int monthLength(int year, int month) {
        switch (month) {
            case 2:
                boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                return leap ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /**
     * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-Compatible Low-Level Date
     * Algorithms", days_from_civil), for years 0..9999.
     */
    static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yoe = y - era * 400;
        int doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468L;
    }
}
