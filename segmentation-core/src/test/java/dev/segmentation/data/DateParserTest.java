package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DateParserTest {
    private static long parse(DateParser p, String s) {
        return p.parse(s.toCharArray(), 0, s.length());
    }

    private static final DateParser SECONDS = DateParser.of("yyyy-MM-dd HH:mm:ss");
    private static final DateParser DATE = DateParser.of("yyyy-MM-dd");
    private static final DateParser BASIC = DateParser.of("yyyyMMdd");
    private static final DateParser FLEXIBLE = DateParser.of(TransactionCsv.Options.DEFAULT_DATE_FORMAT);
    private static final DateParser SLOW = DateParser.of("uuuu/MM/dd HH:mm:ss");

    /** The hand-written paths accept exactly the valid calendar dates and agree with java.time on them. */
    @Property(tries = 3000)
    void fastPathsAgreeWithJavaTime(@ForAll @IntRange(min = 1000, max = 9999) int year,
            @ForAll @IntRange(min = 0, max = 13) int month, @ForAll @IntRange(min = 0, max = 32) int day,
            @ForAll @IntRange(min = 0, max = 24) int hour, @ForAll @IntRange(min = 0, max = 60) int minute,
            @ForAll @IntRange(min = 0, max = 60) int second) {
        long expected;
        long expectedMidnight;
        try {
            expectedMidnight = LocalDate.of(year, month, day).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            expectedMidnight = DateParser.INVALID;
        }
        try {
            expected = LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            expected = DateParser.INVALID;
        }
        String date = String.format("%04d-%02d-%02d", year, month, day);
        String time = String.format("%02d:%02d:%02d", hour, minute, second);
        assertEquals(expected, parse(SECONDS, date + " " + time));
        assertEquals(expected, parse(FLEXIBLE, date + " " + time));
        assertEquals(expected, parse(SLOW, date.replace('-', '/') + " " + time));
        assertEquals(expectedMidnight, parse(DATE, date));
        assertEquals(expectedMidnight, parse(FLEXIBLE, date));
        assertEquals(expectedMidnight, parse(BASIC, date.replace("-", "")));
    }

    @Property(tries = 500)
    void daysFromCivilMatchesEpochDay(@ForAll @IntRange(min = 0, max = 3_000_000) int dayIndex) {
        LocalDate d = LocalDate.of(0, 1, 1).plusDays(dayIndex);
        if (d.getYear() <= 9999) {
            assertEquals(d.toEpochDay(), DateParser.daysFromCivil(d.getYear(), d.getMonthValue(), d.getDayOfMonth()));
        }
    }

    @Test
    void rejectsMalformedText() {
        for (String s : new String[] {"", "2011-1-01 10:00:00", "2011-01-01T10:00:00", "2011-01-01 10:00",
            "2011/01/01 10:00:00", "2011-01-01 10:00:0x", "+011-01-01 10:00:00", "2011-01-01 10:00:00Z"}) {
            assertEquals(DateParser.INVALID, parse(SECONDS, s), s);
        }
        assertEquals(DateParser.INVALID, parse(FLEXIBLE, "2011-01-01 10"));
        assertEquals(DateParser.INVALID, parse(BASIC, "2011-01-01"));
        assertEquals(DateParser.INVALID, parse(DATE, "20110101"));
    }

    @Test
    void flexibleFormTakesMinutesAndSurroundingBlanks() {
        assertEquals(LocalDateTime.of(2010, 12, 1, 8, 26).toEpochSecond(ZoneOffset.UTC),
                parse(FLEXIBLE, " 2010-12-01 08:26\t"));
    }

    @Test
    void formatterPatternsWithYyyyAreStrictButNeedNoEra() {
        DateParser p = DateParser.of("dd/MM/yyyy");
        assertEquals(LocalDate.of(2012, 2, 29).atStartOfDay().toEpochSecond(ZoneOffset.UTC), parse(p, "29/02/2012"));
        assertEquals(DateParser.INVALID, parse(p, "29/02/2011"));
        DateParser quoted = DateParser.of("yyyy-MM-dd'T'HH:mm 'y'");
        assertEquals(LocalDateTime.of(2012, 2, 29, 1, 2).toEpochSecond(ZoneOffset.UTC),
                parse(quoted, "2012-02-29T01:02 y"));
        DateParser era = DateParser.of("yyyy-MM-dd G");
        assertEquals(LocalDate.of(2012, 2, 29).atStartOfDay().toEpochSecond(ZoneOffset.UTC),
                parse(era, "2012-02-29 AD"));
        assertEquals(DateTimeFormatter.ISO_LOCAL_DATE.parse("2012-02-29", LocalDate::from).atStartOfDay()
                .toEpochSecond(ZoneOffset.UTC), parse(DateParser.of("uuuu-MM-dd"), "2012-02-29"));
    }
}
