package dev.pprof4j.junit.sample;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs sample classes (named by the arguments) through the JUnit Platform Launcher in a child JVM (so each JUnit
 * version gets its own class path) and prints one line per test:
 * {@code RESULT <method> <status> <base64 of the failure message>}, after a
 * {@code JUNIT <version>} line naming the Jupiter API that actually ran. Only the Launcher
 * API that JUnit 5.10 through 6 share is used.
 */
public final class SampleLauncher {
    private SampleLauncher() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("JUNIT " + Test.class.getPackage().getImplementationVersion());
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(args).map(DiscoverySelectors::selectClass).toList())
                .build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                print(test, "SKIPPED", reason);
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    print(test, result.getStatus().name(),
                            result.getThrowable().map(t -> t.getClass().getName() + ": " + t.getMessage()).orElse(""));
                }
            }
        });
        System.out.flush();
        // Leaked non-daemon threads would keep the JVM alive: that is what the samples do.
        System.exit(0);
    }

    private static void print(TestIdentifier test, String status, String message) {
        String method = test.getSource().filter(MethodSource.class::isInstance)
                .map(s -> ((MethodSource) s).getMethodName()).orElse(test.getDisplayName());
        System.out.println("RESULT " + method + " " + status + " "
                + Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8)));
    }
}
