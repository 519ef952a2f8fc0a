package dev.pprof4j.junit;

import java.lang.reflect.AnnotatedElement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Runs {@link ThreadLeaks} around each test annotated (or in a class annotated) with {@link NoThreadLeaks}. */
final class NoThreadLeaksExtension implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(NoThreadLeaksExtension.class);
    private static final String BASELINE = "baseline";
    private static final String START_LOG = "threadStartLog";

    @Override
    public void beforeEach(ExtensionContext context) {
        NoThreadLeaks settings = settings(context);
        if (context.getExecutionMode() == ExecutionMode.CONCURRENT) {
            throw new ExtensionConfigurationException("@NoThreadLeaks on " + context.getDisplayName()
                    + ": tests run concurrently, so threads cannot be told apart by test; annotate the class"
                    + " with @Execution(ExecutionMode.SAME_THREAD) or drop @NoThreadLeaks");
        }
        List<ThreadLeakOption> options = options(settings); // refuses bad settings before the test runs
        LiveThreads liveThreads = new LiveThreads();
        // The log starts before the baseline, so JFR's own threads count as already there.
        ThreadStartLog log = startLog(context);
        Baseline baseline = new Baseline(liveThreads, log,
                settings.ignoreCurrent() ? liveThreads.snapshot() : List.of(), options);
        context.getStore(NAMESPACE).put(BASELINE, baseline);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Baseline baseline = context.getStore(NAMESPACE).remove(BASELINE, Baseline.class);
        if (baseline == null) {
            return; // beforeEach refused to run
        }
        List<ThreadLeakOption> options = new ArrayList<>(baseline.options());
        options.add(ThreadLeakOption.ignoreThreads(baseline.threads()));
        options.add(ThreadLeakOption.creationSites(baseline.log()));
        String report = ThreadLeaks.check(baseline.liveThreads(), options);
        if (report != null) {
            throw new AssertionError(context.getDisplayName() + " in "
                    + context.getRequiredTestClass().getName() + " left threads behind; " + report);
        }
    }

    private record Baseline(LiveThreads liveThreads, ThreadStartLog log, List<LiveThread> threads,
            List<ThreadLeakOption> options) {
    }

    private static NoThreadLeaks settings(ExtensionContext context) {
        Optional<NoThreadLeaks> onMethod = context.getTestMethod().map(m -> m.getAnnotation(NoThreadLeaks.class));
        if (onMethod.isPresent()) {
            return onMethod.get();
        }
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            NoThreadLeaks onClass = ((AnnotatedElement) c).getAnnotation(NoThreadLeaks.class);
            if (onClass != null) {
                return onClass;
            }
        }
        throw new ExtensionConfigurationException("NoThreadLeaksExtension registered on "
                + context.getDisplayName() + " without @NoThreadLeaks; use the annotation instead");
    }

    private static List<ThreadLeakOption> options(NoThreadLeaks settings) {
        List<ThreadLeakOption> options = new ArrayList<>();
        try {
            for (String regex : settings.ignoreThreadNames()) {
                options.add(ThreadLeakOption.ignoreThreadName(regex));
            }
            for (String function : settings.ignoreTopFunctions()) {
                options.add(ThreadLeakOption.ignoreTopFunction(function));
            }
            if (settings.graceMillis() < 0) {
                throw new IllegalArgumentException("graceMillis = " + settings.graceMillis()
                        + ": a grace period cannot be negative; use 0 to look once");
            }
            options.add(ThreadLeakOption.maxGrace(Duration.ofMillis(settings.graceMillis())));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@NoThreadLeaks: " + e.getMessage(), e);
        }
        return options;
    }

    /** One log for the whole run, kept in the root store and closed by JUnit at the end. */
    @SuppressWarnings("deprecation") // CloseableResource: JUnit 5.10 has no AutoCloseable store values
    private static ThreadStartLog startLog(ExtensionContext context) {
        ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
        return root.getOrComputeIfAbsent(START_LOG, k -> new ClosingLog(ThreadStartLog.start()), ClosingLog.class).log();
    }

    /**
     * JUnit 5.10 closes store values that are CloseableResource; 5.13+ prefers AutoCloseable
     * and warns about CloseableResource alone (JUnit 6 does). Being both, it is closed once by either.
     */
    @SuppressWarnings("deprecation")
    private record ClosingLog(ThreadStartLog log) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            log.close();
        }
    }
}
