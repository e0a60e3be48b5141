package xhsnoterouter.report;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import xhsnoterouter.Json;
import xhsnoterouter.ingest.NoteId;

/**
 * {@code records.jsonl} as the report needs it: the newest line of the notes fetched most recently, at most
 * {@code limit} of them, so memory stays the same whatever the length of the file. A line that does not parse
 * (the torn last line of a killed run) is skipped. The file only grows, so each {@link #read()} reads just the
 * lines added since the one before; all of it again when the file was replaced or cut shorter.
 */
final class RecordsFile {

    private static final int TEXT_LIMIT = 300;
    private static final int TAG_LIMIT = 30;

    /**
     * @param newestFirst   the notes kept, the most recently fetched first
     * @param moreThanShown whether some note was let go to stay within the limit
     * @param firstFetched  the earliest fetch in the whole file (null when it has no readable line)
     */
    record Notes(List<LatestNote> newestFirst, boolean moreThanShown, Instant firstFetched, Instant lastFetched) {
    }

    private final Path file;
    private final int limit;
    private Object fileKey;
    private long offset;
    private MostRecent kept;
    private Instant first;
    private Instant last;

    RecordsFile(Path file, int limit) {
        this.file = file;
        this.limit = limit;
        forget();
    }

    Notes read() throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            forget();
            return notes();
        }
        if (!Objects.equals(attributes.fileKey(), fileKey) || attributes.size() < offset) {
            forget();
            fileKey = attributes.fileKey();
        }
        if (attributes.size() > offset) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.position(offset);
                offset += JsonLines.read(Channels.newInputStream(channel), 64 * 1024, this::accept);
            } catch (NoSuchFileException e) {
                forget();
            }
        }
        return notes();
    }

    private void forget() {
        fileKey = null;
        offset = 0;
        kept = new MostRecent(limit);
        first = null;
        last = null;
    }

    private Notes notes() {
        List<LatestNote> newestFirst = new ArrayList<>(kept.values());
        Collections.reverse(newestFirst);
        newestFirst.sort(Comparator.comparing(LatestNote::fetchedAt).reversed());
        return new Notes(newestFirst, kept.dropped, first, last);
    }

    private void accept(byte[] buffer, int offset, int length) {
        LatestNote note = parse(buffer, offset, length);
        if (note != null) {
            kept.put(note.id(), note);
            first = first == null || note.fetchedAt().isBefore(first) ? note.fetchedAt() : first;
            last = last == null || note.fetchedAt().isAfter(last) ? note.fetchedAt() : last;
        }
    }

    /** @return the note of one line, or null when the line is not a whole record */
    static LatestNote parse(byte[] buffer, int offset, int length) {
        String noteId = null;
        String title = null;
        String author = null;
        String fetchedAt = null;
        List<String> tags = List.of();
        Counts.Reader counts = new Counts.Reader();
        try (JsonParser json = Json.MAPPER.getFactory().createParser(buffer, offset, length)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                if (counts.take(field, json)) {
                    continue;
                }
                switch (field) {
                    case "noteId" -> noteId = JsonFields.text(json);
                    case "title" -> title = JsonFields.text(json);
                    case "fetchedAt" -> fetchedAt = JsonFields.text(json);
                    case "author" -> author = nickname(json);
                    case "tags" -> tags = tags(json);
                    default -> json.skipChildren();
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT) {
                return null;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        Optional<NoteId> id = NoteId.of(noteId);
        Instant at = JsonFields.instant(fetchedAt);
        if (id.isEmpty() || at == null) {
            return null;
        }
        return new LatestNote(id.get(), shorten(title), shorten(author), tags, counts.counts(), at);
    }

    private static String nickname(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            json.skipChildren();
            return null;
        }
        String nickname = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            if (field.equals("nickname")) {
                nickname = JsonFields.text(json);
            } else {
                json.skipChildren();
            }
        }
        return nickname;
    }

    private static List<String> tags(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.START_ARRAY) {
            json.skipChildren();
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            String tag = JsonFields.text(json);
            if (tag != null && !tag.isBlank() && tags.size() < TAG_LIMIT) {
                tags.add(shorten(tag.strip()));
            }
        }
        return List.copyOf(tags);
    }

    /** Titles and names are user content of any length; the page shows the first few hundred characters. */
    private static String shorten(String text) {
        return Html.shorten(text, TEXT_LIMIT);
    }

    /** Access order: a note seen again moves to the end, so the eldest is the note fetched least recently. */
    private static final class MostRecent extends LinkedHashMap<NoteId, LatestNote> {

        private final int limit;
        private boolean dropped;

        MostRecent(int limit) {
            super(Math.min(limit, 4096) * 2, 0.75f, true);
            this.limit = limit;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<NoteId, LatestNote> eldest) {
            if (size() > limit) {
                dropped = true;
                return true;
            }
            return false;
        }
    }
}
