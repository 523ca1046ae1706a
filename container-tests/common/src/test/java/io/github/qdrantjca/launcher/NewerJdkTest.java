package io.github.qdrantjca.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link NewerJdk} picks the JDK a newer server runs on (fake JDKs: a release file and bin/java). */
class NewerJdkTest {

    @TempDir
    Path jvms;

    @Test
    void picksTheNewestJdkOfAtLeast21() throws IOException {
        jdk("java-17-openjdk-amd64", "17.0.15");
        Path jdk21 = jdk("temurin-21-jdk-amd64", "21.0.7");
        Path jdk25 = jdk("temurin-25-jdk-amd64", "25.0.3");

        assertThat(NewerJdk.find(null, List.of(jvms))).isEqualTo(jdk25);
        assertThat(NewerJdk.featureVersion(jdk21)).contains(21);
    }

    @Test
    void findsAJdkGivenAsADirectoryItselfAndInTheMacOsLayout() throws IOException {
        Path mac = jdk("temurin-21.jdk/Contents/Home", "21.0.7");
        Path home = jdk("other/jdk-22", "22");

        assertThat(NewerJdk.find("", List.of(jvms))).isEqualTo(mac);
        assertThat(NewerJdk.find(" ", List.of(home, jvms.resolve("missing")))).isEqualTo(home);
    }

    @Test
    void thePropertyOverridesTheSearch() throws IOException {
        Path jdk21 = jdk("a/jdk-21", "21.0.1");
        jdk("b/jdk-25", "25.0.3");

        assertThat(NewerJdk.find(jdk21.toString(), List.of(jvms.resolve("b")))).isEqualTo(jdk21);
    }

    @Test
    void noNewerJdkFailsNamingTheProperty() throws IOException {
        jdk("java-17-openjdk-amd64", "17.0.15");
        Files.createDirectories(jvms.resolve("not-a-jdk"));

        assertThatThrownBy(() -> NewerJdk.find(null, List.of(jvms)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no JDK of Java 21 or newer found in [" + jvms + "]")
                .hasMessageContaining("-Dnewer.jdk.home=");
    }

    @Test
    void anOverrideThatIsNotANewerJdkFailsNamingTheProperty() throws IOException {
        Path jdk17 = jdk("jdk-17", "17.0.15");

        assertThatThrownBy(() -> NewerJdk.find(jdk17.toString(), List.of()))
                .hasMessage("-Dnewer.jdk.home=" + jdk17 + " is Java 17; a server here needs Java 21 or newer");
        assertThatThrownBy(() -> NewerJdk.find(jvms.resolve("nothing").toString(), List.of()))
                .hasMessageStartingWith("-Dnewer.jdk.home=" + jvms.resolve("nothing") + " is not a JDK");
    }

    @Test
    void theMachineSearchIncludesTheUsualDirectoryAndTheRunningJvm() {
        assertThat(NewerJdk.searchDirectories())
                .contains(Path.of("/usr/lib/jvm"), Path.of(System.getProperty("java.home")).toAbsolutePath().normalize());
    }

    private Path jdk(String name, String version) throws IOException {
        Path home = jvms.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("bin/java"), "");
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }
}
