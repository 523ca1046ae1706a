package io.github.qdrantjca.sample.rest;

import io.github.qdrantjca.adapter.api.QdrantAdapterStatistics;
import io.github.qdrantjca.sample.qdrant.JndiFactoryLocator;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/statistics}: the adapter's counters for the application's pool, reached through
 * a plain JNDI lookup ({@link JndiFactoryLocator}).
 */
@Path("statistics")
@Produces(MediaType.APPLICATION_JSON)
public class StatisticsResource {

    @Inject
    JndiFactoryLocator locator;

    /** The counters as a JSON object. */
    @GET
    public Map<String, Long> statistics() {
        return asMap(locator.factory().statistics());
    }

    /** The counters by name, in declaration order. */
    public static Map<String, Long> asMap(QdrantAdapterStatistics s) {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("physicalCreated", s.physicalCreated());
        map.put("physicalDestroyed", s.physicalDestroyed());
        map.put("physicalOpen", s.physicalOpen());
        map.put("handlesOpen", s.handlesOpen());
        map.put("connectionErrors", s.connectionErrors());
        map.put("validationsFailed", s.validationsFailed());
        return map;
    }
}
