package io.github.qdrantjca.adapter.transport;

import io.grpc.Status;

/**
 * The one place that decides whether a failed call means the physical connection is gone (the
 * container must discard it) or the request was wrong (the caller sees the error, the connection
 * stays in the pool).
 */
public final class QdrantErrorClassifier {

    /** What a failed call says about its connection. */
    public enum Verdict {
        /** The connection is unusable: fire {@code CONNECTION_ERROR_OCCURRED}. */
        CONNECTION_BROKEN,
        /** The request failed; the connection is fine. */
        REQUEST_ERROR
    }

    private QdrantErrorClassifier() {}

    /**
     * Classifies the final status of one call.
     *
     * @param status the status the call closed with
     * @param connectionCredentials whether the call carried the connection's own credentials
     *     (as opposed to credentials the application added to this one call)
     */
    public static Verdict classify(Status status, boolean connectionCredentials) {
        return switch (status.getCode()) {
            // Server gone, connection refused or reset, channel shut down.
            case UNAVAILABLE -> Verdict.CONNECTION_BROKEN;
            // The connection's key is refused: every later call on it would fail the same way.
            case UNAUTHENTICATED -> connectionCredentials ? Verdict.CONNECTION_BROKEN : Verdict.REQUEST_ERROR;
            // OK, NOT_FOUND, INVALID_ARGUMENT, ALREADY_EXISTS, DEADLINE_EXCEEDED (one call's deadline),
            // CANCELLED, PERMISSION_DENIED, RESOURCE_EXHAUSTED, FAILED_PRECONDITION, ABORTED,
            // OUT_OF_RANGE, UNIMPLEMENTED, INTERNAL, UNKNOWN, DATA_LOSS: the request's business.
            default -> Verdict.REQUEST_ERROR;
        };
    }
}
