package io.github.qdrantjca.emulator.internal;

import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.DecayParamsExpression;
import io.qdrant.client.grpc.Points.Expression;
import io.qdrant.client.grpc.Points.ScoredPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A formula query as Qdrant evaluates it over the candidates of its prefetches: {@code $score} / {@code $score[i]}
 * (a prefetch's score, else the default, else 0), payload numbers (else the default, else an error), conditions
 * (1 or 0), geo distance in meters, datetimes in seconds, sum, product (0 stops it), division (0 on the left gives 0,
 * by_zero_default on a zero right), negation, abs, sqrt, pow, exp, log10, ln (non-finite results are errors), and
 * the exp / gauss / linear decays with Qdrant's lambda from midpoint (default 0.5) and scale (default 1).
 */
final class Formula {

    private final CollectionData collection;
    private final io.qdrant.client.grpc.Points.Formula formula;
    private final List<Map<PointId, Float>> prefetchScores;
    private final Map<Condition, Set<PointId>> conditions = new HashMap<>();

    private Formula(CollectionData collection, io.qdrant.client.grpc.Points.Formula formula,
            List<Map<PointId, Float>> prefetchScores) {
        this.collection = collection;
        this.formula = formula;
        this.prefetchScores = prefetchScores;
    }

    /** Scores the union of the prefetches' points; best first, equal scores larger id first. */
    static List<ScoredPoint> rescore(CollectionData collection, io.qdrant.client.grpc.Points.Formula formula,
            List<List<ScoredPoint>> sources) {
        List<Map<PointId, Float>> scores = new ArrayList<>();
        Set<PointId> candidates = new LinkedHashSet<>();
        for (List<ScoredPoint> source : sources) {
            Map<PointId, Float> bySource = new HashMap<>();
            for (ScoredPoint p : source) {
                bySource.putIfAbsent(p.getId(), p.getScore());
                candidates.add(p.getId());
            }
            scores.add(bySource);
        }
        Formula f = new Formula(collection, formula, scores);
        List<ScoredPoint> out = new ArrayList<>();
        for (PointId id : candidates) {
            Map<String, Value> payload = collection.payloadOf(id);
            if (payload != null) {
                out.add(ScoredPoint.newBuilder().setId(id)
                        .setScore((float) f.eval(formula.getExpression(), id, payload)).build());
            }
        }
        out.sort(Comparator.comparing(ScoredPoint::getScore).reversed()
                .thenComparing(ScoredPoint::getId, PointIds.ORDER.reversed()));
        return out;
    }

    private double eval(Expression e, PointId id, Map<String, Value> payload) {
        switch (e.getVariantCase()) {
            case CONSTANT:
                return e.getConstant();
            case VARIABLE:
                return variable(e.getVariable(), id, payload);
            case CONDITION: {
                Set<PointId> matching = conditions.computeIfAbsent(e.getCondition(), c -> new HashSet<>(
                        collection.ids(Filter.newBuilder().addMust(c).build(), null)));
                return matching.contains(id) ? 1 : 0;
            }
            case GEO_DISTANCE: {
                Value v = payloadValue(e.getGeoDistance().getTo(), payload, "geo point");
                if (!v.hasStructValue()) {
                    throw typeError(e.getGeoDistance().getTo(), "geo point", "Value is not a geo point");
                }
                return Geo.distanceMeters(e.getGeoDistance().getOrigin(), v);
            }
            case DATETIME:
                return seconds(e.getDatetime(), "datetime");
            case DATETIME_KEY: {
                Value v = payloadValue(e.getDatetimeKey(), payload, "datetime");
                if (!v.hasStringValue()) {
                    throw typeError(e.getDatetimeKey(), "datetime", "Value is not a string");
                }
                return seconds(v.getStringValue(), e.getDatetimeKey());
            }
            case MULT: {
                double product = 1;
                for (Expression x : e.getMult().getMultList()) {
                    double value = eval(x, id, payload);
                    if (value == 0) {
                        return 0;
                    }
                    product *= value;
                }
                return product;
            }
            case SUM: {
                double sum = 0;
                for (Expression x : e.getSum().getSumList()) {
                    sum += eval(x, id, payload);
                }
                return sum;
            }
            case DIV: {
                double left = eval(e.getDiv().getLeft(), id, payload);
                if (left == 0) {
                    return 0;
                }
                double right = eval(e.getDiv().getRight(), id, payload);
                if (right == 0 && e.getDiv().hasByZeroDefault()) {
                    return e.getDiv().getByZeroDefault();
                }
                return finite(left / right, left + "/" + right);
            }
            case NEG:
                return -eval(e.getNeg(), id, payload);
            case ABS:
                return Math.abs(eval(e.getAbs(), id, payload));
            case SQRT: {
                double v = eval(e.getSqrt(), id, payload);
                return finite(Math.sqrt(v), "√" + v);
            }
            case POW: {
                double base = eval(e.getPow().getBase(), id, payload);
                double exponent = eval(e.getPow().getExponent(), id, payload);
                return finite(Math.pow(base, exponent), base + "^" + exponent);
            }
            case EXP: {
                double v = eval(e.getExp(), id, payload);
                return finite(Math.exp(v), "exp(" + v + ")");
            }
            case LOG10: {
                double v = eval(e.getLog10(), id, payload);
                return finite(Math.log10(v), "log10(" + v + ")");
            }
            case LN: {
                double v = eval(e.getLn(), id, payload);
                return finite(Math.log(v), "ln(" + v + ")");
            }
            case EXP_DECAY:
                return decay(e.getExpDecay(), id, payload, 'e');
            case GAUSS_DECAY:
                return decay(e.getGaussDecay(), id, payload, 'g');
            case LIN_DECAY:
                return decay(e.getLinDecay(), id, payload, 'l');
            default:
                throw QdrantErrors.validation("formula: an expression must be set");
        }
    }

    private double decay(DecayParamsExpression d, PointId id, Map<String, Value> payload, char kind) {
        double midpoint = d.hasMidpoint() ? d.getMidpoint() : 0.5;
        double scale = d.hasScale() ? d.getScale() : 1.0;
        if (kind == 'l' ? midpoint < 0 || midpoint > 1 : midpoint <= 0 || midpoint >= 1) {
            throw QdrantErrors.wrongInput(kind == 'l'
                    ? "Linear decay midpoint should be in the range [0.0, 1.0], got " + midpoint + "."
                    : "Decay midpoint should be in the range (0.0, 1.0), got " + midpoint + ".");
        }
        if (scale <= 0) {
            throw QdrantErrors.wrongInput("Decay scale should be non-zero positive, got " + scale + ".");
        }
        double x = eval(d.getX(), id, payload);
        double target = d.hasTarget() ? eval(d.getTarget(), id, payload) : 0;
        switch (kind) {
            case 'e':
                return Math.exp(Math.log(midpoint) / scale * Math.abs(x - target));
            case 'g':
                return Math.exp(Math.log(midpoint) / (scale * scale) * (x - target) * (x - target));
            default:
                return Math.max(0, -(1 - midpoint) / scale * Math.abs(x - target) + 1);
        }
    }

    private double variable(String name, PointId id, Map<String, Value> payload) {
        if (name.equals("$score") || name.startsWith("$score[")) {
            int index = name.equals("$score") ? 0 : Integer.parseInt(name.substring(7, name.length() - 1));
            Float score = index < prefetchScores.size() ? prefetchScores.get(index).get(id) : null;
            if (score != null) {
                return score;
            }
            Value fallback = formula.getDefaultsMap().get(name);
            return fallback != null && number(fallback) != null ? number(fallback) : 0;
        }
        Value v = payloadValue(name, payload, "number");
        Double n = number(v);
        if (n == null) {
            throw typeError(name, "number", "Value is not a number");
        }
        return n;
    }

    /** The payload value at a key (one value, or the array of several), else the default, else Qdrant's error. */
    private Value payloadValue(String key, Map<String, Value> payload, String expected) {
        List<Value> values = Payloads.values(payload, key);
        if (values.size() == 1) {
            return values.get(0);
        }
        if (values.size() > 1) {
            return Value.newBuilder().setListValue(io.qdrant.client.grpc.JsonWithInt.ListValue.newBuilder()
                    .addAllValues(values)).build();
        }
        Value fallback = formula.getDefaultsMap().get(key);
        if (fallback == null) {
            throw typeError(key, expected, "No value found in a payload nor defaults");
        }
        return fallback;
    }

    private static Double number(Value v) {
        if (v.hasDoubleValue()) {
            return v.getDoubleValue();
        }
        return v.hasIntegerValue() ? (double) v.getIntegerValue() : null;
    }

    private static double seconds(String text, String field) {
        Instant t = FilterMatcher.parseDatetime(text);
        if (t == null) {
            throw typeError(field, "datetime", "Unable to parse datetime " + text);
        }
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    private static double finite(double value, String expression) {
        if (!Double.isFinite(value)) {
            throw QdrantErrors.wrongInput("The expression " + expression + " = " + value
                    + " produced a non-finite number");
        }
        return value;
    }

    private static io.grpc.StatusRuntimeException typeError(String field, String expected, String description) {
        return QdrantErrors.wrongInput("Expected " + expected + " value for " + field + " in the payload and/or in "
                + "the formula defaults. Error: " + description);
    }
}
