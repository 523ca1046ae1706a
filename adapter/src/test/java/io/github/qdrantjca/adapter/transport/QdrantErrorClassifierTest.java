package io.github.qdrantjca.adapter.transport;

import static io.github.qdrantjca.adapter.transport.QdrantErrorClassifier.Verdict.CONNECTION_BROKEN;
import static io.github.qdrantjca.adapter.transport.QdrantErrorClassifier.Verdict.REQUEST_ERROR;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qdrantjca.adapter.transport.QdrantErrorClassifier.Verdict;
import io.grpc.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QdrantErrorClassifierTest {

    @ParameterizedTest(name = "{0} (connection credentials: {1}) -> {2}")
    @CsvSource({
        // the physical connection is gone: the container must discard it
        "UNAVAILABLE,         true,  CONNECTION_BROKEN",   // server down, connection refused/reset, channel shut down
        "UNAVAILABLE,         false, CONNECTION_BROKEN",
        "UNAUTHENTICATED,     true,  CONNECTION_BROKEN",   // the connection's own key is refused
        // the request's business: the caller sees it, the connection stays
        "UNAUTHENTICATED,     false, REQUEST_ERROR",       // a key the application put on one call
        "NOT_FOUND,           true,  REQUEST_ERROR",       // missing collection or point
        "INVALID_ARGUMENT,    true,  REQUEST_ERROR",       // wrong dimension, validation error
        "ALREADY_EXISTS,      true,  REQUEST_ERROR",
        "DEADLINE_EXCEEDED,   true,  REQUEST_ERROR",       // one call's deadline
        "CANCELLED,           true,  REQUEST_ERROR",
        "PERMISSION_DENIED,   true,  REQUEST_ERROR",       // read-only key writing
        "RESOURCE_EXHAUSTED,  true,  REQUEST_ERROR",       // rate limit
        "FAILED_PRECONDITION, true,  REQUEST_ERROR",
        "UNIMPLEMENTED,       true,  REQUEST_ERROR",
        "INTERNAL,            true,  REQUEST_ERROR",
        "UNKNOWN,             true,  REQUEST_ERROR",
    })
    void classifiesTheFinalStatusOfACall(Status.Code code, boolean connectionCredentials, Verdict expected) {
        assertThat(QdrantErrorClassifier.classify(Status.fromCode(code), connectionCredentials)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"Channel shutdown invoked", "Channel shutdownNow invoked", "io exception"})
    void channelShutdownAndTransportFailuresBreakTheConnection(String description) {
        assertThat(QdrantErrorClassifier.classify(Status.UNAVAILABLE.withDescription(description), true))
                .isEqualTo(CONNECTION_BROKEN);
        assertThat(QdrantErrorClassifier.classify(Status.NOT_FOUND.withDescription(description), true))
                .isEqualTo(REQUEST_ERROR);
    }
}
