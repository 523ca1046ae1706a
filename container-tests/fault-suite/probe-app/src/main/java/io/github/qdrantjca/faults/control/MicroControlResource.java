package io.github.qdrantjca.faults.control;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code /api/control} of the control WAR on Payara Micro, which has no admin port: deploys and
 * undeploys archives through Payara Micro's own runtime API ({@code PayaraMicroRuntime}, reached by
 * reflection so that the WAR does not compile against the Micro jar).
 */
@Path("control")
@Produces(MediaType.APPLICATION_JSON)
public class MicroControlResource {

    /** Deploys {@code file} (an absolute path) as application {@code name} at context root {@code name}. */
    @POST
    @Path("deploy")
    public Map<String, Object> deploy(@QueryParam("name") String name, @QueryParam("file") String file) throws Exception {
        long start = System.nanoTime();
        Object runtime = runtime();
        Method deploy = runtimeType().getMethod("deploy", String.class, String.class, File.class);
        boolean deployed = (Boolean) invoke(deploy, runtime, name, name, new File(file));
        return result(deployed, start);
    }

    /** Undeploys application {@code name}. */
    @POST
    @Path("undeploy")
    public Map<String, Object> undeploy(@QueryParam("name") String name) throws Exception {
        long start = System.nanoTime();
        invoke(runtimeType().getMethod("undeploy", String.class), runtime(), name);
        return result(!applications().contains(name), start);
    }

    /** The names of the deployed applications. */
    @GET
    @Path("applications")
    public List<String> applications() throws Exception {
        Collection<?> names = (Collection<?>) invoke(runtimeType().getMethod("getDeployedApplicationNames"), runtime());
        return names.stream().map(String::valueOf).sorted().toList();
    }

    private Map<String, Object> result(boolean ok, long startNanos) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ok", ok);
        r.put("millis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        r.put("applications", applications());
        return r;
    }

    private static Class<?> runtimeType() throws ClassNotFoundException {
        return Class.forName("fish.payara.micro.PayaraMicroRuntime");
    }

    private static Object runtime() throws Exception {
        Class<?> micro = Class.forName("fish.payara.micro.PayaraMicro");
        Object instance = micro.getMethod("getInstance").invoke(null);
        return micro.getMethod("getRuntime").invoke(instance);
    }

    private static Object invoke(Method method, Object target, Object... args) throws Exception {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
