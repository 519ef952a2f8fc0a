package dev.pprof4j.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * The subcommands of {@code pprof4j}: each is a picocli {@code @Command} class (with a
 * public no-argument constructor, implementing {@code Callable<Integer>}) whose
 * {@code name} is recognised as the first argument. To add one, add its class here — one
 * line — and nothing else; {@code pprof4j -help} lists it.
 */
final class Subcommands {
    private static final List<Class<?>> ALL = List.of(
            VersionCommand.class,
            AttachCommand.class,
            AgentPathCommand.class,
            GateCommand.class,
            HistodiffCommand.class,
            RetainersCommand.class,
            LeaksCommand.class,
            DemoCommand.class
    );

    private Subcommands() {
    }

    static Class<?> byName(String name) {
        for (Class<?> c : ALL) {
            Command cmd = c.getAnnotation(Command.class);
            if (cmd != null && cmd.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Class<?> c : ALL) {
            names.add(c.getAnnotation(Command.class).name());
        }
        return names;
    }

    /** One line per subcommand for the usage text: name and the first description line. */
    static String usage() {
        StringBuilder sb = new StringBuilder();
        for (Class<?> c : ALL) {
            Command cmd = c.getAnnotation(Command.class);
            String d = cmd.description().length > 0 ? cmd.description()[0] : "";
            sb.append(String.format("  %-12s %s%n", cmd.name(), d));
        }
        return sb.toString();
    }
}
