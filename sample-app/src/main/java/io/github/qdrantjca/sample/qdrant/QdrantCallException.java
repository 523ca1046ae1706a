package io.github.qdrantjca.sample.qdrant;

import jakarta.ejb.ApplicationException;

/**
 * A Qdrant call of the sample failed. {@link #isUnavailable()} tells whether Qdrant (or a pooled
 * connection to it) was unavailable, as opposed to a request Qdrant rejected.
 */
@ApplicationException
public class QdrantCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean unavailable;

    /** A failure with its cause; {@code unavailable} when retrying later may succeed. */
    public QdrantCallException(String message, Throwable cause, boolean unavailable) {
        super(message, cause);
        this.unavailable = unavailable;
    }

    /** Whether Qdrant could not be reached or did not answer in time. */
    public boolean isUnavailable() {
        return unavailable;
    }
}
