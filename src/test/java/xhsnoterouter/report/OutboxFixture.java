package xhsnoterouter.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntBinaryOperator;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;

import xhsnoterouter.Json;
import xhsnoterouter.archive.FailureRecord;
import xhsnoterouter.archive.NoteRecord;
import xhsnoterouter.ingest.NoteId;
import xhsnoterouter.ingest.Source;
import xhsnoterouter.media.Manifest;
import xhsnoterouter.support.ScriptedApi;

/**
 * An outbox as the app leaves it: {@code records.jsonl} lines made by {@link NoteRecord} (the real mapping),
 * {@code snapshots/<id>.jsonl}, {@code failed/<key>.json} written from {@link FailureRecord}, {@code notes/<id>.json}.
 */
final class OutboxFixture {

    /** The note of the vendor's reference response, fetched three times with growing counts. */
    static final String REFERENCE_ID = "698ab064000000001503876d";
    static final String REFERENCE_TITLE = "国潮才是永恒审美!新年写真我太想进步了";
    static final String STEADY_ID = "65f0c0ffee00000000000b0b";
    static final String HOSTILE_ID = "65f0c0ffee00000000000c0c";
    static final String HOSTILE_TITLE = "<script>alert(1)</script>";
    static final String HOSTILE_TAG = "\"><img src=x onerror=alert(2)>";
    static final String UNSNAPPED_ID = "65f0c0ffee00000000000d0d";
    static final String TORN_ID = "65f0c0ffee00000000000e0e";
    static final String NOT_FOUND_ID = "65f0c0ffee00000000000f0f";
    static final String EXHAUSTED_ID = "65f0c0ffee0000000000a0a0";
    static final Instant T0 = Instant.parse("2026-11-27T08:00:00.123Z");

    final Path outbox;

    OutboxFixture(Path outbox) {
        this.outbox = outbox;
    }

    /**
     * Four notes (one re-fetched three times, one twice, one with a hostile title, one without snapshots),
     * a torn last line, and three failures: NOT_FOUND, RETRIES_EXHAUSTED and an invalid input line.
     */
    static OutboxFixture campaign(Path outbox) throws IOException {
        OutboxFixture fixture = new OutboxFixture(outbox);
        JsonNode reference = Json.MAPPER.readTree(Files.readAllBytes(ScriptedApi.REFERENCE));
        long[][] referenceCounts = {{100, 10, 1, 0}, {150, 12, 2, 1}, {400, 30, 9, 4}};
        long[][] steadyCounts = {{1000, 100, 10, 5}, {1100, 101, 10, 5}};
        for (int fetch = 0; fetch < 3; fetch++) {
            Instant at = T0.plusSeconds(3600L * fetch);
            NoteRecord fromApi = NoteRecord.from(reference, NoteId.of(REFERENCE_ID).orElseThrow(), at, new Source("ids.txt", 1));
            fixture.record(withCounts(fromApi, referenceCounts[fetch]));
            fixture.snapshot(REFERENCE_ID, at, referenceCounts[fetch]);
            if (fetch < 2) {
                Instant steadyAt = at.plusSeconds(60);
                fixture.record(note(STEADY_ID, "春日穿搭｜通勤也能很温柔", "小林", List.of("春日穿搭", "国风"), steadyAt, steadyCounts[fetch]));
                fixture.snapshot(STEADY_ID, steadyAt, steadyCounts[fetch]);
            }
        }
        Instant later = T0.plusSeconds(3 * 3600L);
        fixture.record(note(HOSTILE_ID, HOSTILE_TITLE, "</b>&amp;", List.of(HOSTILE_TAG), later, new long[] {7, 0, 0, 0}));
        fixture.snapshot(HOSTILE_ID, later, new long[] {7, 0, 0, 0});
        fixture.record(note(UNSNAPPED_ID, null, null, List.of(), later.plusSeconds(5), new long[] {3, 2, 1, 0}));
        fixture.failure(new FailureRecord(NOT_FOUND_ID, NOT_FOUND_ID, new Source("ids.txt", 4), "NOT_FOUND", 404, 200,
                "note not found", 1, T0.toString(), T0.toString()));
        fixture.failure(new FailureRecord(EXHAUSTED_ID, EXHAUSTED_ID, new Source("ids.txt", 5), "RETRIES_EXHAUSTED", null, 500,
                "HTTP 500 after 5 attempts", 5, T0.toString(), T0.plusSeconds(600).toString()));
        fixture.failure("invalid-ids.txt-6", new FailureRecord("<b>not an id</b>", null, new Source("ids.txt", 6),
                "INVALID_INPUT", null, null, "not a note ID or link", 0, null, null));
        fixture.append("records.jsonl", "{\"noteId\":\"" + TORN_ID + "\",\"title\":\"半");
        return fixture;
    }

    static NoteRecord note(String id, String title, String nickname, List<String> tags, Instant fetchedAt, long[] counts) {
        NoteId noteId = NoteId.of(id).orElseThrow();
        return new NoteRecord(id, noteId.url(), "normal", title, "desc", null, "上海", counts[0], counts[1], counts[2], counts[3],
                nickname == null ? null : new NoteRecord.Author("5cc823550000000010034c96", nickname, "518955047"),
                tags, List.of(), List.of(), null, null, fetchedAt.toString(), new Source("ids.txt", 2));
    }

    private static NoteRecord withCounts(NoteRecord r, long[] counts) {
        return new NoteRecord(r.noteId(), r.url(), r.type(), r.title(), r.desc(), r.publishedAt(), r.ipLocation(), counts[0],
                counts[1], counts[2], counts[3], r.author(), r.tags(), r.mentions(), r.images(), r.audioUrl(),
                r.videoDownloadAllowed(), r.fetchedAt(), r.source());
    }

    /** A records.jsonl line, and the note file the archive writes with it. */
    OutboxFixture record(NoteRecord record) {
        append("records.jsonl", json(record) + "\n");
        write("notes/" + record.noteId() + ".json", "{}");
        return this;
    }

    OutboxFixture snapshot(String id, Instant at, long[] counts) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("fetchedAt", at.toString());
        line.put("likes", counts[0]);
        line.put("collects", counts[1]);
        line.put("comments", counts[2]);
        line.put("shares", counts[3]);
        append("snapshots/" + id + ".jsonl", json(line) + "\n");
        return this;
    }

    OutboxFixture failure(FailureRecord failure) {
        return failure(failure.noteId(), failure);
    }

    OutboxFixture failure(String key, FailureRecord failure) {
        write("failed/" + key + ".json", json(failure));
        return this;
    }

    /** {@code media/<id>/} as the media download leaves it: the files, and {@code manifest.json} listing the items. */
    OutboxFixture media(String id, List<Manifest.Entry> items, Map<String, byte[]> files) throws IOException {
        Path noteDir = outbox.resolve("media").resolve(id);
        Files.createDirectories(noteDir);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(noteDir.resolve(file.getKey()), file.getValue());
        }
        new Manifest(id, items).write(noteDir);
        return this;
    }

    /** A manifest item of kind image, with the signed CDN link the API gave; {@code file} set when downloaded. */
    static Manifest.Entry image(String name, Manifest.Status status, String file) {
        String url = "https://sns-webpic-qc.xhscdn.com/202611270800/" + name + "!nd_dft_wlteh_jpg_3?sign=5f2a&t=1764230400";
        boolean saved = status == Manifest.Status.DOWNLOADED;
        return new Manifest.Entry("image", name, url, List.of(), status, saved ? file : null, saved ? 1234L : null,
                saved ? "0".repeat(64) : null, saved ? "image/jpeg" : null, status == Manifest.Status.FAILED ? "HTTP 404" : null);
    }

    /** A real JPEG, each pixel's colour (0xRRGGBB) given by {@code rgbAt(x, y)}. */
    static byte[] jpeg(int width, int height, IntBinaryOperator rgbAt) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgbAt.applyAsInt(x, y));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "jpg", out)) {
            throw new IOException("no JPEG writer");
        }
        return out.toByteArray();
    }

    OutboxFixture append(String file, String text) {
        try {
            Path path = outbox.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String file, String text) {
        try {
            Path path = outbox.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
