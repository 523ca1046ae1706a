package io.github.qdrantjca.sample.qdrant;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an injected {@link io.github.qdrantjca.adapter.api.QdrantConnection} whose lifecycle CDI
 * owns: borrowed on first use in a request, closed when the request ends
 * ({@link QdrantHandleProducer}). A bean that injects it never closes it and cannot leak it.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface ManagedHandle {}
