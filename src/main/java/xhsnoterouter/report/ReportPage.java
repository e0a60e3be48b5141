package xhsnoterouter.report;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The whole {@code index.html}: one self-contained file (inline CSS, inline SVG, no script, nothing fetched from
 * the internet; the Content-Security-Policy says so to the browser too: images only from the page's own origin,
 * i.e. the notes' saved images beside it in {@code outbox/media/}), readable on a phone.
 */
final class ReportPage {

    /**
     * @param totalNotes     the notes fetched, as far as known
     * @param totalExact     false when only "more than shown" is known
     * @param noteSections   one {@link NoteSection} per note shown, newest first, in UTF-8 (the bulk of the page,
     *                       kept as bytes: half the memory of a Java string of Chinese text)
     */
    record Content(Instant builtAt, RecordsFile.Notes notes, long totalNotes, boolean totalExact, FailedFiles.Failures failures,
            List<Growth> growers, int withTwoSnapshots, TagTotals.Result tags, Sections noteSections) {
    }

    /** The note sections in UTF-8, copied once into the page: no second copy of the largest part. */
    static final class Sections extends ByteArrayOutputStream {

        Sections() {
            super(64 * 1024);
        }

        void add(String html) {
            writeBytes(html.getBytes(StandardCharsets.UTF_8));
        }

        private void copyTo(byte[] target, int at) {
            System.arraycopy(buf, 0, target, at, count);
        }
    }

    private static final String STYLE = """
            *{box-sizing:border-box}
            body{margin:0;padding:16px;background:#f8fafc;color:#1f2937;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,\
            "Noto Sans","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif}
            main{max-width:1200px;margin:0 auto}
            h1{font-size:1.5rem;line-height:1.2;margin:0 0 6px}
            h2{font-size:1.15rem;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid #e5e7eb}
            h3{font-size:1rem;line-height:1.35;margin:0 0 4px;overflow-wrap:anywhere}
            a{color:#1d4ed8;text-decoration:none}
            a:hover{text-decoration:underline}
            p{margin:4px 0}
            .summary{font-size:1.1rem}
            .meta,.hint,.empty{color:#6b7280;font-size:.85rem}
            .notice{background:#fef3c7;border:1px solid #fde68a;border-radius:6px;padding:8px 12px;margin:8px 0}
            nav{margin:10px 0 0;font-size:.9rem}
            nav a{margin-right:14px;white-space:nowrap}
            .scroll{overflow-x:auto;background:#fff;border:1px solid #e5e7eb;border-radius:8px}
            table{border-collapse:collapse;width:100%;font-size:.85rem}
            th,td{padding:6px 10px;border-bottom:1px solid #eef0f3;text-align:left;vertical-align:top}
            tr:last-child td{border-bottom:0}
            th{background:#f1f5f9;font-weight:600;white-space:nowrap}
            .n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
            td.text{min-width:10em;max-width:26em;overflow-wrap:anywhere}
            td.when{white-space:nowrap}
            code{font-size:.8rem}
            .reason{display:inline-block;background:#fee2e2;color:#991b1b;border-radius:4px;padding:1px 8px;margin:0 6px 6px 0;font-size:.85rem}
            .notes{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,340px),1fr));gap:12px}
            .note{display:flex;flex-direction:column;background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:12px;min-width:0}
            .thumb{display:block;align-self:flex-start;width:96px;height:96px;object-fit:cover;border-radius:6px;\
            background:#f1f5f9;margin:0 0 8px}
            .tag{display:inline-block;background:#eef2ff;color:#3730a3;border-radius:999px;padding:0 8px;margin:0 4px 4px 0;font-size:.8rem}
            .counts{display:grid;grid-template-columns:repeat(4,1fr);gap:4px;margin:8px 0}
            .counts dt{color:#6b7280;font-size:.75rem;white-space:nowrap}
            .counts dd{margin:0;font-weight:600;font-variant-numeric:tabular-nums}
            .dot{display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:4px}
            svg.chart{display:block;width:100%;height:auto;margin-top:auto}
            .chart text{font-size:10px;fill:#4b5563}
            .chart .y{text-anchor:end}
            .chart .grid{stroke:#eef0f3}
            .chart .axis{stroke:#9ca3af}
            .chart .series path{fill:none;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}
            .chart .series circle{stroke:#fff;stroke-width:1}
            @media (max-width:480px){body{padding:10px;font-size:14px}h1{font-size:1.3rem}table{font-size:.8rem}th,td{padding:5px 6px}th .dot{display:none}\
            td.text{min-width:7em}}
            """;

    private ReportPage() {
    }

    /** @return the page in UTF-8 */
    static byte[] utf8(Content content) {
        StringBuilder html = new StringBuilder(16384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src 'self'\">")
                .append("<meta name=\"referrer\" content=\"no-referrer\">")
                .append("<title>Campaign report – ").append(Html.time(content.builtAt())).append("</title><style>")
                .append(STYLE).append(seriesColours()).append("</style></head><body><main>");
        header(html, content);
        html.append("<section id=\"growth\"><h2>Grew most since the previous fetch</h2>")
                .append(ReportTables.growth(content.growers(), content.withTwoSnapshots())).append("</section>");
        html.append("<section id=\"tags\"><h2>Totals per tag</h2>").append(ReportTables.tags(content.tags())).append("</section>");
        html.append("<section id=\"notes\"><h2>Notes</h2>");
        if (content.notes().newestFirst().isEmpty()) {
            html.append("<p class=\"empty\">No note fetched yet.</p>");
        } else {
            html.append("<p class=\"hint\">Newest fetched first. Each chart shows the note's counts at every fetch.</p>")
                    .append("<div class=\"notes\">");
        }
        byte[] head = html.toString().getBytes(StandardCharsets.UTF_8);
        html.setLength(0);
        if (!content.notes().newestFirst().isEmpty()) {
            html.append("</div>");
        }
        html.append("</section><section id=\"failed\"><h2>Failed and not found</h2>")
                .append(ReportTables.failures(content.failures())).append("</section></main></body></html>\n");
        byte[] tail = html.toString().getBytes(StandardCharsets.UTF_8);
        byte[] page = new byte[head.length + content.noteSections().size() + tail.length];
        System.arraycopy(head, 0, page, 0, head.length);
        content.noteSections().copyTo(page, head.length);
        System.arraycopy(tail, 0, page, page.length - tail.length, tail.length);
        return page;
    }

    private static void header(StringBuilder html, Content content) {
        RecordsFile.Notes notes = content.notes();
        FailedFiles.Failures failures = content.failures();
        int shown = notes.newestFirst().size();
        String total = content.totalExact() ? Html.count(content.totalNotes()) : "more than " + Html.count(shown);
        html.append("<header><h1>Campaign report</h1><p class=\"summary\"><b>").append(total).append("</b> fetched");
        if (failures.allRead()) {
            int notFound = failures.count("NOT_FOUND");
            html.append(" · <b>").append(Html.count(notFound)).append("</b> not found · <b>")
                    .append(Html.count(failures.total() - notFound)).append("</b> failed");
        } else {
            html.append(" · <b>").append(Html.count(failures.total())).append("</b> failed or not found");
        }
        html.append("</p><p class=\"meta\">Built ").append(Html.time(content.builtAt()));
        if (notes.firstFetched() != null) {
            html.append(" · data fetched ").append(Html.time(notes.firstFetched())).append(" to ").append(Html.time(notes.lastFetched()));
        }
        html.append("</p>");
        if (shown == 0 && failures.total() == 0) {
            html.append("<p class=\"notice\">Nothing yet: no note has been fetched and none has failed.</p>");
        }
        if (notes.moreThanShown() || content.totalNotes() > shown) {
            html.append("<p class=\"notice\">Showing the ").append(Html.count(shown)).append(" most recently fetched of ")
                    .append(total).append(" notes; growth, tag totals and charts cover those.</p>");
        }
        html.append("<nav><a href=\"#growth\">Growth</a><a href=\"#tags\">Tags</a><a href=\"#notes\">Notes</a>")
                .append("<a href=\"#failed\">Failed</a></nav></header>");
    }

    private static String seriesColours() {
        StringBuilder css = new StringBuilder();
        for (Series series : Series.values()) {
            css.append(".s-").append(series.label).append("{background:").append(series.colour).append("}\n");
        }
        return css.toString();
    }
}
