package dev.pprof4j.runtime.push;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * How the pusher authenticates: a bearer token or basic auth (Grafana Cloud and gateways), and
 * a tenant ({@code X-Scope-OrgID}, Pyroscope's multi-tenancy). Secrets come from a file
 * ({@code pyroscopetokenfile=}, {@code pyroscopepasswordfile=}) or the environment
 * ({@code PYROSCOPE_AUTH_TOKEN}, {@code PYROSCOPE_BASIC_AUTH_PASSWORD}, the names
 * pyroscope-java reads), never from the option string itself: the command line is readable
 * by every local user and is echoed by {@code /debug/pprof/cmdline} and {@code /debug/vars}.
 * {@link #toString()} shows which kind is set, never a value.
 */
final class PushCredentials {
    static final String ENV_TOKEN = "PYROSCOPE_AUTH_TOKEN";
    static final String ENV_USER = "PYROSCOPE_BASIC_AUTH_USER";
    static final String ENV_PASSWORD = "PYROSCOPE_BASIC_AUTH_PASSWORD";
    static final String ENV_TENANT = "PYROSCOPE_TENANT_ID";
    /** A secret file larger than this is not a token; refusing it keeps the start bounded. */
    private static final long MAX_SECRET_BYTES = 16 * 1024;

    private final String authorization;
    private final String tenant;
    private final String kind;

    private PushCredentials(String authorization, String tenant, String kind) {
        this.authorization = authorization;
        this.tenant = tenant;
        this.kind = kind;
    }

    static final PushCredentials NONE = new PushCredentials(null, null, "none");

    /**
     * @param tokenFile    {@code pyroscopetokenfile=} or null
     * @param user         {@code pyroscopeuser=} or null
     * @param passwordFile {@code pyroscopepasswordfile=} or null
     * @param tenant       {@code pyroscopetenant=} or null
     * @throws IllegalArgumentException naming the option (never the secret)
     */
    static PushCredentials of(String tokenFile, String user, String passwordFile, String tenant,
            Map<String, String> env) {
        String token = tokenFile != null ? readSecret("pyroscopetokenfile", tokenFile) : blankToNull(env.get(ENV_TOKEN));
        String userName = user != null ? blankToNull(user) : blankToNull(env.get(ENV_USER));
        String password = passwordFile != null ? readSecret("pyroscopepasswordfile", passwordFile)
                : blankToNull(env.get(ENV_PASSWORD));
        if (password != null && userName == null) {
            throw new IllegalArgumentException("a basic-auth password is set (pyroscopepasswordfile= or "
                    + ENV_PASSWORD + ") but no user: set pyroscopeuser=<name>");
        }
        if (userName != null && password == null) {
            throw new IllegalArgumentException("pyroscopeuser=" + userName + " has no password: set"
                    + " pyroscopepasswordfile=<file> or " + ENV_PASSWORD);
        }
        if (token != null && userName != null) {
            throw new IllegalArgumentException("both a bearer token and basic auth are set for Pyroscope; use one");
        }
        String tenantId = tenant != null ? blankToNull(tenant) : blankToNull(env.get(ENV_TENANT));
        if (tenantId != null && !tenantId.matches("[\\x21-\\x7e]{1,150}")) {
            throw new IllegalArgumentException("pyroscopetenant=" + tenantId
                    + " is not a tenant id (printable ASCII without spaces, at most 150 characters)");
        }
        for (String secret : new String[] {token, userName, password}) {
            if (secret != null && secret.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("a Pyroscope credential contains a control character;"
                        + " check the token or password file");
            }
        }
        String authorization = token != null ? "Bearer " + token
                : userName != null ? "Basic " + Base64.getEncoder().encodeToString(
                        (userName + ":" + password).getBytes(StandardCharsets.UTF_8))
                : null;
        String kind = (token != null ? "bearer" : userName != null ? "basic" : "none")
                + (tenantId != null ? "+tenant" : "");
        return new PushCredentials(authorization, tenantId, kind);
    }

    /** Whether a secret would travel (tenant ids are not secret). */
    boolean hasSecret() {
        return authorization != null;
    }

    /** The {@code Authorization} header's value, or null (tests check it; the JDK hides it once set). */
    String authorization() {
        return authorization;
    }

    void apply(HttpURLConnection connection) {
        if (authorization != null) {
            connection.setRequestProperty("Authorization", authorization);
        }
        if (tenant != null) {
            connection.setRequestProperty("X-Scope-OrgID", tenant);
        }
    }

    private static String readSecret(String option, String file) {
        try {
            Path path = Path.of(file);
            if (Files.size(path) > MAX_SECRET_BYTES) {
                throw new IllegalArgumentException(option + "=" + file + " is larger than 16 KiB; is it the right file?");
            }
            String secret = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (secret.isEmpty()) {
                throw new IllegalArgumentException(option + "=" + file + " is empty");
            }
            return secret;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException(option + "=" + file + " cannot be read ("
                    + e.getClass().getSimpleName() + "); give a readable file holding only the secret");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Which kinds are set, e.g. {@code bearer+tenant}; never a value. */
    @Override
    public String toString() {
        return kind;
    }
}
