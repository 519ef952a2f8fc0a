package dev.pprof4j.junit;

import java.lang.reflect.Method;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/** Measures around the test method's invocation only, not around other extensions' callbacks. */
final class ReportAllocationsExtension implements InvocationInterceptor {

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        long operations = operations(context);
        AllocationMeter meter = AllocationMeter.create();
        long before = meter.allocatedSoFar();
        try {
            invocation.proceed();
        } finally {
            long allocated = meter.allocatedSoFar() - before;
            String test = context.getRequiredTestClass().getSimpleName() + "." + context.getDisplayName();
            System.out.printf("allocations: %s: %,d B, %,.1f B/op (%,d ops)%n", test, allocated,
                    (double) allocated / operations, operations);
            context.publishReportEntry(Map.of("pprof4j.allocatedBytes", Long.toString(allocated),
                    "pprof4j.bytesPerOp", String.format("%.1f", (double) allocated / operations)));
        }
    }

    private static long operations(ExtensionContext context) {
        ReportAllocations settings = context.getTestMethod().map(m -> m.getAnnotation(ReportAllocations.class))
                .orElseGet(() -> context.getRequiredTestClass().getAnnotation(ReportAllocations.class));
        long operations = settings == null ? 1 : settings.operations();
        if (operations < 1) {
            throw new ExtensionConfigurationException("@ReportAllocations(operations = " + operations
                    + ") on " + context.getDisplayName() + ": operations must be at least 1");
        }
        return operations;
    }
}
