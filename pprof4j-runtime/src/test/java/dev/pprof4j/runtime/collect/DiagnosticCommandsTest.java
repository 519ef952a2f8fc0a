package dev.pprof4j.runtime.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DiagnosticCommandsTest {
    @Test
    void operationNamesAreTheMBeansOwn() {
        assertEquals("vmLog", DiagnosticCommands.operation("VM.log"));
        assertEquals("jfrConfigure", DiagnosticCommands.operation("JFR.configure"));
        assertEquals("gcClassHistogram", DiagnosticCommands.operation("GC.class_histogram"));
        assertEquals("vmNativeMemory", DiagnosticCommands.operation("VM.native_memory"));
    }

    @Test
    void withoutInstrumentationCommandsGoThroughTheMBeanServer() {
        DiagnosticCommands commands = DiagnosticCommands.open(null);
        assertNotNull(commands.viaMBeanServerReason());
        String flags = commands.execute("VM.flags", "-all");
        assertTrue(flags.contains("MaxHeapSize"), flags);
    }

    @Test
    void aRefusedCommandSaysWhich() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DiagnosticCommands.open(null).execute("VM.flags", "nosuch=1"));
        assertTrue(e.getMessage().startsWith("VM.flags [nosuch=1]: "), e.getMessage());
    }
}
