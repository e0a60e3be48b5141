package xhsnoterouter.report;

import static org.assertj.core.api.Assertions.assertThat;
import static xhsnoterouter.media.Manifest.Status.DOWNLOADED;
import static xhsnoterouter.media.Manifest.Status.FAILED;
import static xhsnoterouter.media.Manifest.Status.PENDING;
import static xhsnoterouter.media.Manifest.Status.SKIPPED;
import static xhsnoterouter.report.OutboxFixture.EXHAUSTED_ID;
import static xhsnoterouter.report.OutboxFixture.HOSTILE_ID;
import static xhsnoterouter.report.OutboxFixture.NOT_FOUND_ID;
import static xhsnoterouter.report.OutboxFixture.REFERENCE_ID;
import static xhsnoterouter.report.OutboxFixture.REFERENCE_TITLE;
import static xhsnoterouter.report.OutboxFixture.STEADY_ID;
import static xhsnoterouter.report.OutboxFixture.T0;
import static xhsnoterouter.report.OutboxFixture.TORN_ID;
import static xhsnoterouter.report.OutboxFixture.UNSNAPPED_ID;
import static xhsnoterouter.report.OutboxFixture.image;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.archive.FailureRecord;
import xhsnoterouter.ingest.Source;
import xhsnoterouter.media.Manifest;

/** outbox/report/index.html built from the files the app writes: what it shows, what it escapes, what it leaves out. */
class CampaignReportTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T09:30:00Z"), ZoneOffset.UTC);
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:src|href|xlink:href|action)\\s*=\\s*\"([^\"]*)\"");

    @TempDir
    Path outbox;

    @Test
    void showsEveryNoteTopGrowerTagTotalsAndFailures() throws Exception {
        OutboxFixture.campaign(outbox);

        Path page = new CampaignReport(outbox, CLOCK).rebuild();

        assertThat(page).isEqualTo(outbox.resolve("report/index.html"));
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">").endsWith("</html>\n");
        assertThat(html).contains("Built 2026-11-28 09:30 UTC")
                .contains("data fetched 2026-11-27 08:00 UTC to 2026-11-27 11:00 UTC")
                .contains("<b>4</b> fetched · <b>1</b> not found · <b>2</b> failed");
        for (String id : List.of(REFERENCE_ID, STEADY_ID, HOSTILE_ID, UNSNAPPED_ID)) {
            assertThat(html).contains("data-note-id=\"" + id + "\"")
                    .contains("href=\"https://www.xiaohongshu.com/explore/" + id + "\"");
        }
        assertThat(html).doesNotContain(TORN_ID);
        assertThat(count(html, "data-note-id=")).isEqualTo(4);
        assertThat(count(html, "<svg class=\"chart\"")).isEqualTo(4);
        assertThat(html).contains(REFERENCE_TITLE).contains("by 风草").contains("#国风").contains("by 小林");
        // newest fetched first: the note without snapshots was fetched last
        assertThat(html.indexOf("data-note-id=\"" + UNSNAPPED_ID)).isLessThan(html.indexOf("data-note-id=\"" + HOSTILE_ID));
        assertThat(html.indexOf("data-note-id=\"" + HOSTILE_ID)).isLessThan(html.indexOf("data-note-id=\"" + REFERENCE_ID));

        List<String> growthRows = rows(section(html, "growth"));
        assertThat(growthRows).hasSize(2);
        assertThat(cells(growthRows.get(0))).containsExactly(REFERENCE_TITLE + "in 1 h", "+250", "+18", "+7", "+3");
        assertThat(cells(growthRows.get(1))).containsExactly("春日穿搭｜通勤也能很温柔in 1 h", "+100", "+1", "0", "0");
        assertThat(section(html, "growth")).contains("Top 2 of 2 notes with two or more snapshots");

        List<String> tagRows = rows(section(html, "tags"));
        assertThat(cells(tagRows.get(0))).containsExactly("#国风", "2", "1,500", "131", "19", "9");
        assertThat(cells(tagRows.get(1))).containsExactly("#春日穿搭", "1", "1,100", "101", "10", "5");
        assertThat(tagRows).hasSize(7);

        String failed = section(html, "failed");
        List<String> failureRows = rows(failed);
        assertThat(failureRows).hasSize(3);
        // newest first: the invalid line has no attempt, so its file's time counts, which is now (after T0)
        assertThat(cells(failureRows.get(0))).startsWith("INVALID_INPUT", "<b>not an id</b>ids.txt line 6");
        assertThat(cells(failureRows.get(1))).containsExactly("RETRIES_EXHAUSTED", EXHAUSTED_ID + "ids.txt line 5", "–HTTP 500",
                "HTTP 500 after 5 attempts", "5", "2026-11-27 08:10 UTC");
        assertThat(cells(failureRows.get(2))).startsWith("NOT_FOUND", NOT_FOUND_ID + "ids.txt line 4", "404");
        assertThat(failed).contains("NOT_FOUND <b>1</b>").contains("RETRIES_EXHAUSTED <b>1</b>").contains("INVALID_INPUT <b>1</b>");
    }

    @Test
    void userContentIsEscapedAndThePageLoadsNothingFromAnywhere() throws Exception {
        OutboxFixture.campaign(outbox);

        String html = Files.readString(new CampaignReport(outbox, CLOCK).rebuild(), StandardCharsets.UTF_8);

        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("#&quot;&gt;&lt;img src=x onerror=alert(2)&gt;")
                .contains("by &lt;/b&gt;&amp;amp;")
                .contains("&lt;b&gt;not an id&lt;/b&gt;");
        String lower = html.toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain("<script").doesNotContain("<img").doesNotContain("<iframe").doesNotContain("<link")
                .doesNotContain("@import").doesNotContain("url(").doesNotContain("javascript:");
        assertThat(Pattern.compile("(?i)<[a-z][^>]*\\son[a-z]+\\s*=").matcher(html).find()).as("an on… attribute").isFalse();
        Matcher links = LINK.matcher(html);
        List<String> targets = new ArrayList<>();
        while (links.find()) {
            targets.add(links.group(1));
        }
        assertThat(targets).isNotEmpty().allSatisfy(target -> assertThat(target)
                .matches("#[a-z0-9-]+|https://www\\.xiaohongshu\\.com/explore/[0-9a-f]{24}"));
        assertThat(html.replaceAll("https://www\\.xiaohongshu\\.com/explore/[0-9a-f]{24}", "")).doesNotContain("http:").doesNotContain("https:");
        assertThat(html).contains("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src 'self'\"");
    }

    @Test
    void eachNoteShowsItsFirstSavedImageLinkedFromThePageNeverItsUrl() throws Exception {
        OutboxFixture fixture = OutboxFixture.campaign(outbox);
        String withoutMedia = Files.readString(new CampaignReport(outbox, CLOCK).rebuild(), StandardCharsets.UTF_8);
        byte[] jpeg = OutboxFixture.jpeg(60, 40, (x, y) -> 0x3366cc);
        Manifest.Entry audio = new Manifest.Entry("audio", "audio", "https://sns-audio.xhscdn.com/a.mp3", List.of(), DOWNLOADED,
                "audio.mp3", 3L, "0".repeat(64), "audio/mpeg", null);
        fixture.media(REFERENCE_ID, List.of(audio, image("image-1", DOWNLOADED, "image-1.jpg"), image("image-2", DOWNLOADED, "image-2.jpg")),
                Map.of("audio.mp3", new byte[] {1, 2, 3}, "image-1.jpg", jpeg, "image-2.jpg", jpeg));
        // image-1 failed: the card shows image-2
        fixture.media(STEADY_ID, List.of(image("image-1", FAILED, null), image("image-2", DOWNLOADED, "image-2.jpg")),
                Map.of("image-2.jpg", jpeg));
        fixture.media(HOSTILE_ID, List.of(image("image-1", DOWNLOADED, "image-1.jpg")), Map.of("image-1.jpg", jpeg));

        Path page = new CampaignReport(outbox, CLOCK).rebuild();

        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(noteSection(html, REFERENCE_ID)).contains("<img class=\"thumb\" src=\"../media/" + REFERENCE_ID
                + "/image-1.jpg\" alt=\"" + REFERENCE_TITLE + "\" width=\"96\" height=\"96\" loading=\"lazy\"");
        assertThat(noteSection(html, STEADY_ID)).contains("<img class=\"thumb\" src=\"../media/" + STEADY_ID + "/image-2.jpg\"");
        assertThat(noteSection(html, HOSTILE_ID)).contains("alt=\"&lt;script&gt;alert(1)&lt;/script&gt;\"");
        // no media: no <img>, and the card exactly as it was
        assertThat(noteSection(html, UNSNAPPED_ID)).doesNotContain("<img").isEqualTo(noteSection(withoutMedia, UNSNAPPED_ID));
        Matcher img = Pattern.compile("<img\\b[^>]*>").matcher(html);
        List<String> images = new ArrayList<>();
        while (img.find()) {
            images.add(img.group());
        }
        assertThat(images).hasSize(3).allSatisfy(tag -> assertThat(tag.toLowerCase(Locale.ROOT)).doesNotContain("http")
                .doesNotContain("//").containsPattern(" src=\"\\.\\./media/[0-9a-f]{24}/image-[12]\\.jpg\""));
        assertThat(html).doesNotContain("xhscdn").doesNotContain("sign=");
        // each link, resolved from the page's folder, is the saved JPEG
        Matcher src = Pattern.compile("<img\\b[^>]* src=\"([^\"]*)\"").matcher(html);
        while (src.find()) {
            Path file = page.getParent().resolve(src.group(1)).normalize();
            assertThat(file).startsWith(outbox.resolve("media")).isRegularFile();
            assertThat(ImageIO.read(file.toFile())).as("%s decodes", file).isNotNull();
        }
    }

    @Test
    void noImageAndTheSamePageWhenNoImageIsSavedOrTheManifestCannotBeUsed() throws Exception {
        OutboxFixture fixture = new OutboxFixture(outbox);
        List<String> ids = List.of(REFERENCE_ID, STEADY_ID, HOSTILE_ID, UNSNAPPED_ID, TORN_ID);
        for (int i = 0; i < ids.size(); i++) {
            fixture.record(OutboxFixture.note(ids.get(i), "笔记 " + i, "风草", List.of(), T0.plusSeconds(i), new long[] {i, 0, 0, 0}));
        }
        String withoutMedia = Files.readString(new CampaignReport(outbox, CLOCK).rebuild(), StandardCharsets.UTF_8);
        byte[] jpeg = OutboxFixture.jpeg(8, 8, (x, y) -> 0xffffff);
        // nothing downloaded yet, or every image failed or skipped
        fixture.media(REFERENCE_ID, List.of(image("image-1", PENDING, null), image("image-2", FAILED, null),
                image("image-3", SKIPPED, null)), Map.of());
        // downloaded, but the file is gone
        fixture.media(STEADY_ID, List.of(image("image-1", DOWNLOADED, "image-1.jpg")), Map.of());
        // a manifest cut short
        fixture.append("media/" + HOSTILE_ID + "/manifest.json", "{\"noteId\":\"" + HOSTILE_ID + "\",\"items\":[{\"kind\"");
        fixture.append("media/" + HOSTILE_ID + "/image-1.jpg", "");
        // a file outside the note's folder, though it exists
        fixture.media(TORN_ID, List.of(image("image-1", DOWNLOADED, "../" + UNSNAPPED_ID + "/image-1.jpg")), Map.of());
        // files but no manifest
        fixture.media(UNSNAPPED_ID, List.of(), Map.of("image-1.jpg", jpeg));
        Files.delete(outbox.resolve("media/" + UNSNAPPED_ID + "/manifest.json"));

        String html = Files.readString(new CampaignReport(outbox, CLOCK).rebuild(), StandardCharsets.UTF_8);

        assertThat(html).doesNotContain("<img").isEqualTo(withoutMedia);
    }

    @Test
    void emptyOutboxGivesAValidPageSayingThereIsNothingYet() throws Exception {
        String html = Files.readString(new CampaignReport(outbox, CLOCK).rebuild(), StandardCharsets.UTF_8);

        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
                .contains("<b>0</b> fetched · <b>0</b> not found · <b>0</b> failed")
                .contains("Nothing yet: no note has been fetched and none has failed.")
                .contains("No note has two snapshots yet").contains("No tags yet.").contains("No note fetched yet.")
                .doesNotContain("class=\"chart\"");
    }

    @Test
    void emptyFilesAndOnlyGarbageAlsoGiveAValidPage() throws Exception {
        new OutboxFixture(outbox).append("records.jsonl", "").append("snapshots/" + REFERENCE_ID + ".jsonl", "{\"likes\":")
                .append("failed/" + NOT_FOUND_ID + ".json", "not json");
        new OutboxFixture(outbox).append("records.jsonl", "\n[1,2]\n{\"noteId\":\"nope\",\"fetchedAt\":\"2026-11-27T08:00:00Z\"}\n\u0000\u00ff");

        String html = Files.readString(new CampaignReport(outbox, CLOCK).rebuild(), StandardCharsets.UTF_8);

        assertThat(html).contains("Nothing yet").doesNotContain("data-note-id=");
    }

    @Test
    void noteWithOneSnapshotStillHasAChartAndIsNotAGrower() throws Exception {
        OutboxFixture fixture = new OutboxFixture(outbox);
        fixture.record(OutboxFixture.note(REFERENCE_ID, "只抓了一次", "风草", List.of("一次"), T0, new long[] {5, 4, 3, 2}));
        fixture.snapshot(REFERENCE_ID, T0, new long[] {5, 4, 3, 2});

        String html = Files.readString(new CampaignReport(outbox, CLOCK).rebuild(), StandardCharsets.UTF_8);

        assertThat(count(html, "<svg class=\"chart\"")).isEqualTo(1);
        assertThat(count(html, "<circle ")).isEqualTo(4);
        assertThat(html).contains("1 fetch ·".substring(0, 7)).contains("No note has two snapshots yet");
    }

    @Test
    void rebuildReadsTheLinesAddedSinceAndStartsOverWhenTheFileIsReplaced() throws Exception {
        OutboxFixture fixture = OutboxFixture.campaign(outbox);
        CampaignReport report = new CampaignReport(outbox, CLOCK);
        report.rebuild();
        // the torn line is cut (as crash recovery does) and the app goes on appending
        Path records = outbox.resolve("records.jsonl");
        String whole = Files.readString(records, StandardCharsets.UTF_8);
        Files.writeString(records, whole.substring(0, whole.lastIndexOf('\n') + 1), StandardCharsets.UTF_8);
        fixture.record(OutboxFixture.note(TORN_ID, "后来的笔记", "新人", List.of("国风"), T0.plusSeconds(5 * 3600L), new long[] {1, 1, 1, 1}));

        String html = Files.readString(report.rebuild(), StandardCharsets.UTF_8);

        assertThat(count(html, "data-note-id=")).isEqualTo(5);
        assertThat(html.indexOf("data-note-id=\"" + TORN_ID)).isLessThan(html.indexOf("data-note-id=\"" + UNSNAPPED_ID));
        assertThat(cells(rows(section(html, "tags")).get(0))).startsWith("#国风", "3", "1,501");

        Path replacement = outbox.resolve("records.new");
        Files.writeString(replacement, whole.lines().filter(line -> line.contains(STEADY_ID)).reduce("", (a, b) -> a + b + "\n"));
        Files.move(replacement, records, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        html = Files.readString(report.rebuild(), StandardCharsets.UTF_8);

        assertThat(count(html, "data-note-id=")).isEqualTo(1);
        assertThat(html).contains("data-note-id=\"" + STEADY_ID + "\"");
    }

    @Test
    void longHistoryIsDrawnWithBoundedPointsUpToTheNewest() throws Exception {
        OutboxFixture fixture = new OutboxFixture(outbox);
        StringBuilder snapshots = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            snapshots.append("{\"fetchedAt\":\"").append(T0.plusSeconds(3600L * i)).append("\",\"likes\":").append(i)
                    .append(",\"collects\":null,\"comments\":1,\"shares\":0}\n");
        }
        fixture.append("snapshots/" + REFERENCE_ID + ".jsonl", snapshots.toString());
        fixture.record(OutboxFixture.note(REFERENCE_ID, "长期跟踪", "风草", List.of(), T0.plusSeconds(3600L * 9_999),
                new long[] {9_999, 0, 1, 0}));

        String html = Files.readString(new CampaignReport(outbox, CLOCK).rebuild(), StandardCharsets.UTF_8);

        assertThat(html).contains("10,000 fetches (").contains(" drawn)");
        String likesPath = between(html, "stroke=\"" + Series.LIKES.colour + "\" fill=\"" + Series.LIKES.colour + "\"><path d=\"", "\"");
        assertThat(likesPath.split(" L").length).isBetween(60, CampaignReport.MAX_POINTS);
        assertThat(cells(rows(section(html, "growth")).get(0))).containsExactly("长期跟踪in 1 h", "+1", "–", "0", "0");
    }

    @Test
    void twentyThousandNotesShowTheNewestTwoThousandAndSaySo() throws Exception {
        OutboxFixture fixture = new OutboxFixture(outbox);
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            String id = String.format("66%022x", i);
            Instant at = T0.plusSeconds(i);
            records.append(Json(OutboxFixture.note(id, "笔记 " + i, "作者" + i % 50, List.of("标签" + i % 100, "共同"), at,
                    new long[] {i, i / 2, i / 10, i / 100}))).append('\n');
            fixture.append("notes/" + id + ".json", "{}");
            fixture.append("snapshots/" + id + ".jsonl", "{\"fetchedAt\":\"" + at.minusSeconds(3600) + "\",\"likes\":" + (i / 2)
                    + ",\"collects\":0,\"comments\":0,\"shares\":0}\n{\"fetchedAt\":\"" + at + "\",\"likes\":" + i
                    + ",\"collects\":" + i / 2 + ",\"comments\":" + i / 10 + ",\"shares\":" + i / 100 + "}\n");
        }
        fixture.append("records.jsonl", records.toString());
        for (int i = 0; i < 600; i++) {
            String id = String.format("77%022x", i);
            fixture.failure(new FailureRecord(id, id, new Source("ids.txt", i), i % 3 == 0 ? "NOT_FOUND" : "RETRIES_EXHAUSTED",
                    null, 500, "HTTP 500", 5, T0.toString(), T0.plusSeconds(i).toString()));
        }
        CampaignReport report = new CampaignReport(outbox, CLOCK);

        long started = System.nanoTime();
        String html = Files.readString(report.rebuild(), StandardCharsets.UTF_8);
        long firstMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        report.rebuild();
        long secondMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        new CampaignReport(outbox, CLOCK).rebuild();
        long freshMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("CampaignReport: 20,000 notes rebuilt in %d ms (first), %d ms (again, new lines only), %d ms (new "
                + "instance, whole file), page %,d bytes%n", firstMillis, secondMillis, freshMillis, html.getBytes(StandardCharsets.UTF_8).length);

        assertThat(count(html, "data-note-id=")).isEqualTo(CampaignReport.MAX_NOTES);
        assertThat(count(html, "<svg class=\"chart\"")).isEqualTo(CampaignReport.MAX_NOTES);
        assertThat(html).contains("<b>20,000</b> fetched · <b>600</b> failed or not found")
                .contains("Showing the 2,000 most recently fetched of 20,000 notes")
                .contains("600 failure files; the counts by reason and the table cover the 500 newest.")
                .contains("data-note-id=\"" + String.format("66%022x", 19_999) + "\"")
                .doesNotContain("data-note-id=\"" + String.format("66%022x", 17_999) + "\"");
        assertThat(rows(section(html, "growth"))).hasSize(CampaignReport.MAX_GROWERS);
        assertThat(cells(rows(section(html, "growth")).get(0))).startsWith("笔记 19999in 1 h", "+10,000");
        assertThat(rows(section(html, "tags"))).hasSize(CampaignReport.MAX_TAGS);
        assertThat(cells(rows(section(html, "tags")).get(0))).startsWith("#共同", "2,000");
        assertThat(section(html, "tags")).contains("Top 50 of 101 tags");
        assertThat(rows(section(html, "failed"))).hasSize(CampaignReport.MAX_FAILURES);
        assertThat(cells(rows(section(html, "failed")).get(0))).startsWith("RETRIES_EXHAUSTED",
                String.format("77%022x", 599) + "ids.txt line 599");
        assertThat(secondMillis).isLessThan(2_000);
    }

    private static String Json(Object value) throws Exception {
        return xhsnoterouter.Json.MAPPER.writeValueAsString(value);
    }

    static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    /** The card of one note, from its start tag to its end. */
    static String noteSection(String html, String id) {
        return "<section" + between(html, "<section class=\"note\" id=\"note-" + id + "\"", "</section>") + "</section>";
    }

    static String section(String html, String id) {
        return between(html, "<section id=\"" + id + "\">", "</section>");
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("'%s' in the page", start).isNotNegative();
        from += start.length();
        return text.substring(from, text.indexOf(end, from));
    }

    /** The body rows of the table in a section. */
    private static List<String> rows(String section) {
        if (!section.contains("<tbody>")) {
            return List.of();
        }
        String body = between(section, "<tbody>", "</tbody>");
        List<String> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr>(.*?)</tr>").matcher(body);
        while (row.find()) {
            rows.add(row.group(1));
        }
        return rows;
    }

    /** The text of each cell, tags removed and entities decoded. */
    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        Matcher cell = Pattern.compile("<td[^>]*>(.*?)</td>").matcher(row);
        while (cell.find()) {
            cells.add(cell.group(1).replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">")
                    .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&"));
        }
        return cells;
    }
}
