package io.github.qdrantjca.it.support;

import io.github.qdrantjca.it.app.ProbeResource;
import io.github.qdrantjca.it.app.payara.PayaraProbePools;
import io.github.qdrantjca.it.app.signon.SignOnProbe;
import java.io.File;
import org.jboss.shrinkwrap.api.asset.StringAsset;
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
    /** Name (and context root) of the sign-on test WAR. */
    public static final String SIGN_ON_WAR = "qdrant-signon.war";

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

    /**
     * The sign-on test WAR ({@value #SIGN_ON_WAR}): {@link SignOnProbe} and a {@code web.xml} that maps
     * its resource reference {@code qdrant/SignOn} (container authentication) to {@code signOnLookup}
     * and {@code qdrant/Unsigned} to {@code unsignedLookup} with {@code unsignedResAuth}
     * ({@code Container} or {@code Application}). No adapter classes inside: WildFly is pointed at the
     * standalone {@code qdrant-rar.rar} by the manifest, Payara shares a standalone adapter's classes anyway.
     */
    public static WebArchive signOnWar(String signOnLookup, String unsignedLookup, String unsignedResAuth) {
        String webXml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  %s
                  %s
                </web-app>
                """.formatted(resourceRef("qdrant/SignOn", signOnLookup, "Container"),
                resourceRef("qdrant/Unsigned", unsignedLookup, unsignedResAuth));
        return ShrinkWrap.create(WebArchive.class, SIGN_ON_WAR)
                .addPackage(SignOnProbe.class.getPackage())
                .setWebXML(new StringAsset(webXml))
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment.qdrant-rar.rar\n"));
    }

    private static String resourceRef(String name, String lookup, String resAuth) {
        return """
                <resource-ref>
                    <res-ref-name>%s</res-ref-name>
                    <res-type>io.github.qdrantjca.adapter.api.QdrantConnectionFactory</res-type>
                    <res-auth>%s</res-auth>
                    <lookup-name>%s</lookup-name>
                  </resource-ref>""".formatted(name, resAuth, lookup);
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
