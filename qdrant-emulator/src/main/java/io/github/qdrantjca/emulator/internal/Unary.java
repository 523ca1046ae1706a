package io.github.qdrantjca.emulator.internal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Runs the body of a unary RPC and turns its outcome into exactly one answer. */
final class Unary {

    private static final Logger LOG = Logger.getLogger(Unary.class.getName());

    private Unary() {
    }

    static <T> void answer(StreamObserver<T> observer, Supplier<T> body) {
        T reply;
        try {
            reply = body.get();
        } catch (StatusRuntimeException e) {
            observer.onError(e);
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Qdrant emulator failed on a request", e);
            observer.onError(Status.INTERNAL.withDescription("Service internal error: " + e).asRuntimeException());
            return;
        }
        observer.onNext(reply);
        observer.onCompleted();
    }

    /** Seconds elapsed since {@code startNanos}, as Qdrant's {@code time} fields report them. */
    static double since(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
