package io.github.qdrantjca.emulator;

import io.github.qdrantjca.emulator.internal.HealthServices;
import io.github.qdrantjca.emulator.internal.QdrantErrors;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Checks the API key the way Qdrant does: header {@code api-key} or {@code authorization: Bearer <key>};
 * the health RPCs need none.
 */
final class ApiKeyCheck implements ServerInterceptor {

    private static final Metadata.Key<String> API_KEY = Metadata.Key.of("api-key", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    private final String apiKey;

    ApiKeyCheck(String apiKey) {
        this.apiKey = apiKey;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        Status refusal = check(call.getMethodDescriptor().getFullMethodName(), headers);
        if (refusal == null) {
            return next.startCall(call, headers);
        }
        call.close(refusal, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }

    /** Returns null when the call may proceed, else the status to refuse it with. */
    Status check(String fullMethodName, Metadata headers) {
        if (apiKey == null || HealthServices.UNAUTHENTICATED_METHODS.contains(fullMethodName)) {
            return null;
        }
        String sent = headers.get(API_KEY);
        if (sent == null) {
            String authorization = headers.get(AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                sent = authorization.substring(BEARER.length()).trim();
            }
        }
        if (sent == null) {
            return QdrantErrors.missingApiKey();
        }
        return java.security.MessageDigest.isEqual(sent.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                apiKey.getBytes(java.nio.charset.StandardCharsets.UTF_8)) ? null : QdrantErrors.invalidApiKey();
    }
}
