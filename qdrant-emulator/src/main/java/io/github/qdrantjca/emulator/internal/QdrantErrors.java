package io.github.qdrantjca.emulator.internal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The one place where the emulator words its errors: gRPC status codes and messages as Qdrant 1.18 answers them.
 */
public final class QdrantErrors {

    private QdrantErrors() {
    }

    /** {@code NOT_FOUND "Not found: Collection `X` doesn't exist!"}. */
    public static StatusRuntimeException collectionNotFound(String name) {
        return notFound("Collection `" + name + "` doesn't exist!");
    }

    /** {@code ALREADY_EXISTS "Wrong input: Collection `X` already exists!"}. */
    public static StatusRuntimeException collectionExists(String name) {
        return Status.ALREADY_EXISTS.withDescription("Wrong input: Collection `" + name + "` already exists!")
                .asRuntimeException();
    }

    /** {@code NOT_FOUND "Not found: No point with id N found"}. */
    public static StatusRuntimeException pointNotFound(String id) {
        return notFound("No point with id " + id + " found");
    }

    /** {@code INVALID_ARGUMENT "Wrong input: Vector dimension error: expected dim: E, got G"}. */
    public static StatusRuntimeException dimensionMismatch(int expected, int got) {
        return wrongInput("Vector dimension error: expected dim: " + expected + ", got " + got);
    }

    /** {@code NOT_FOUND "Not found: <what>"}. */
    public static StatusRuntimeException notFound(String what) {
        return Status.NOT_FOUND.withDescription("Not found: " + what).asRuntimeException();
    }

    /** {@code INVALID_ARGUMENT "Wrong input: <what>"}. */
    public static StatusRuntimeException wrongInput(String what) {
        return Status.INVALID_ARGUMENT.withDescription("Wrong input: " + what).asRuntimeException();
    }

    /** {@code INVALID_ARGUMENT "Bad request: <what>"}. */
    public static StatusRuntimeException badRequest(String what) {
        return Status.INVALID_ARGUMENT.withDescription("Bad request: " + what).asRuntimeException();
    }

    /** {@code INVALID_ARGUMENT "Validation error in body: [<errors>]"}. */
    public static StatusRuntimeException validation(String errors) {
        return Status.INVALID_ARGUMENT.withDescription("Validation error in body: [" + errors + "]")
                .asRuntimeException();
    }

    /** {@code UNIMPLEMENTED} for a feature of a method the emulator does not cover. */
    public static StatusRuntimeException unsupported(String what) {
        return Status.UNIMPLEMENTED.withDescription("Qdrant emulator does not support " + what)
                .asRuntimeException();
    }

    /** {@code UNAUTHENTICATED} when no key was sent. */
    public static Status missingApiKey() {
        return Status.UNAUTHENTICATED.withDescription("Must provide an API key or an Authorization bearer token");
    }

    /** {@code UNAUTHENTICATED} when the key sent is not the configured one. */
    public static Status invalidApiKey() {
        return Status.UNAUTHENTICATED.withDescription("Invalid API key or JWT");
    }
}
