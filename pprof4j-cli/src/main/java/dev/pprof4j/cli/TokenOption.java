package dev.pprof4j.cli;

import dev.pprof4j.report.http.AgentAuth;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code -token_file} option of the subcommands that talk to an agent (a picocli mixin). */
final class TokenOption {
    @Option(names = {"-token_file", "--token-file"}, paramLabel = "FILE",
            description = "the agent's token (sent as Authorization: Bearer); default: $" + AgentToken.ENV)
    Path tokenFile;

    /** The token for requests to {@code urls} (a {@code token=} in them counts; take it out with {@link AgentAuth#withoutToken}). */
    AgentAuth auth(List<String> urls) {
        return AgentToken.resolve(tokenFile, urls);
    }
}
