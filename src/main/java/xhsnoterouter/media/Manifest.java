package xhsnoterouter.media;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import xhsnoterouter.Json;
import xhsnoterouter.archive.AtomicFiles;

/**
 * {@code outbox/media/<noteId>/manifest.json}: every file a note's media asks for and where it stands. Written with
 * every item {@code pending} before the first download, and again as each item settles, so it is also the journal a
 * restart reads: what is still pending is fetched then, nothing else.
 */
public record Manifest(String noteId, List<Entry> items) {

    public static final String FILE = "manifest.json";

    public Manifest {
        items = List.copyOf(items);
    }

    public enum Status {
        PENDING, DOWNLOADED, FAILED, SKIPPED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One item. {@code url} is the URL the API gave; once the file is saved, without its signature ({@code sign},
     * {@code t}: they expire, and the file is what matters then). {@code file}, {@code bytes}, {@code sha256} and
     * {@code contentType} are set once it is downloaded, {@code reason} when it failed or was skipped.
     */
    public record Entry(String kind, String name, String url, List<String> backupUrls, Status status, String file,
                        Long bytes, String sha256, String contentType, String reason) {

        public Entry {
            backupUrls = backupUrls == null ? List.of() : List.copyOf(backupUrls);
        }

        public static Entry pending(MediaItem item) {
            return new Entry(kindName(item.kind()), item.name(), item.url(), item.backupUrls(), Status.PENDING, null, null,
                    null, null, null);
        }

        public static Entry skipped(MediaKind kind, String name, String url, String reason) {
            return new Entry(kindName(kind), name, url, List.of(), Status.SKIPPED, null, null, null, null, reason);
        }

        public Entry downloaded(SavedFile saved) {
            return downloaded(saved, url);
        }

        /** Saved from {@code from} (a backup URL, when the first one failed). */
        public Entry downloaded(SavedFile saved, String from) {
            return new Entry(kind, name, unsigned(from), List.of(), Status.DOWNLOADED, saved.file(), saved.bytes(),
                    saved.sha256(), saved.contentType(), null);
        }

        public Entry failed(String why) {
            return new Entry(kind, name, url, backupUrls, Status.FAILED, null, null, null, null, why);
        }

        /** The item to download again (a restart); its kind as media.download names it. */
        public MediaItem item() {
            MediaKind k = switch (kind) {
                case "image" -> MediaKind.IMAGES;
                case "audio" -> MediaKind.AUDIO;
                default -> MediaKind.VIDEO;
            };
            return new MediaItem(k, name, url, backupUrls);
        }
    }

    /** A saved file as the manifest records it. */
    public record SavedFile(String file, long bytes, String sha256, String contentType) {
    }

    public static String kindName(MediaKind kind) {
        return switch (kind) {
            case IMAGES -> "image";
            case AUDIO -> "audio";
            case VIDEO -> "video";
        };
    }

    public Manifest with(Entry entry) {
        List<Entry> next = new ArrayList<>(items);
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).name().equals(entry.name())) {
                next.set(i, entry);
                return new Manifest(noteId, next);
            }
        }
        next.add(entry);
        return new Manifest(noteId, next);
    }

    public long count(Status status) {
        return items.stream().filter(e -> e.status() == status).count();
    }

    public static Manifest read(Path file) throws IOException {
        return Json.MAPPER.readValue(Files.readAllBytes(file), Manifest.class);
    }

    public void write(Path noteDir) throws IOException {
        AtomicFiles.write(noteDir.resolve(FILE), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    }

    /** {@code url} without the query parameters that sign it: they expire, so they say nothing once the file is saved. */
    static String unsigned(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            String query = uri.getRawQuery();
            if (query == null) {
                return url;
            }
            List<String> kept = new ArrayList<>();
            for (String pair : query.split("&")) {
                String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (!SIGNATURE_PARAMS.contains(name.toLowerCase(Locale.ROOT))) {
                    kept.add(pair);
                }
            }
            String base = url.substring(0, url.indexOf('?'));
            return kept.isEmpty() ? base : base + "?" + String.join("&", kept);
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /** The vendor's docs: media URLs are signed with {@code sign} and {@code t}; CDNs also use these names. */
    private static final List<String> SIGNATURE_PARAMS = List.of("sign", "t", "x-expires", "x-signature", "expires",
            "signature");
}
