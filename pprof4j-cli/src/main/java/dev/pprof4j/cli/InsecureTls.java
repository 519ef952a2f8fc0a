package dev.pprof4j.cli;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * go tool pprof's {@code https+insecure://} scheme: HTTPS that checks neither the server's
 * certificate nor its host name (Go's {@code InsecureSkipVerify}), for a service behind a
 * self-signed certificate. The connection is still encrypted but anyone on the path can read
 * and answer it, so only a URL that says so gets this; {@code https://} checks as always.
 *
 * <p>An {@link X509ExtendedTrustManager} and not a plain one: JSSE wraps a plain trust manager
 * in one that still checks the host name, which a self-signed certificate rarely matches.
 */
final class InsecureTls {
    /** The URL scheme, as go tool pprof spells it. */
    static final String SCHEME = "https+insecure";

    private InsecureTls() {
    }

    /** A TLS context that accepts any server certificate for any host. */
    static SSLContext context() {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new TrustingAll()}, new SecureRandom());
            return tls;
        } catch (GeneralSecurityException e) {
            throw new CliError("https+insecure: no TLS in this JVM: " + e.getMessage(), e);
        }
    }

    private static final class TrustingAll extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a client only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
