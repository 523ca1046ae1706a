package io.github.qdrantjca.emulator.internal;

import io.qdrant.client.grpc.Common.PointId;
import java.util.Comparator;
import java.util.UUID;

/** Point ids: validation, the canonical form used as key, the text Qdrant prints, and Qdrant's order. */
final class PointIds {

    /** Numeric ids first, ascending as unsigned; then UUIDs by their canonical text. */
    static final Comparator<PointId> ORDER = (a, b) -> {
        boolean an = a.hasNum();
        boolean bn = b.hasNum();
        if (an && bn) {
            return Long.compareUnsigned(a.getNum(), b.getNum());
        }
        if (an != bn) {
            return an ? -1 : 1;
        }
        return a.getUuid().compareTo(b.getUuid());
    };

    private static final java.util.regex.Pattern HEX32 = java.util.regex.Pattern.compile("[0-9a-fA-F]{32}");

    private PointIds() {
    }

    /** The id in canonical form (lower-case hyphenated UUID); INVALID_ARGUMENT when it is neither form. */
    static PointId canonical(PointId id) {
        switch (id.getPointIdOptionsCase()) {
            case NUM:
                return id;
            case UUID:
                String hex = id.getUuid().replace("-", "");
                if (!HEX32.matcher(hex).matches()) {
                    throw QdrantErrors.badRequest("Unable to parse UUID: " + id.getUuid());
                }
                String text = new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16),
                        Long.parseUnsignedLong(hex.substring(16), 16)).toString();
                return text.equals(id.getUuid()) ? id : PointId.newBuilder().setUuid(text).build();
            default:
                throw QdrantErrors.validation("id: Point id must be set");
        }
    }

    /** The id as Qdrant prints it in messages. */
    static String text(PointId id) {
        return id.hasNum() ? Long.toUnsignedString(id.getNum()) : id.getUuid();
    }
}
