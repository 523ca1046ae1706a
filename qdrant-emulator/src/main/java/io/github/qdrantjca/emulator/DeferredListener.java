package io.github.qdrantjca.emulator;

import io.grpc.ServerCall;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Stands in for a call's listener until the call is really started: queues every event, then replays them, in
 * order, to the listener the start produced. A call cancelled before its start is never started.
 */
final class DeferredListener<Q> extends ServerCall.Listener<Q> {

    private final List<Consumer<ServerCall.Listener<Q>>> pending = new ArrayList<>();
    private ServerCall.Listener<Q> delegate; // guarded by this
    private boolean cancelled; // guarded by this

    /** Starts the call (once) unless it was cancelled meanwhile, and hands it every queued event. */
    void start(Supplier<ServerCall.Listener<Q>> starter) {
        synchronized (this) {
            if (cancelled) {
                return;
            }
        }
        ServerCall.Listener<Q> started = starter.get();
        while (true) {
            List<Consumer<ServerCall.Listener<Q>>> batch;
            synchronized (this) {
                if (pending.isEmpty()) {
                    delegate = started;
                    return;
                }
                batch = new ArrayList<>(pending);
                pending.clear();
            }
            batch.forEach(event -> event.accept(started));
        }
    }

    synchronized boolean isCancelled() {
        return cancelled;
    }

    private void dispatch(Consumer<ServerCall.Listener<Q>> event) {
        ServerCall.Listener<Q> target;
        synchronized (this) {
            if (delegate == null) {
                pending.add(event);
                return;
            }
            target = delegate;
        }
        event.accept(target);
    }

    @Override
    public void onMessage(Q message) {
        dispatch(l -> l.onMessage(message));
    }

    @Override
    public void onHalfClose() {
        dispatch(ServerCall.Listener::onHalfClose);
    }

    @Override
    public void onCancel() {
        synchronized (this) {
            cancelled = true;
        }
        dispatch(ServerCall.Listener::onCancel);
    }

    @Override
    public void onComplete() {
        dispatch(ServerCall.Listener::onComplete);
    }

    @Override
    public void onReady() {
        dispatch(ServerCall.Listener::onReady);
    }
}
