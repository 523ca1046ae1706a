package io.github.qdrantjca.it.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.qdrantjca.it.support.FreePorts;
import io.github.qdrantjca.it.support.PayaraSignOnTests;
import io.github.qdrantjca.it.support.QdrantForServers;
import io.github.qdrantjca.it.support.ServerJdk;
import io.github.qdrantjca.it.support.SignOnQdrant;
import io.github.qdrantjca.it.support.TestArchives;
import io.github.qdrantjca.launcher.PayaraMicroProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Container-managed sign-on on Payara Micro: the key of a Qdrant that accepts only that key
 * ({@link SignOnQdrant}) goes into Payara's password alias store, and a connector security map on a
 * pool of the adapter maps every caller to the alias ({@code ${ALIAS=qdrant-api-key}}). Micro runs
 * the asadmin commands of its post-deploy command file after {@code qdrant-rar.rar} is deployed; the
 * file names a password file ({@code --passwordfile}: Micro's boot commands refuse passwords on their
 * command line) that holds the key only while Micro starts and is deleted as soon as it is ready.
 * The test packs the command file into a copy of Micro ({@code --outputuberjar}, about a second),
 * since the launcher passes no command-file option. The WAR is deployed by the same file, once the
 * resource its reference names exists.
 */
@ExtendWith({QdrantForServers.class, SignOnQdrant.class})
class PayaraMicroSignOnIT extends PayaraSignOnTests {

    private static final Duration UBER_JAR_TIMEOUT = Duration.ofMinutes(2);

    private static PayaraMicroProcess micro;
    private static Path microRoot;
    private static Path setup;

    @BeforeAll
    static void passwordAliasPoolSecurityMapAndTheWarAfterTheAdapter() throws Exception {
        assumeTrue(QdrantForServers.isEmulated(), "the sign-on Qdrant is an emulator with its own key");
        createProofCollection();
        Path rootDirs = Path.of(System.getProperty("micro.rootdir"));
        setup = Files.createDirectories(rootDirs.resolve("signon-setup"));
        Path war = setup.resolve(TestArchives.SIGN_ON_WAR);
        TestArchives.signOnWar("qdrant/SignOn", "qdrant/SignOn", "Application").as(ZipExporter.class)
                .exportTo(war.toFile(), true);
        Path passwords = setup.resolve("signon-passwords.txt");
        Path commands = setup.resolve("post-deploy.asadmin");
        Files.write(commands, List.of(
                "create-password-alias --passwordfile " + passwords + " qdrant-api-key",
                "create-connector-connection-pool --raname qdrant-rar --connectiondefinition "
                        + "io.github.qdrantjca.adapter.api.QdrantConnectionFactory --transactionsupport NoTransaction "
                        + "--property host=" + QdrantForServers.host() + ":port=" + SignOnQdrant.signOnPort()
                        + " qdrant-signon-pool",
                "create-connector-resource --poolname qdrant-signon-pool qdrant/SignOn",
                "create-connector-security-map --poolname qdrant-signon-pool --principals * --mappedusername qdrant "
                        + "--passwordfile " + passwords + " qdrant-signon-map",
                "deploy --contextroot qdrant-signon --name qdrant-signon " + war),
                StandardCharsets.UTF_8);
        Path microJar = microWithPostDeployCommands(commands, setup.resolve("payara-micro-signon.jar"));

        long start = System.nanoTime();
        Path root = rootDirs.resolve("signon");
        microRoot = root.resolve("micro");
        PayaraMicroProcess.Builder builder = PayaraMicroProcess.builder(microJar).javaHome(ServerJdk.home());
        ServerJdk.JVM_OPTIONS.forEach(builder::jvmOption);
        Files.writeString(passwords, passwordFile(), StandardCharsets.UTF_8);
        try {
            micro = builder.quiet()
                    .startTimeout(PayaraMicroTests.START_TIMEOUT)
                    .rootDir(root)
                    .httpPort(FreePorts.freePort())
                    .deploy(TestArchives.artifact("qdrant.rar").toPath())
                    .start();
        } finally {
            Files.delete(passwords);
        }
        System.out.printf("Payara Micro with the sign-on pool ready in %d ms (pid %d, port %d)%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis(), micro.pid(), micro.httpPort());
        List<String> bootCommands;
        try (Stream<String> lines = Files.lines(micro.log())) {
            bootCommands = lines.filter(line -> line.contains("Boot Command ")).toList();
        }
        assertThat(bootCommands).as("boot commands in %s", micro.log())
                .noneMatch(line -> line.contains(" failed "));
        assertThat(Stream.of("create-password-alias", "create-connector-connection-pool", "create-connector-resource",
                "create-connector-security-map", "deploy"))
                .as("post-deploy commands that succeeded, in %s", micro.log())
                .allMatch(command -> bootCommands.stream().anyMatch(
                        line -> line.contains("Boot Command " + command + " returned with result SUCCESS")));
    }

    /** A copy of the Payara Micro jar whose {@code MICRO-INF/post-deploy-commands.txt} is {@code commands}. */
    private static Path microWithPostDeployCommands(Path commands, Path target) throws IOException, InterruptedException {
        Files.deleteIfExists(target);
        Path log = target.resolveSibling("outputuberjar.log");
        Process build = new ProcessBuilder(ServerJdk.home().resolve("bin").resolve("java").toString(), "-jar",
                TestArchives.artifact("payara.micro.jar").toString(), "--postdeploycommandfile", commands.toString(),
                "--outputuberjar", target.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(build.waitFor(UBER_JAR_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .as("Payara Micro --outputuberjar within %s: %s", UBER_JAR_TIMEOUT, log).isTrue();
        } finally {
            build.destroyForcibly();
        }
        assertThat(target).as("Payara Micro --outputuberjar (exit %d): %s", build.exitValue(), log).isRegularFile();
        return target;
    }

    @AfterAll
    static void stopPayaraMicro() {
        if (micro != null) {
            micro.close();
            assertThat(micro.isAlive()).as("Payara Micro stopped").isFalse();
        }
    }

    @Override
    protected int httpPort() {
        return micro.httpPort();
    }

    @Test
    void keyIsNeitherInTheConfigurationMicroWritesNorInItsLog() throws IOException {
        String key = assertKeyUsedButNotInDomainXmlOrLog(microRoot.resolve("config/domain.xml"), micro.log());
        try (Stream<Path> files = Files.walk(microRoot.resolve("config"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as("%s", file)
                        .doesNotContain(key);
            }
        }
        try (Stream<Path> files = Files.list(setup)) {
            assertThat(files.map(Path::getFileName).map(Path::toString).toList())
                    .as("files the test leaves next to the server").doesNotContain("signon-passwords.txt");
        }
    }
}
