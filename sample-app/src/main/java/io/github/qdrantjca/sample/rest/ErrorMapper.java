package io.github.qdrantjca.sample.rest;

import io.github.qdrantjca.sample.qdrant.QdrantCallException;
import io.grpc.Status;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * One place that turns failures into HTTP answers: bad input 400, unknown collection 404 (nothing
 * indexed yet), Qdrant unreachable or slow 503, any other Qdrant error 502.
 */
@Provider
public class ErrorMapper implements ExceptionMapper<RuntimeException> {

    @Override
    public Response toResponse(RuntimeException exception) {
        Throwable e = exception instanceof EJBException && exception.getCause() != null
                ? exception.getCause()
                : exception;
        if (e instanceof jakarta.ws.rs.WebApplicationException web) {
            return web.getResponse();
        }
        if (e instanceof IllegalArgumentException) {
            return error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        if (e instanceof QdrantCallException call) {
            if (call.isUnavailable()) {
                return error(Response.Status.SERVICE_UNAVAILABLE, call.getMessage());
            }
            if (call.getCause() != null
                    && Status.fromThrowable(call.getCause()).getCode() == Status.Code.NOT_FOUND) {
                return error(Response.Status.NOT_FOUND, call.getMessage() + " (index documents first)");
            }
            return error(Response.Status.BAD_GATEWAY, call.getMessage());
        }
        return error(Response.Status.INTERNAL_SERVER_ERROR, String.valueOf(e));
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("status", status.getStatusCode(), "error", String.valueOf(message)))
                .build();
    }
}
