package io.github.qdrantjca.it.support;

import io.github.qdrantjca.it.app.ProbeResource;
import io.github.qdrantjca.it.app.payara.PayaraProbePools;
import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The archives the container tests deploy, built from the project's real artifacts, whose paths
 * the module's pom passes as system properties ({@code qdrant.rar}, {@code sample.war},
 * {@code sample.portable.war}, {@code sample.ear}).
 */
public final class TestArchives {

    /** Name (and context root) of the test WAR. */
    public static final String TEST_WAR = "qdrant-it.war";

    private TestArchives() {}

    /** {@code qdrant-rar.rar} exactly as built by adapter-rar. */
    public static ResourceAdapterArchive rar() {
        return ShrinkWrap.createFromZipFile(ResourceAdapterArchive.class, artifact("qdrant.rar"));
    }

    /**
     * The Payara test WAR: the sample application's default WAR (with its Payara
     * {@code @ConnectionFactoryDefinition}) plus the probe classes and the Payara test pools; no
     * adapter classes inside.
     */
    public static WebArchive payaraTestWar() {
        return ShrinkWrap.create(WebArchive.class, TEST_WAR)
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, artifact("sample.war")))
                .addPackage(ProbeResource.class.getPackage())
                .addPackage(PayaraProbePools.class.getPackage());
    }

    /**
     * The WildFly test WAR: the sample application's portable WAR (no resource definitions) plus the
     * probe classes; the test pools come from the server configuration.
     */
    public static WebArchive portableTestWar() {
        return ShrinkWrap.create(WebArchive.class, TEST_WAR)
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, artifact("sample.portable.war")))
                .addPackage(ProbeResource.class.getPackage());
    }

    /** The sample EAR exactly as built by the ear module. */
    public static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, artifact("sample.ear"));
    }

    /** The file named by system property {@code property}, which must exist. */
    public static File artifact(String property) {
        String path = System.getProperty(property);
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("system property " + property + " must name a built artifact, was " + path);
        }
        return new File(path);
    }
}
