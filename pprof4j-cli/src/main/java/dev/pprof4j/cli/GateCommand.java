package dev.pprof4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.pprof4j.report.gate.Gate;
import dev.pprof4j.report.gate.GateInputException;
import dev.pprof4j.report.gate.GateReport;
import dev.pprof4j.report.gate.GateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pprof4j gate}: fails CI when a profile or a JMH result regressed. Exit 0 when
 * nothing regressed, 1 when something did (the offenders are printed), 2 when the
 * inputs cannot be read or compared.
 */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = {"Fail (exit 1) when a profile or JMH result regressed past a threshold",
            "Compares two pprof profiles (the total and each function's flat value of one sample type)",
            "or two JMH JSON files (-rf json; score and, with -prof gc, gc.alloc.rate.norm).",
            "Exit status: 0 nothing regressed, 1 regressed, 2 bad usage or input."})
public final class GateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--baseline", required = true, paramLabel = "FILE", description = "The result to compare against")
    Path baseline;

    @Option(names = "--current", required = true, paramLabel = "FILE", description = "The new result")
    Path current;

    @Option(names = "--max-increase", paramLabel = "PERCENT", defaultValue = "5%",
            description = "How much worse a metric may get, e.g. 5% (default); for profiles, of the baseline total")
    String maxIncrease;

    @Option(names = {"--sample-index", "-sample_index"}, paramLabel = "X",
            description = "Profiles: the sample type (alloc_space, cpu, or its number); "
                    + "JMH: the metric (score, gc.alloc.rate.norm). Default: the profile's default; JMH: both")
    String sampleIndex;

    @Override
    public Integer call() {
        try {
            GateResult result = Gate.compare(baseline, current, sampleIndex, Gate.parseMaxIncrease(maxIncrease));
            spec.commandLine().getOut().print(GateReport.format(result));
            spec.commandLine().getOut().flush();
            return result.regressed() ? 1 : 0;
        } catch (GateInputException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("pprof4j gate: " + e.getMessage());
            return 2;
        }
    }
}
