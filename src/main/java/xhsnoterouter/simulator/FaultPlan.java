package xhsnoterouter.simulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parsed form of {@code simulator.faults}: {@code <kind>:<probability>} entries, comma separated,
 * where a kind is an API code (e.g. 301) or timeout, reset, malformed, http502, http429.
 */
public final class FaultPlan {

    private static final String KEY = "simulator.faults";
    private static final String KINDS_HINT =
            "use an API code such as 301, or timeout, reset, malformed, http502, http429";
    // Rounding in decimal sums such as 0.7 + 0.2 + 0.1 must not reject a plan that adds up to 1.
    private static final double TOTAL_TOLERANCE = 1e-9;

    private record Entry(Fault fault, double probability) {
    }

    private final List<Entry> entries;

    private FaultPlan(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static FaultPlan none() {
        return new FaultPlan(List.of());
    }

    /** @throws IllegalArgumentException with one line naming the bad part of {@code spec} */
    public static FaultPlan parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return none();
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        double total = 0;
        for (String raw : spec.split(",")) {
            String part = raw.trim();
            if (part.isEmpty()) {
                continue; // a trailing comma in a hand-edited properties file is harmless
            }
            Entry entry = parseEntry(part);
            if (!seen.add(entry.fault().label())) {
                throw bad(part, "fault '" + entry.fault().label() + "' is listed twice");
            }
            entries.add(entry);
            total += entry.probability();
        }
        if (total > 1 + TOTAL_TOLERANCE) {
            throw new IllegalArgumentException(KEY + ": '" + spec.trim() + "' - probabilities add up to "
                    + String.format(Locale.ROOT, "%.4g", total) + ", more than 1");
        }
        return new FaultPlan(entries);
    }

    private static Entry parseEntry(String part) {
        int colon = part.indexOf(':');
        if (colon < 0 || colon != part.lastIndexOf(':')) {
            throw bad(part, "expected <kind>:<probability>, e.g. 301:0.1");
        }
        Fault fault = parseKind(part, part.substring(0, colon).trim());
        String p = part.substring(colon + 1).trim();
        double probability;
        try {
            probability = Double.parseDouble(p);
        } catch (NumberFormatException e) {
            throw bad(part, "probability '" + p + "' is not a number");
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw bad(part, "probability " + p + " is outside [0, 1]");
        }
        return new Entry(fault, probability);
    }

    private static Fault parseKind(String part, String kind) {
        if (kind.matches("[+-]?\\d{1,9}")) {
            int code = Integer.parseInt(kind);
            if (code == 0) {
                throw bad(part, "code 0 is success, not a fault");
            }
            if (code < 0) {
                throw bad(part, "API codes are positive");
            }
            return Fault.apiCode(code);
        }
        for (Fault.Kind k : Fault.Kind.values()) {
            if (k != Fault.Kind.API_CODE && k.name().equalsIgnoreCase(kind)) {
                return Fault.of(k);
            }
        }
        throw bad(part, "unknown fault '" + kind + "' (" + KINDS_HINT + ")");
    }

    private static IllegalArgumentException bad(String part, String why) {
        return new IllegalArgumentException(KEY + ": '" + part + "' - " + why);
    }

    /** The fault for a uniform draw {@code u} in [0,1), walking the entries in order; null = answer normally. */
    Fault pick(double u) {
        double cumulative = 0;
        for (Entry e : entries) {
            cumulative += e.probability();
            if (u < cumulative) {
                return e.fault();
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public String describe() {
        if (entries.isEmpty()) {
            return "none";
        }
        return entries.stream()
                .map(e -> e.fault().label() + ":" + trim(e.probability()))
                .collect(Collectors.joining(","));
    }

    private static String trim(double d) {
        String s = Double.toString(d);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    @Override
    public String toString() {
        return describe();
    }
}
