package io.github.qdrantjca.sample.rest;

import io.github.qdrantjca.sample.documents.InvalidRequestException;
import io.github.qdrantjca.sample.qdrant.QdrantCallException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place that turns failures into HTTP answers, always JSON {@code {"status":..,"error":".."}}:
 * the client's mistakes 4xx with what to fix (logged at FINE at most), Qdrant unreachable or slow 503,
 * any other Qdrant error 502, a fault of the application 500 (logged at SEVERE).
 */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());

    static final String API = "the API is POST /api/documents, GET /api/documents, GET /api/search?q=...&limit=5,"
            + " GET /api/statistics";

    @Override
    public Response toResponse(Throwable exception) {
        InvalidRequestException invalid = find(exception, InvalidRequestException.class);
        if (invalid != null) {
            LOG.fine(() -> "client error " + invalid.status() + ": " + invalid.getMessage());
            return error(invalid.status(), invalid.getMessage());
        }
        QdrantCallException call = find(exception, QdrantCallException.class);
        if (call != null) {
            if (call.isUnavailable()) {
                LOG.info("answering 503: " + call.getMessage());
                return Response.fromResponse(error(503, "Qdrant is unavailable (" + call.getMessage()
                                + "); try again once GET /health/ready answers UP"))
                        .header("Retry-After", "5")
                        .build();
            }
            LOG.info("answering 502: " + call.getMessage());
            return error(502, "Qdrant rejected the request: " + call.getMessage());
        }
        WebApplicationException web = find(exception, WebApplicationException.class);
        if (web != null && web.getResponse() != null && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            return Response.fromResponse(error(status, clientMessage(web, status))).build();
        }
        LOG.log(Level.SEVERE, "the sample application failed", exception);
        return error(500, "The application failed: " + exception + " (see the server log)");
    }

    private static String clientMessage(WebApplicationException web, int status) {
        if (web instanceof NotFoundException) {
            return "No such resource: " + API;
        }
        if (web instanceof NotAllowedException) {
            return "Method not allowed here (allowed: " + web.getResponse().getAllowedMethods() + "): " + API;
        }
        if (status == 406) {
            return "Only JSON is served here: send 'Accept: application/json' or no Accept header";
        }
        if (status == 415) {
            return "Unsupported Content-Type: send JSON with 'Content-Type: application/json'";
        }
        return "HTTP " + status + ": " + web.getMessage() + "; " + API;
    }

    private static Response error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", String.valueOf(message));
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    /** The first throwable of type {@code type} in the cause chain of {@code e} (EJB and CDI wrap). */
    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
