package io.github.qdrantjca.adapter.outbound;

import jakarta.resource.spi.ConfigProperty;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The configuration, declared once: every {@link ConfigProperty} field of
 * {@link QdrantManagedConnectionFactory} is one property, and its annotation gives the name, type,
 * default, description and whether it is confidential (what the container and its console show).
 * Each property's check is in {@link QdrantAdapterConfig#validate}. The factory's equals/hashCode
 * and toString, and the test that holds the README's table, all walk {@link #ALL}.
 */
final class ConfigProperties {

    /** One declared property. */
    record Property(Field field, ConfigProperty meta) {
        Property {
            field.setAccessible(true);
        }

        String name() {
            return field.getName();
        }

        Object get(Object factory) {
            try {
                return field.get(factory);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The properties of {@link QdrantManagedConnectionFactory}, in declaration order. */
    static final List<Property> ALL = Arrays.stream(QdrantManagedConnectionFactory.class.getDeclaredFields())
            .filter(field -> field.isAnnotationPresent(ConfigProperty.class))
            .map(field -> new Property(field, field.getAnnotation(ConfigProperty.class)))
            .toList();

    private ConfigProperties() {}

    /** Every property's current value by name. */
    static Map<String, Object> values(QdrantManagedConnectionFactory factory) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Property p : ALL) {
            values.put(p.name(), p.get(factory));
        }
        return values;
    }

    /** {@code name=value, ...}; a confidential value set shows as {@code ****}. */
    static String describe(QdrantManagedConnectionFactory factory) {
        StringJoiner text = new StringJoiner(", ", "[", "]");
        for (Property p : ALL) {
            Object value = p.get(factory);
            boolean hidden = p.meta().confidential() && value != null && !value.toString().isEmpty();
            text.add(p.name() + "=" + (hidden ? "****" : value));
        }
        return text.toString();
    }
}
