package dev.pprof4j.junit.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.pprof4j.junit.ReportAllocations;

/** Samples for {@code @ReportAllocations}, run by {@code ThreadLeakSamplesIT} (see {@link ThreadLeakSamples}). */
@ReportAllocations(operations = AllocationReportSamples.OPS)
@EnabledIfSystemProperty(named = "pprof4j.samples", matches = "true")
public class AllocationReportSamples {
    static final int OPS = 100_000;
    private static volatile Object objectSink;
    private static volatile long longSink;

    @Test
    void boxes() {
        for (int i = 0; i < OPS; i++) {
            objectSink = Integer.valueOf(1_000 + i);
        }
    }

    @Test
    void addsPrimitives() {
        long sum = 0;
        for (int i = 0; i < OPS; i++) {
            sum += i * 31L;
        }
        longSink = sum;
    }
}
