package io.github.qdrantjca.emulator;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.concurrent.atomic.AtomicLong;

/** Counts every RPC received, before any fault or check applies. */
final class CallCounter implements ServerInterceptor {

    private final AtomicLong calls = new AtomicLong();

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        calls.incrementAndGet();
        return next.startCall(call, headers);
    }

    long count() {
        return calls.get();
    }
}
