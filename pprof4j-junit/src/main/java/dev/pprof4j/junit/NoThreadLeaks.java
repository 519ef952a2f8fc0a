package dev.pprof4j.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails a test that leaves threads behind, platform or virtual (virtual: JDK 21+).
 *
 * <p>Before each test the extension notes the live threads; after the test and its
 * {@code @AfterEach} methods it looks again, retrying with a capped backoff for
 * {@link #graceMillis()}, and fails the test with a report of every new thread still
 * alive, grouped by stack and by the stack that started it. On a class it applies to each
 * test method; an annotation on a method overrides the class's.
 *
 * <p>Threads that tests run concurrently start cannot be told apart, so the extension
 * refuses to run under JUnit's concurrent execution mode.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(NoThreadLeaksExtension.class)
public @interface NoThreadLeaks {
    /** Regular expressions; threads whose whole name matches one are ignored. */
    String[] ignoreThreadNames() default {};

    /** Qualified method names ({@code java.lang.Thread.sleep}); threads with one on top of the stack are ignored. */
    String[] ignoreTopFunctions() default {};

    /**
     * Ignore threads alive before the test (goleak's IgnoreCurrent). With {@code false} every
     * thread but the JVM's and the test runner's own must be gone after the test.
     */
    boolean ignoreCurrent() default true;

    /** How long to wait for new threads to end before failing, in milliseconds. */
    long graceMillis() default 2000;
}
