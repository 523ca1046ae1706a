package io.github.qdrantjca.it.app.signon;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Endpoints under {@code /api/signon} that list Qdrant's collections, a call Qdrant serves only with
 * a valid API key (its health check needs none), through a pool whose key the container supplies.
 * The two resource references are declared here and mapped by the WAR's {@code web.xml}, which each
 * server's test writes ({@code lookup-name}, {@code res-auth}): {@code qdrant/SignOn} with container
 * authentication, {@code qdrant/Unsigned} as the server under test reaches Qdrant without the
 * container's credential. Answers 200 with the collection names, or 502 with the error chain.
 */
@Path("signon")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SignOnProbe {

    private static final long DEADLINE_SECONDS = 10;

    @Resource(name = "qdrant/SignOn")
    QdrantConnectionFactory signOn;

    @Resource(name = "qdrant/Unsigned")
    QdrantConnectionFactory unsigned;

    /** Through the container-authenticated resource reference {@code qdrant/SignOn}. */
    @GET
    @Path("reference")
    public Response reference() {
        return collections(signOn, "java:comp/env/qdrant/SignOn");
    }

    /** Through the resource reference {@code qdrant/Unsigned}. */
    @GET
    @Path("unsigned")
    public Response unsignedReference() {
        return collections(unsigned, "java:comp/env/qdrant/Unsigned");
    }

    /** Through a JNDI lookup of {@code name} with no resource reference. */
    @GET
    @Path("lookup")
    public Response lookup(@QueryParam("name") String name) {
        try {
            return collections(InitialContext.doLookup(name), "lookup " + name);
        } catch (NamingException e) {
            return Response.status(Response.Status.NOT_FOUND).entity(Map.of("error", describe(e))).build();
        }
    }

    private static Response collections(QdrantConnectionFactory factory, String via) {
        try (QdrantConnection handle = factory.getConnection()) {
            List<String> names = handle.client().listCollectionsAsync().get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            return Response.ok(Map.of("collections", names, "via", via)).build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Response.status(Response.Status.BAD_GATEWAY).entity(Map.of("error", describe(e), "via", via)).build();
        }
    }

    /** Class and message of {@code e} and of each of its causes. */
    private static String describe(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null && parts.size() < 8; t = t.getCause()) {
            parts.add(t.getClass().getSimpleName() + ": " + t.getMessage());
        }
        return String.join(" <- ", parts);
    }
}
