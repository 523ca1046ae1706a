package io.github.qdrantjca.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Helpers shared by the tests: collection names and cleanup, waiting on futures, reading gRPC errors. */
final class TestSupport {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final QdrantClient client;
    private final List<String> created = new CopyOnWriteArrayList<>();

    TestSupport(QdrantClient client) {
        this.client = client;
    }

    /** A collection name no other test uses (tests also run against one shared real Qdrant). */
    static String uniqueName(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    }

    /** Creates a collection with one unnamed vector and remembers it for {@link #dropAll()}. */
    String collection(String prefix, int size, Distance distance) throws Exception {
        String name = uniqueName(prefix);
        get(client.createCollectionAsync(name, VectorParams.newBuilder().setSize(size).setDistance(distance).build()));
        created.add(name);
        return name;
    }

    /** Creates a collection with named vectors and remembers it. */
    String collection(String prefix, Map<String, VectorParams> vectors) throws Exception {
        String name = uniqueName(prefix);
        get(client.createCollectionAsync(name, vectors));
        created.add(name);
        return name;
    }

    /** Remembers a collection created elsewhere. */
    void track(String name) {
        created.add(name);
    }

    /** Deletes every remembered collection (missing ones are fine). */
    void dropAll() {
        for (String name : created) {
            try {
                client.grpcClient().collections().delete(
                        io.qdrant.client.grpc.Collections.DeleteCollection.newBuilder().setCollectionName(name)
                                .build()).get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // best effort: the emulator is closed after the class anyway
            }
        }
        created.clear();
    }

    static <T> T get(ListenableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    /** The gRPC status a failing call ended with (unwrapping the future's ExecutionException). */
    static Status statusOf(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("the call should have failed").isNotNull();
        Throwable cause = thrown instanceof ExecutionException ? thrown.getCause() : thrown;
        assertThat(cause).isInstanceOf(StatusRuntimeException.class);
        return ((StatusRuntimeException) cause).getStatus();
    }

    static PointStruct point(long id, float[] vector, Map<String, Value> payload) {
        return PointStruct.newBuilder().setId(PointIdFactory.id(id)).setVectors(VectorsFactory.vectors(vector))
                .putAllPayload(payload).build();
    }

    static PointStruct point(long id, float... vector) {
        return point(id, vector, Map.of());
    }

    // Reference scores, computed in double from the definitions.

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    static double cosine(float[] a, float[] b) {
        return dot(a, b) / Math.sqrt(dot(a, a)) / Math.sqrt(dot(b, b));
    }

    static double euclid(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    static double manhattan(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs((double) a[i] - b[i]);
        }
        return s;
    }
}
