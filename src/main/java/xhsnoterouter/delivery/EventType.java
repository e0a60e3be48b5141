package xhsnoterouter.delivery;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The events a delivery route can subscribe to (SPEC §8), with the field that carries each one's content. */
public enum EventType {
    NOTE_FETCHED("note.fetched", "record"),
    NOTE_FAILED("note.failed", "failure"),
    BATCH_COMPLETED("batch.completed", "report"),
    API_PAUSED("api.paused", null),
    API_RESUMED("api.resumed", null);

    private final String wireName;
    private final String contentField;

    EventType(String wireName, String contentField) {
        this.wireName = wireName;
        this.contentField = contentField;
    }

    /** The name in bodies, headers and settings, such as {@code note.fetched}. */
    public String wireName() {
        return wireName;
    }

    /** The body field holding the record, failure or report; null for the account events. */
    public String contentField() {
        return contentField;
    }

    public static EventType of(String wireName) {
        String wanted = wireName.trim().toLowerCase(Locale.ROOT);
        for (EventType type : values()) {
            if (type.wireName.equals(wanted)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown event '" + wireName.trim() + "' (known: " + known() + ")");
    }

    /** A comma-separated list such as {@code note.fetched,batch.completed}; blank means none. */
    public static Set<EventType> parseList(String list) {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        if (list == null) {
            return types;
        }
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                types.add(of(name));
            }
        }
        return types;
    }

    public static String known() {
        List<String> names = new ArrayList<>();
        for (EventType type : values()) {
            names.add(type.wireName);
        }
        return String.join(", ", names);
    }
}
