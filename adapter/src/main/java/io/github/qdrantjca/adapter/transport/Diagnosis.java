package io.github.qdrantjca.adapter.transport;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeoutException;

/** Turns a failure into words an operator can act on: what happened, and what to check. */
final class Diagnosis {

    private Diagnosis() {}

    /** A short description of why an open or a check failed. */
    static String describe(Throwable t) {
        if (t instanceof TimeoutException) {
            return "no answer within the deadline";
        }
        if (t instanceof InterruptedException) {
            return "interrupted";
        }
        Status status = Status.fromThrowable(t);
        if (status.getCode() != Status.Code.UNKNOWN || t instanceof StatusRuntimeException) {
            String cause = status.getCause() == null ? "" : ": " + status.getCause().getMessage();
            return status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription()) + cause;
        }
        return t.toString();
    }

    /**
     * What to check after a failed open, saying so plainly when the failure shows a TLS mismatch:
     * a TLS client reading a plaintext answer, a plaintext client dropped by a TLS server, or a
     * certificate that is not trusted.
     */
    static String advice(Throwable failure, boolean useTls) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < 10_000 && t.getCause() != t; t = t.getCause()) {
            text.append(t).append('\n');
        }
        String causes = text.toString();
        if (useTls && causes.contains("not an SSL/TLS record")) {
            return "the server answered in plaintext, not TLS: set useTls=false, or enable TLS on Qdrant";
        }
        if (useTls && (causes.contains("PKIX") || causes.contains("certificate"))) {
            return "TLS handshake failed: the server's certificate is not trusted; set trustCertificate to a PEM "
                    + "file of its certificate or CA";
        }
        if (!useTls && (causes.contains("Connection reset") || causes.contains("Network closed")
                || causes.contains("first received frame was not SETTINGS"))) {
            return "the server dropped the plaintext HTTP/2 connection: if Qdrant has TLS enabled, set useTls=true; "
                    + "otherwise check host and port";
        }
        return "check host, port and useTls (now " + useTls + ")";
    }
}
