package io.github.qdrantjca.sample.documents;

import jakarta.ejb.ApplicationException;

/**
 * The client sent something the API cannot take. Carries the HTTP status to answer (400, 413 or
 * 415) and a message that says what to fix. An application exception: an EJB that throws it neither
 * logs it nor discards its instance.
 */
@ApplicationException
public class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** 400: the request is malformed or a value is invalid. */
    public static final int BAD_REQUEST = 400;
    /** 413: the body or a text is larger than the documented limit. */
    public static final int TOO_LARGE = 413;
    /** 415: the body is not JSON, or not UTF-8. */
    public static final int UNSUPPORTED_MEDIA_TYPE = 415;

    private final int status;

    /** A client error answered with {@code status}. */
    public InvalidRequestException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** 400 with {@code message}. */
    public static InvalidRequestException badRequest(String message) {
        return new InvalidRequestException(BAD_REQUEST, message);
    }

    /** The HTTP status to answer. */
    public int status() {
        return status;
    }
}
