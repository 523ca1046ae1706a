package io.github.qdrantjca.it.app;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantAdapterStatistics;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.sample.qdrant.ManagedHandle;
import io.github.qdrantjca.sample.qdrant.QdrantHandleProducer;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test endpoints under {@code /api/probe}: each reaches Qdrant one particular way and answers with
 * Qdrant's version, or shows the adapter's counters of a pool. Pools are named by their JNDI name
 * ({@code ?name=...}), since their names differ between servers. Of the sample application it uses
 * only what it tests: the name of its resource reference and its CDI handle producer.
 */
@Path("probe")
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    /** The sample application's resource reference (its {@code web.xml}), mapped by each server's descriptor. */
    @Resource(lookup = "java:comp/env/qdrant/Default")
    QdrantConnectionFactory injected;

    @Inject
    @ManagedHandle
    QdrantConnection managed;

    @Inject
    QdrantHandleProducer producer;

    @Inject
    LeakingBean leakingBean;

    /** Through the factory injected with {@code @Resource(lookup = "java:comp/env/qdrant/Default")}. */
    @GET
    @Path("injected")
    public Map<String, Object> injected() throws Exception {
        try (QdrantConnection handle = injected.getConnection()) {
            return Map.of("version", version(handle), "via", "@Resource");
        }
    }

    /** Through a plain JNDI lookup of {@code name}; closes the handle. */
    @GET
    @Path("lookup")
    public Map<String, Object> lookup(@QueryParam("name") String name) throws Exception {
        try (QdrantConnection handle = Factories.named(name).getConnection()) {
            return Map.of("version", version(handle), "via", "lookup " + name);
        }
    }

    /** Through the request's CDI-managed handle, which this method does not close. */
    @GET
    @Path("managed")
    public Map<String, Object> managed() throws Exception {
        return Map.of("version", version(managed), "handleClosed", managed.isClosed());
    }

    /** Through a handle of pool {@code name} that the EJB it comes from never closes. */
    @GET
    @Path("leak")
    public Map<String, Object> leak(@QueryParam("name") String name) throws Exception {
        return Map.of("version", leakingBean.leak(name));
    }

    /** Handles the CDI producer has lent and taken back. */
    @GET
    @Path("producer")
    public Map<String, Long> producer() {
        return Map.of("opened", producer.handlesOpened(), "closed", producer.handlesClosed());
    }

    /** The adapter's counters for the pool at {@code name}. */
    @GET
    @Path("statistics")
    public Map<String, Long> statistics(@QueryParam("name") String name) {
        QdrantAdapterStatistics s = Factories.named(name).statistics();
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("physicalCreated", s.physicalCreated());
        map.put("physicalDestroyed", s.physicalDestroyed());
        map.put("physicalOpen", s.physicalOpen());
        map.put("physicalOpenPeak", s.physicalOpenPeak());
        map.put("handlesOpen", s.handlesOpen());
        map.put("connectionErrors", s.connectionErrors());
        map.put("validationsFailed", s.validationsFailed());
        return map;
    }

    private static String version(QdrantConnection handle) throws Exception {
        return handle.client().healthCheckAsync(DEADLINE).get().getVersion();
    }
}
