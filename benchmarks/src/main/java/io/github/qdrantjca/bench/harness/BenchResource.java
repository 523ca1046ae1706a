package io.github.qdrantjca.bench.harness;

import io.github.qdrantjca.adapter.api.QdrantAdapterStatistics;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Properties;

/** The driver's remote control: runs one measured load and reports the pool's counters, as properties text. */
@Path("bench")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class BenchResource {

    @Inject
    PooledPools pools;
    @Inject
    SharedClient shared;
    @Inject
    RawStubs raw;
    @Inject
    LoadRunner runner;

    /** Answers once the application is deployed. */
    @GET
    @Path("ping")
    public String ping() {
        return "ok";
    }

    /**
     * Runs {@code client} with the workload {@code mix} ({@code search}, the default, or {@code cheap})
     * at {@code concurrency}, from the wall-clock time {@code startMillis} (epoch ms; 0 = at once), for
     * {@code warmupMillis} (not recorded) then {@code measureMillis}. Also reports when the request arrived ({@code receivedMillis}) and the physical connections the client
     * held before and after.
     */
    @POST
    @Path("run")
    public String run(@QueryParam("client") String name, @QueryParam("concurrency") int concurrency,
            @QueryParam("mix") String mixName, @QueryParam("startMillis") long startMillis,
            @QueryParam("warmupMillis") long warmupMillis, @QueryParam("measureMillis") long measureMillis)
            throws InterruptedException {
        long receivedMillis = System.currentTimeMillis();
        if (concurrency < 1 || measureMillis < 1 || warmupMillis < 0) {
            throw new WebApplicationException("concurrency and measureMillis must be positive", Response.Status.BAD_REQUEST);
        }
        Workload.Mix mix;
        try {
            mix = Workload.Mix.of(mixName == null ? "search" : mixName);
        } catch (IllegalArgumentException e) {
            throw new WebApplicationException(e.getMessage(), Response.Status.BAD_REQUEST);
        }
        ClientUnderTest client = client(name);
        long ownBefore = client.connectionsOpen();
        LoadResult result = runner.run(client, mix, concurrency, startMillis, Duration.ofMillis(warmupMillis),
                Duration.ofMillis(measureMillis));
        Properties p = new Properties();
        result.store(p, "");
        p.setProperty("receivedMillis", Long.toString(receivedMillis));
        p.setProperty("ownConnectionsBefore", Long.toString(ownBefore));
        p.setProperty("ownConnectionsAfter", Long.toString(client.connectionsOpen()));
        p.setProperty("ownConnectionsPeak", Long.toString(client.connectionsPeak()));
        return text(p);
    }

    /** The counters ({@link QdrantAdapterStatistics}) of the pool of {@code client} (default {@code pooled}). */
    @GET
    @Path("stats")
    public String stats(@QueryParam("client") String name) {
        QdrantAdapterStatistics s = pool(name == null ? "pooled" : name, "client must be one of " + pools.names())
                .statistics();
        Properties p = new Properties();
        p.setProperty("physicalCreated", Long.toString(s.physicalCreated()));
        p.setProperty("physicalDestroyed", Long.toString(s.physicalDestroyed()));
        p.setProperty("physicalOpen", Long.toString(s.physicalOpen()));
        p.setProperty("physicalOpenPeak", Long.toString(s.physicalOpenPeak()));
        p.setProperty("handlesOpen", Long.toString(s.handlesOpen()));
        p.setProperty("connectionErrors", Long.toString(s.connectionErrors()));
        p.setProperty("validationsFailed", Long.toString(s.validationsFailed()));
        return text(p);
    }

    private ClientUnderTest client(String name) {
        return switch (name == null ? "" : name) {
            case "shared" -> shared;
            case "raw" -> raw;
            default -> pool(name, "client must be shared, raw or one of " + pools.names());
        };
    }

    /** The pooled client called {@code name}; a bad request saying {@code expected} if there is none. */
    private PooledHandles pool(String name, String expected) {
        PooledHandles client = name == null ? null : pools.get(name);
        if (client == null) {
            throw new WebApplicationException(expected + ", was " + name, Response.Status.BAD_REQUEST);
        }
        return client;
    }

    private static String text(Properties p) {
        StringWriter out = new StringWriter();
        try {
            p.store(out, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
