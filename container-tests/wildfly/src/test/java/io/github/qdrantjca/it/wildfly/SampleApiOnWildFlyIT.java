package io.github.qdrantjca.it.wildfly;

import io.github.qdrantjca.it.support.QdrantForServers;
import io.github.qdrantjca.sample.contract.SampleApiContract;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample's portable WAR, unmodified, next to {@code qdrant-rar.rar} on WildFly: its HTTP API
 * answers the client's mistakes as it does on Payara ({@link SampleApiContract}), with nothing above
 * INFO in {@code server.log}.
 */
@ExtendWith({QdrantForServers.class, WildFlyServer.class, ArquillianExtension.class})
class SampleApiOnWildFlyIT extends SampleApiContract {

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive adapter() {
        return ShrinkWrap.createFromZipFile(ResourceAdapterArchive.class, artifact("qdrant.rar"));
    }

    @Deployment(name = "sample", order = 2, testable = false)
    static WebArchive sample() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, artifact("sample.portable.war"));
    }

    @Override
    protected URI application() {
        return WildFlyServer.http().resolve("qdrant-sample-app-portable/");
    }

    @Override
    protected Path serverLog() {
        return Path.of(System.getProperty("wildfly.home"), "standalone", "log", "server.log");
    }

    @Override
    protected Pattern aboveInfo() {
        return Pattern.compile("^\\S+ \\S+ (WARN|ERROR|FATAL) ");
    }

    private static File artifact(String property) {
        String path = System.getProperty(property);
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("system property " + property + " must name a built artifact, was " + path);
        }
        return new File(path);
    }
}
