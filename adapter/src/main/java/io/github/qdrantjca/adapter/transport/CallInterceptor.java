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

/**
 * The interceptor on every physical channel. It sends {@code apiKey} unless the application put its
 * own credentials on the call, and hands {@code fatal} every call outcome that
 * {@link QdrantErrorClassifier} finds connection-fatal, before the caller sees it: the container
 * hears of a broken connection while the handle is still in use, so the connection can never go
 * back to the pool first.
 */
final class CallInterceptor implements ClientInterceptor {

    static final Metadata.Key<String> API_KEY = Metadata.Key.of("api-key", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final String apiKey;
    private final Consumer<Status> fatal;

    CallInterceptor(String apiKey, Consumer<Status> fatal) {
        this.apiKey = apiKey;
        this.fatal = fatal;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                boolean applicationHeaders = headers.containsKey(API_KEY) || headers.containsKey(AUTHORIZATION);
                // Whether the call carries the connection's own credentials, judged before the key is added.
                boolean ownCredentials = options.getCredentials() == null && !applicationHeaders;
                if (apiKey != null && !applicationHeaders) {
                    headers.put(API_KEY, apiKey);
                }
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
}
