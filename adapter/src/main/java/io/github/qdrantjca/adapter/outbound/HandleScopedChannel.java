package io.github.qdrantjca.adapter.outbound;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import java.util.concurrent.TimeUnit;

/**
 * The channel under a handle's {@code QdrantClient}: every new call first checks that the handle is
 * open, then goes to the physical channel of the managed connection the handle is associated with
 * right now. Shutting it down does nothing physical: the physical channel belongs to the pool.
 */
final class HandleScopedChannel extends ManagedChannel {

    private final HandleState state;

    HandleScopedChannel(HandleState state) {
        this.state = state;
    }

    @Override
    public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
        return state.checkOpen().physical().callChannel().newCall(method, options);
    }

    @Override
    public String authority() {
        return state.owner().authority();
    }

    @Override
    public ManagedChannel shutdown() {
        return this;
    }

    @Override
    public ManagedChannel shutdownNow() {
        return this;
    }

    @Override
    public boolean isShutdown() {
        return state.isClosed();
    }

    @Override
    public boolean isTerminated() {
        return state.isClosed();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return state.isClosed();
    }
}
