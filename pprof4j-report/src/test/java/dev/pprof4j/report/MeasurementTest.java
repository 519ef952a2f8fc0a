package dev.pprof4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** pprof's unit scaling and labels (internal/measurement), case by case. */
class MeasurementTest {
    @ParameterizedTest(name = "{0} {1} -> {2} = {3}")
    @CsvSource(delimiter = '|', value = {
        "0|bytes|minimum|0",
        "1023|bytes|minimum|1023B",
        "1024|bytes|minimum|1kB",
        "1536|bytes|minimum|1.50kB",
        "1048576|bytes|auto|1MB",
        "5368709120|bytes|minimum|5GB",
        "1536|bytes|kB|1.50kB",
        "1536|bytes|MB|0",
        "1572864|bytes|MB|1.50MB",
        "5242880|bytes|megabytes|5MB",
        "-1536|bytes|minimum|-1.50kB",
        "10000000|nanoseconds|minimum|10ms",
        "1500|nanoseconds|minimum|1.50us",
        "3600000000000|nanoseconds|minimum|1hrs",
        "90000000000|nanoseconds|minimum|90s",
        "10000000|nanoseconds|s|0.01s",
        "10000000|nanoseconds|ms|10ms",
        "7|count|minimum|7",
        "7|count|count|7",
        "7|goroutine|minimum|7",
        "7|objects|objects|7objects",
        "12345|cycles|minimum|12345",
        "3|μs|minimum|3",
        "3|us|minimum|3us",
    })
    void scaledLabel(long value, String from, String to, String expected) {
        assertEquals(expected, Measurement.scaledLabel(value, from, to));
    }

    @ParameterizedTest(name = "{0}/{1} = ''{2}''")
    @CsvSource(delimiter = '|', value = {
        "0|0|'    0%'",
        "0|100|'    0%'",
        "1|3|'33.33%'",
        "1|1|'  100%'",
        "9995|10000|'  100%'",
        "9994|10000|'99.94%'",
        "5|1000|'  0.5%'",
        "1|10000|' 0.01%'",
        "1|1000000|'0.0001%'",
        "1|10000000|'1e-05%'",
        "-25|100|'25.00%'",
        "250|100|'250.00%'",
    })
    void percentage(long value, long total, String expected) {
        assertEquals(expected, Measurement.percentage(value, total));
    }
}
