package io.github.qdrantjca.emulator;

import io.grpc.Metadata;
import io.grpc.ServerStreamTracer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts every RPC received, before any fault or check applies, unknown methods included: a stream tracer sees
 * each incoming call, where an interceptor would miss calls to methods no service implements.
 */
final class CallCounter extends ServerStreamTracer.Factory {

    private static final ServerStreamTracer NOOP = new ServerStreamTracer() {
    };

    private final AtomicLong calls = new AtomicLong();

    @Override
    public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
        calls.incrementAndGet();
        return NOOP;
    }

    long count() {
        return calls.get();
    }
}
