package io.github.qdrantjca.sample.qdrant;

import io.grpc.Status;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits for the Qdrant client's futures and turns their failures into {@link QdrantCallException}. */
public final class QdrantCalls {

    private QdrantCalls() {}

    /**
     * The result of {@code call}; the adapter's call deadline bounds the wait.
     *
     * @param what what the call does, for the error message (e.g. "search sample_documents")
     */
    public static <T> T await(Future<T> call, String what) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QdrantCallException(what + " was interrupted", e, true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            Status status = Status.fromThrowable(cause);
            boolean unavailable = status.getCode() == Status.Code.UNAVAILABLE
                    || status.getCode() == Status.Code.DEADLINE_EXCEEDED;
            throw new QdrantCallException(what + " failed: " + cause.getMessage(), cause, unavailable);
        }
    }
}
