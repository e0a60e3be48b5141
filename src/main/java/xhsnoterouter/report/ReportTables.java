package xhsnoterouter.report;

import java.util.List;

import xhsnoterouter.archive.FailureRecord;

/** The three tables of the page: growth since the previous fetch, totals per tag, failures. */
final class ReportTables {

    private static final int TITLE_LIMIT = 60;
    private static final int INPUT_LIMIT = 120;
    private static final int MESSAGE_LIMIT = 240;

    private ReportTables() {
    }

    static String growth(List<Growth> top, int withTwoSnapshots) {
        if (top.isEmpty()) {
            return "<p class=\"empty\">No note has two snapshots yet: growth shows once a note has been fetched a second time.</p>";
        }
        StringBuilder html = new StringBuilder("<p class=\"hint\">Top ").append(top.size()).append(" of ")
                .append(Html.count(withTwoSnapshots)).append(withTwoSnapshots == 1 ? " note" : " notes")
                .append(" with two or more snapshots, by likes gained between the last two, then by all engagement gained.</p>");
        html.append("<div class=\"scroll\"><table><thead><tr><th>Note</th>");
        seriesHeaders(html);
        html.append("</tr></thead><tbody>");
        for (Growth growth : top) {
            LatestNote note = growth.note();
            html.append("<tr><td class=\"text\"><a href=\"#note-").append(note.id().value()).append("\">")
                    .append(Html.escape(Html.shorten(NoteSection.displayTitle(note), TITLE_LIMIT))).append("</a><br><span class=\"meta\">in ")
                    .append(Html.span(growth.span())).append("</span></td>");
            Counts delta = growth.delta();
            for (Series series : Series.values()) {
                html.append("<td class=\"n\">").append(Html.delta(delta.get(series))).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table></div>").toString();
    }

    static String tags(TagTotals.Result tags) {
        if (tags.top().isEmpty()) {
            return "<p class=\"empty\">No tags yet.</p>";
        }
        StringBuilder html = new StringBuilder("<p class=\"hint\">")
                .append(tags.top().size() < tags.tagCount() ? "Top " + tags.top().size() + " of " + Html.count(tags.tagCount()) + " tags"
                        : Html.count(tags.tagCount()) + (tags.tagCount() == 1 ? " tag" : " tags"))
                .append(", by likes: the sums of the latest counts of the notes carrying each.</p>");
        html.append("<div class=\"scroll\"><table><thead><tr><th>Tag</th><th class=\"n\">notes</th>");
        seriesHeaders(html);
        html.append("</tr></thead><tbody>");
        for (TagTotals.TagTotal total : tags.top()) {
            html.append("<tr><td class=\"text\">#").append(Html.escape(total.tag)).append("</td><td class=\"n\">")
                    .append(Html.count(total.notes)).append("</td>");
            for (Series series : Series.values()) {
                html.append("<td class=\"n\">").append(Html.count(total.get(series))).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table></div>").toString();
    }

    static String failures(FailedFiles.Failures failures) {
        if (failures.total() == 0) {
            return "<p class=\"empty\">None.</p>";
        }
        StringBuilder html = new StringBuilder("<p class=\"reasons\">");
        failures.byReason().forEach((reason, count) -> html.append("<span class=\"reason\">").append(Html.escape(reason))
                .append(" <b>").append(Html.count(count)).append("</b></span>"));
        html.append("</p>");
        if (!failures.allRead()) {
            html.append("<p class=\"notice\">").append(Html.count(failures.total()))
                    .append(" failure files; the counts by reason and the table cover the ")
                    .append(Html.count(failures.newest().size())).append(" newest.</p>");
        }
        html.append("<div class=\"scroll\"><table><thead><tr><th>Reason</th><th>Note ID or input</th><th class=\"n\">code</th>")
                .append("<th>Message</th><th class=\"n\">attempts</th><th>Last attempt</th></tr></thead><tbody>");
        for (FailureRecord failure : failures.newest()) {
            html.append("<tr><td>").append(Html.escape(failure.reason())).append("</td><td class=\"text\">");
            if (failure.noteId() != null) {
                html.append("<code>").append(Html.escape(failure.noteId())).append("</code>");
            } else {
                html.append(Html.escape(orDash(Html.shorten(failure.input(), INPUT_LIMIT))));
            }
            if (failure.source() != null) {
                html.append("<br><span class=\"meta\">").append(Html.escape(failure.source().file())).append(" line ")
                        .append(failure.source().line()).append("</span>");
            }
            html.append("</td><td class=\"n\">").append(code(failure)).append("</td><td class=\"text\">")
                    .append(Html.escape(orDash(Html.shorten(failure.message(), MESSAGE_LIMIT)))).append("</td><td class=\"n\">")
                    .append(Html.count(failure.attempts())).append("</td><td class=\"when\">")
                    .append(Html.escape(lastAttempt(failure))).append("</td></tr>");
        }
        return html.append("</tbody></table></div>").toString();
    }

    private static void seriesHeaders(StringBuilder html) {
        for (Series series : Series.values()) {
            html.append("<th class=\"n\"><span class=\"dot s-").append(series.label).append("\"></span>").append(series.label).append("</th>");
        }
    }

    private static String code(FailureRecord failure) {
        String code = failure.code() == null ? "–" : String.valueOf(failure.code());
        return failure.httpStatus() == null || failure.httpStatus() == 200 ? code : code + "<br><span class=\"meta\">HTTP "
                + failure.httpStatus() + "</span>";
    }

    private static String lastAttempt(FailureRecord failure) {
        var at = JsonFields.instant(failure.lastAttemptAt());
        return at != null ? Html.time(at) : failure.lastAttemptAt() == null ? "–" : failure.lastAttemptAt();
    }

    private static String orDash(String text) {
        return text == null ? "–" : text;
    }
}
