package xhsnoterouter.report;

import static org.assertj.core.api.Assertions.assertThat;
import static xhsnoterouter.report.OutboxFixture.HOSTILE_ID;
import static xhsnoterouter.report.OutboxFixture.REFERENCE_ID;
import static xhsnoterouter.report.OutboxFixture.STEADY_ID;
import static xhsnoterouter.report.OutboxFixture.UNSNAPPED_ID;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.media.Manifest;
import xhsnoterouter.support.Chromium;

/** The report as a real browser renders it: the DOM it builds, a screenshot at a phone's width, a saved image shown. */
class ReportInBrowserTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T09:30:00Z"), ZoneOffset.UTC);
    private static final int CYAN = 0x00ffff;
    private static final int MAGENTA = 0xff00ff;
    private static final List<String> NOTE_IDS = List.of(REFERENCE_ID, STEADY_ID, HOSTILE_ID, UNSNAPPED_ID);

    @TempDir
    Path outbox;
    @TempDir
    Path browserDir;

    private Path page;
    private Chromium chromium;

    @BeforeEach
    void buildReport() throws Exception {
        Chromium.requireInstalled();
        OutboxFixture.campaign(outbox);
        page = new CampaignReport(outbox, CLOCK).rebuild();
        chromium = new Chromium(browserDir);
    }

    @Test
    void renderedDomHoldsEveryNoteWithOneChartEach() throws Exception {
        Chromium.Output output = chromium.run("--dump-dom", page.toUri().toString());
        String dom = output.stdout();

        assertThat(dom).as("DOM dumped by Chromium; %s", output).contains("<h1>Campaign report</h1>");
        for (String id : NOTE_IDS) {
            String note = noteElement(dom, id);
            assertThat(countOf(note, "<svg")).as("charts in note %s", id).isEqualTo(1);
            assertThat(note).contains("class=\"chart\"").contains("<title");
        }
        assertThat(countOf(dom, "data-note-id=")).isEqualTo(NOTE_IDS.size());
        assertThat(countOf(dom, "<svg class=\"chart\"")).isEqualTo(NOTE_IDS.size());
        // the hostile title is text in the DOM, not an element
        assertThat(dom).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script");
    }

    @Test
    void screenshotAtPhoneWidthShowsTheChartsInTheirColours() throws Exception {
        Path png = browserDir.resolve("report.png");

        Chromium.Output output = chromium.run("--screenshot=" + png, "--window-size=412,2400", "--hide-scrollbars",
                page.toUri().toString());

        assertThat(png).as("screenshot; Chromium: %s", output).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("%s decodes as an image", png).isNotNull();
        assertThat(image.getWidth()).isEqualTo(412);
        assertThat(image.getHeight()).isEqualTo(2400);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        assertThat(colours).as("distinct colours (a blank page has one)").hasSizeGreaterThan(200);
        for (Series series : Series.values()) {
            int rgb = Integer.parseInt(series.colour.substring(1), 16);
            assertThat(colours.stream().anyMatch(c -> close(c, rgb))).as("the %s line colour %s on screen", series.label, series.colour)
                    .isTrue();
        }
    }

    @Test
    void savedImageLoadsAsASquareThumbnailCroppedToItsMiddle() throws Exception {
        // 300×100, cyan in the middle, magenta either side: a 96×96 cover crop shows only cyan, a squeezed image both
        byte[] jpeg = OutboxFixture.jpeg(300, 100, (x, y) -> x >= 80 && x < 220 ? CYAN : MAGENTA);
        new OutboxFixture(outbox).media(UNSNAPPED_ID, List.of(OutboxFixture.image("image-1", Manifest.Status.DOWNLOADED, "image-1.jpg")),
                Map.of("image-1.jpg", jpeg));
        page = new CampaignReport(outbox, CLOCK).rebuild();
        Path png = browserDir.resolve("thumbnail.png");

        Chromium.Output dom = chromium.run("--dump-dom", page.toUri().toString());
        Chromium.Output shot = chromium.run("--screenshot=" + png, "--window-size=1280,1600", "--hide-scrollbars",
                page.toUri().toString());

        assertThat(noteElement(dom.stdout(), UNSNAPPED_ID)).as("DOM dumped by Chromium; %s", dom)
                .contains("<img class=\"thumb\" src=\"../media/" + UNSNAPPED_ID + "/image-1.jpg\"");
        assertThat(countOf(dom.stdout(), "<img")).isEqualTo(1);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("screenshot; Chromium: %s", shot).isNotNull();
        int cyan = 0;
        int magenta = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                cyan += close(rgb, CYAN) ? 1 : 0;
                magenta += close(rgb, MAGENTA) ? 1 : 0;
            }
        }
        int square = 96 * 96;
        assertThat(cyan).as("cyan pixels on screen: the image loaded, 96×96 less its rounded corners; Chromium: %s", shot)
                .isBetween(square * 9 / 10, square);
        assertThat(magenta).as("magenta pixels on screen: cropped to its middle, not squeezed").isLessThan(square / 50);
    }

    /** The element of one note, from its start tag to the next note's (or the end of the list). */
    private static String noteElement(String dom, String id) {
        Matcher start = Pattern.compile("<section[^>]*data-note-id=\"" + id + "\"").matcher(dom);
        assertThat(start.find()).as("note %s in the rendered DOM", id).isTrue();
        int end = dom.indexOf("<section", start.end());
        return dom.substring(start.start(), end < 0 ? dom.length() : end);
    }

    private static int countOf(String text, String part) {
        return CampaignReportTest.count(text, part);
    }

    private static boolean close(int a, int b) {
        return Math.abs((a >> 16 & 0xff) - (b >> 16 & 0xff)) <= 6 && Math.abs((a >> 8 & 0xff) - (b >> 8 & 0xff)) <= 6
                && Math.abs((a & 0xff) - (b & 0xff)) <= 6;
    }
}
