package dev.pprof4j.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reports the bytes each test allocates on its thread, like Go's {@code b.ReportAllocs()}:
 * a line on standard output ({@code allocations: <test>: 1,234 B, 12.3 B/op}) and a JUnit
 * report entry {@code pprof4j.allocatedBytes} (in Surefire's XML reports). The count covers
 * the test method's invocation, JUnit's reflective call included; see docs/JUNIT.md for its size.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(ReportAllocationsExtension.class)
public @interface ReportAllocations {
    /** Operations one run of the test performs, to print bytes per operation; at least 1. */
    long operations() default 1;
}
