package io.github.qdrantjca.faults.app;

import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** One place that turns a failed call into the text the reports show. */
final class Errors {

    private Errors() {}

    /** The gRPC status code of {@code t} or of one of its causes, or {@code null}. */
    static String statusCode(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StatusRuntimeException s) {
                return s.getStatus().getCode().name();
            }
        }
        return null;
    }

    /** {@code Class: message} of {@code t} with the chain of causes, wrappers of futures skipped. */
    static String describe(Throwable t) {
        Throwable shown = unwrap(t);
        StringBuilder text = new StringBuilder();
        for (Throwable c = shown; c != null && text.length() < 600; c = c.getCause()) {
            if (text.length() > 0) {
                text.append(" <- ");
            }
            text.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
            if (c.getCause() == c) {
                break;
            }
        }
        return text.toString();
    }

    /** Every message in the chain of causes of {@code t}, without a length limit. */
    static String chain(Throwable t) {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        for (Throwable c = t; c != null && depth < 30; c = c.getCause(), depth++) {
            if (text.length() > 0) {
                text.append(" <- ");
            }
            text.append(c.getClass().getName()).append(": ").append(c.getMessage());
        }
        return text.toString();
    }

    /** The full stack trace of {@code t}, as a log would print it. */
    static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof ExecutionException || c instanceof CompletionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
