package io.github.qdrantjca.bench.harness;

import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.UpsertPoints;

/**
 * One way an application talks to Qdrant. Each method makes one blocking call with a 10 s deadline
 * and returns what it got, so that the runner can check the answer.
 */
public interface ClientUnderTest {

    /** The deadline every client puts on every call. */
    java.time.Duration DEADLINE = java.time.Duration.ofSeconds(10);

    /**
     * The name in the results ({@code pooled}, {@code pooled-mux}, {@code shared}, {@code raw},
     * {@code pooled-64}, {@code pooled-64-mux}).
     */
    String name();

    /** Hits returned by a search. */
    int search(SearchPoints request) throws Exception;

    /** Points returned by a get. */
    int get(GetPoints request) throws Exception;

    /** Whether the upsert was acknowledged as completed. */
    boolean upsert(UpsertPoints request) throws Exception;

    /** The count a count request answered. */
    long count(CountPoints request) throws Exception;

    /** Physical connections this client holds open now (for attributing the server's count). */
    long connectionsOpen();

    /**
     * The most physical connections this client had open at once since it was made: a pool's own count
     * (its channels from built to terminated), 1 for a client on one channel.
     */
    long connectionsPeak();
}
