package io.github.qdrantjca.adapter.transport;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.function.Consumer;

/** The two interceptors on every physical channel: the API key, and the watch on how calls end. */
final class Interceptors {

    static final Metadata.Key<String> API_KEY = Metadata.Key.of("api-key", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private Interceptors() {}

    /** Sends {@code apiKey} unless the application put its own credentials on the call. */
    static ClientInterceptor apiKey(String apiKey) {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                if (apiKey == null) {
                    return next.newCall(method, options);
                }
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        if (!headers.containsKey(API_KEY) && !headers.containsKey(AUTHORIZATION)) {
                            headers.put(API_KEY, apiKey);
                        }
                        super.start(listener, headers);
                    }
                };
            }
        };
    }

    /**
     * Hands {@code fatal} every call outcome that {@link QdrantErrorClassifier} finds connection-fatal,
     * before the caller sees it: the container hears of a broken connection while the handle is still
     * in use, so the connection can never go back to the pool first.
     */
    static ClientInterceptor outcomes(Consumer<Status> fatal) {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        boolean ownCredentials = options.getCredentials() == null
                                && !headers.containsKey(API_KEY) && !headers.containsKey(AUTHORIZATION);
                        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                            @Override
                            public void onClose(Status status, Metadata trailers) {
                                if (!status.isOk() && QdrantErrorClassifier.classify(status, ownCredentials)
                                        == QdrantErrorClassifier.Verdict.CONNECTION_BROKEN) {
                                    fatal.accept(status);
                                }
                                super.onClose(status, trailers);
                            }
                        }, headers);
                    }
                };
            }
        };
    }
}
