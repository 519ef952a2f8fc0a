package dev.pprof4j.cli;

import dev.pprof4j.report.http.AgentAuth;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where a command that talks to an agent gets the agent's token, first found first: the file
 * {@code -token_file} names, a {@code token=} a user put in a source URL (taken out of the URL
 * by the caller, so it is sent as a header and printed nowhere), and the environment variable
 * {@code PPROF4J_TOKEN}. The file and the variable keep the token out of {@code ps} and of
 * shell history.
 */
final class AgentToken {
    static final String ENV = "PPROF4J_TOKEN";
    /** A token is a line; a bigger file is not a token file. */
    private static final int MAX_FILE_BYTES = 4096;

    private AgentToken() {
    }

    /** The token for this run, from {@code tokenFile} (may be null), the {@code urls}, or {@code env}. */
    static AgentAuth resolve(Path tokenFile, List<String> urls, Map<String, String> env) {
        if (tokenFile != null) {
            return AgentAuth.of(read(tokenFile));
        }
        for (String url : urls) {
            String inUrl = AgentAuth.tokenIn(url);
            if (inUrl != null && !inUrl.isEmpty()) {
                return AgentAuth.of(inUrl);
            }
        }
        return AgentAuth.of(env.get(ENV));
    }

    /** {@link #resolve} with this process's environment. */
    static AgentAuth resolve(Path tokenFile, List<String> urls) {
        return resolve(tokenFile, urls, System.getenv());
    }

    private static String read(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new CliError("-token_file " + file + ": no such file");
        } catch (IOException e) {
            throw new CliError("-token_file " + file + ": cannot read it (" + e.getMessage() + ")", e);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new CliError("-token_file " + file + ": more than " + MAX_FILE_BYTES
                    + " bytes; it should hold the agent's token on one line");
        }
        String token = new String(bytes, StandardCharsets.UTF_8).strip();
        if (token.isEmpty() || token.contains("\n")) {
            throw new CliError("-token_file " + file + ": " + (token.isEmpty() ? "empty" : "more than one line")
                    + "; it should hold the agent's token on one line");
        }
        return token;
    }
}
