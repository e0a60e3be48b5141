package xhsnoterouter.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import xhsnoterouter.Json;

/**
 * {@code archive.keep-history=true}: before a note's archive is replaced by a newer fetch, the old one moves to
 * {@code notes/<id>/<fetchedAt>.json} ({@code :} written as {@code -}, so the name is valid on every system).
 */
final class History {

    private History() {
    }

    /** Moves the current archive into the note's history folder; returns where it went (null: there was none). */
    static Path keep(Path current, Path historyDir) throws IOException {
        if (!Files.isRegularFile(current)) {
            return null;
        }
        String fetchedAt = fetchedAt(current);
        if (fetchedAt == null) {
            fetchedAt = Files.getLastModifiedTime(current).toInstant().toString();
        }
        Files.createDirectories(historyDir);
        Path target = historyDir.resolve(fileName(fetchedAt));
        Files.move(current, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    static String fileName(String fetchedAt) {
        return fetchedAt.replace(':', '-') + ".json";
    }

    /** The archive's {@code fetchedAt}, its second field: read without parsing the response that follows. */
    static String fetchedAt(Path archive) {
        try (InputStream in = Files.newInputStream(archive); JsonParser json = Json.MAPPER.getFactory().createParser(in)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if ("fetchedAt".equals(field)) {
                    return value == JsonToken.VALUE_STRING ? json.getText() : null;
                }
                json.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
