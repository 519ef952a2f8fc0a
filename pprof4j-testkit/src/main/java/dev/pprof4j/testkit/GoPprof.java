package dev.pprof4j.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The real {@code go tool pprof}, which our output must agree with. */
public final class GoPprof {
    private GoPprof() {
    }

    /** Runs {@code go tool pprof ARGS} and returns its standard output; fails on a non-zero exit. */
    public static String run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ExternalTool.require("go", "golang-go").toString());
        command.add("tool");
        command.add("pprof");
        command.addAll(List.of(args));
        return Command.run(Duration.ofMinutes(2), command).requireSuccess(command).stdout();
    }
}
