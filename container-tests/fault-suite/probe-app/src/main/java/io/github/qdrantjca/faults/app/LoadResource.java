package io.github.qdrantjca.faults.app;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code /api/load}: start, mark, read and stop the in-server load. */
@Path("load")
@Produces(MediaType.APPLICATION_JSON)
public class LoadResource {

    @Inject
    LoadRunner runner;

    /** Starts {@code workers} workers on pool {@code pool} (a JNDI name). */
    @POST
    @Path("start")
    public Map<String, Object> start(@QueryParam("pool") String pool,
            @QueryParam("workers") @DefaultValue("4") int workers,
            @QueryParam("pauseMillis") @DefaultValue("10") long pauseMillis) {
        return runner.start(pool, FaultNames.COLLECTION, FaultNames.DIMENSION, workers, pauseMillis);
    }

    /** Marks the moment Qdrant came back. */
    @POST
    @Path("mark")
    public Map<String, Object> mark() {
        return runner.mark();
    }

    /** The figures of the running load. */
    @GET
    @Path("report")
    public Map<String, Object> report() {
        return runner.report();
    }

    /** Stops the load; its final figures. */
    @POST
    @Path("stop")
    public Map<String, Object> stop() {
        return runner.stop();
    }
}
