package dev.pprof4j.cli.heldout;

/** A checkout that builds its own {@link TelemetryExporter}: the bug. */
final class CheckoutEndpoint {
    private CheckoutEndpoint() {
    }

    static void process(long cart) {
        new TelemetryExporter("metrics").export("checkout." + cart);
    }
}
