package io.github.qdrantjca.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The declared properties are the one list: defaults, identity, toString and the README's table follow it. */
class ConfigPropertiesTest {

    @Test
    void everyFieldStartsAtItsDeclaredDefault() {
        Map<String, Object> values = ConfigProperties.values(new QdrantManagedConnectionFactory());
        for (ConfigProperties.Property p : ConfigProperties.ALL) {
            assertThat(String.valueOf(values.get(p.name()))).as(p.name()).isEqualTo(p.meta().defaultValue());
            assertThat(String.join("", p.meta().description())).as(p.name() + " description").isNotBlank();
        }
        assertThat(ConfigProperties.ALL).hasSize(15);
    }

    @Test
    void theReadmeTableListsExactlyTheDeclaredPropertiesWithTheirTypesAndDefaults() throws Exception {
        Map<String, List<String>> table = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            if (line.startsWith("| property | type | default |")) {
                inTable = true;
            } else if (inTable && line.startsWith("|") && !line.startsWith("|---")) {
                String[] cells = line.split("\\|");
                table.put(cells[1].strip(), List.of(cells[2].strip(), cells[3].strip()));
            } else if (inTable && !line.startsWith("|")) {
                break;
            }
        }
        Map<String, List<String>> declared = new LinkedHashMap<>();
        for (ConfigProperties.Property p : ConfigProperties.ALL) {
            String def = p.meta().defaultValue();
            declared.put(p.name(), List.of(p.field().getType().getSimpleName(), def.isEmpty() ? "\"\"" : def));
        }
        assertThat(table).isEqualTo(declared);
    }

    @Test
    void identityAndToStringFollowEveryPropertyAndMaskTheKey() {
        for (ConfigProperties.Property p : ConfigProperties.ALL) {
            QdrantManagedConnectionFactory a = new QdrantManagedConnectionFactory();
            QdrantManagedConnectionFactory b = new QdrantManagedConnectionFactory();
            try {
                p.field().set(b, p.field().getType() == String.class ? "changed-value"
                        : p.field().getType() == Boolean.class ? Boolean.TRUE
                        : p.field().getType() == Integer.class ? (Object) 4242 : (Object) 4242L);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            assertThat(a).as(p.name()).isNotEqualTo(b);
            assertThat(a.hashCode()).as(p.name()).isNotEqualTo(b.hashCode());
            assertThat(b.toString()).as(p.name()).contains(p.name() + "=");
            if (p.meta().confidential()) {
                assertThat(b.toString()).contains(p.name() + "=****").doesNotContain("changed-value");
            }
        }
    }
}
