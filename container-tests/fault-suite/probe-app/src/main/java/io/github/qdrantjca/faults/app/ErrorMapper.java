package io.github.qdrantjca.faults.app;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** Any failure of an endpoint as {@code 500 {"error": "..."}}, so that tests can show what went wrong. */
@Provider
public class ErrorMapper implements ExceptionMapper<Exception> {

    @Override
    public Response toResponse(Exception e) {
        return Response.status(500).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", Errors.describe(e))).build();
    }
}
