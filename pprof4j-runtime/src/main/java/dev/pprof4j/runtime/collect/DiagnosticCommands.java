package dev.pprof4j.runtime.collect;

import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * HotSpot's diagnostic commands ({@code jcmd}'s {@code VM.log}, {@code JFR.configure}) run from
 * inside the JVM without the platform MBean server. Creating that server registers every platform
 * MXBean and costs an idle JVM about 10 MB of RSS, for two commands the agent runs at start.
 * The JDK's DiagnosticCommand MBean is a plain object whose native method runs one command line;
 * the agent opens its package ({@code jdk.management/com.sun.management.internal}, the same code
 * on JDK 17 and 25) to itself with {@link Instrumentation#redefineModule} and calls that method,
 * without registering anything. Started from code (no {@code Instrumentation}) or where that
 * package is not there, the commands go through the platform MBean server as before.
 */
public final class DiagnosticCommands {
    private static final String PACKAGE = "com.sun.management.internal";
    /** Loads libmanagement_ext, which holds the MBean's natives, in its static initializer. */
    private static final String PROVIDER = PACKAGE + ".PlatformMBeanProviderImpl";
    private static final String MBEAN = PACKAGE + ".DiagnosticCommandImpl";

    private final Object mbean;
    private final Method execute;
    private final String direct;

    private DiagnosticCommands(Object mbean, Method execute, String direct) {
        this.mbean = mbean;
        this.execute = execute;
        this.direct = direct;
    }

    /** Reaches the DiagnosticCommand MBean's natives where it can; never throws. */
    public static DiagnosticCommands open(Instrumentation instrumentation) {
        if (instrumentation == null) {
            return new DiagnosticCommands(null, null, "no Instrumentation (pprof4j started from code)");
        }
        try {
            Module self = DiagnosticCommands.class.getModule();
            Class<?> provider = Class.forName(PROVIDER, true, ClassLoader.getPlatformClassLoader());
            Module management = provider.getModule();
            if (!management.isOpen(PACKAGE, self)) {
                instrumentation.redefineModule(management, Set.of(), Map.of(), Map.of(PACKAGE, Set.of(self)),
                        Set.of(), Map.of());
            }
            Class<?> type = Class.forName(MBEAN, true, ClassLoader.getPlatformClassLoader());
            Method instance = type.getDeclaredMethod("getDiagnosticCommandMBean");
            instance.setAccessible(true);
            Object mbean = instance.invoke(null);
            if (mbean == null) {
                return new DiagnosticCommands(null, null, "this JVM runs no remote diagnostic commands");
            }
            Method execute = type.getDeclaredMethod("executeDiagnosticCommand", String.class);
            execute.setAccessible(true);
            return new DiagnosticCommands(mbean, execute, null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return new DiagnosticCommands(null, null, e.toString());
        }
    }

    /** Null when commands run without the platform MBean server, else why they go through it. */
    public String viaMBeanServerReason() {
        return direct;
    }

    /**
     * Runs one diagnostic command.
     *
     * @param command   the command's name, e.g. {@code VM.log}
     * @param arguments its arguments, e.g. {@code output=stdout}, {@code what=jni+resolve=off}
     * @return what the command printed
     * @throws IllegalStateException saying why, when the command could not run or refused its arguments
     */
    public String execute(String command, String... arguments) {
        try {
            if (execute != null) {
                return (String) execute.invoke(mbean, String.join(" ", command, String.join(" ", arguments)).strip());
            }
            Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), operation(command),
                    new Object[] {arguments}, new String[] {String[].class.getName()});
            return String.valueOf(out);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(command + " " + Arrays.toString(arguments) + ": " + e.getCause(), e);
        } catch (ReflectiveOperationException | JMException | RuntimeException e) {
            throw new IllegalStateException(command + " " + Arrays.toString(arguments) + ": " + e, e);
        }
    }

    /**
     * The MBean operation that runs a command: {@code VM.log} is {@code vmLog},
     * {@code JFR.configure} is {@code jfrConfigure}, {@code GC.class_histogram} is {@code gcClassHistogram}.
     */
    static String operation(String command) {
        String[] parts = command.split("[._]");
        StringBuilder name = new StringBuilder(parts[0].toLowerCase(Locale.ROOT));
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].isEmpty()) {
                name.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
            }
        }
        return name.toString();
    }
}
