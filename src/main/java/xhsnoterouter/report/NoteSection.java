package xhsnoterouter.report;

import java.util.List;

/**
 * One note's card: its first saved image when there is one, title linked to the note, author, tags, latest counts and
 * the chart of its snapshots.
 */
final class NoteSection {

    private NoteSection() {
    }

    /** @param thumbnail the {@link Thumbnail} {@code <img>}, or "" */
    static String html(LatestNote note, SnapshotFile.History history, String thumbnail) {
        String id = note.id().value();
        List<Fetch> points = history.points().isEmpty() ? List.of(note.asFetch()) : history.points();
        long fetches = Math.max(1, history.fetches());
        StringBuilder html = new StringBuilder(4096);
        html.append("<section class=\"note\" id=\"note-").append(id).append("\" data-note-id=\"").append(id).append("\">")
                .append(thumbnail).append("<h3><a href=\"").append(Html.escape(note.id().url())).append("\" rel=\"noopener noreferrer\">")
                .append(Html.escape(displayTitle(note))).append("</a></h3>");
        html.append("<p class=\"meta\">");
        if (note.author() != null && !note.author().isBlank()) {
            html.append("by ").append(Html.escape(note.author())).append(" · ");
        }
        html.append("fetched ").append(Html.time(note.fetchedAt())).append(" · ").append(Html.count(fetches))
                .append(fetches == 1 ? " fetch" : " fetches");
        if (points.size() < fetches) {
            html.append(" (").append(Html.count(points.size())).append(" drawn)");
        }
        html.append("</p>");
        if (!note.tags().isEmpty()) {
            html.append("<p class=\"tags\">");
            note.tags().forEach(tag -> html.append("<span class=\"tag\">#").append(Html.escape(tag)).append("</span>"));
            html.append("</p>");
        }
        html.append("<dl class=\"counts\">");
        for (Series series : Series.values()) {
            html.append("<div><dt><span class=\"dot s-").append(series.label).append("\"></span>").append(series.label)
                    .append("</dt><dd>").append(Html.count(note.counts().get(series))).append("</dd></div>");
        }
        html.append("</dl>");
        html.append(EngagementChart.svg("chart-" + id, chartTitle(note, points, fetches), points));
        return html.append("</section>").toString();
    }

    static String displayTitle(LatestNote note) {
        return note.title() == null || note.title().isBlank() ? "Untitled note " + note.id().value() : note.title();
    }

    private static String chartTitle(LatestNote note, List<Fetch> points, long fetches) {
        Fetch first = points.get(0);
        Fetch last = points.get(points.size() - 1);
        String when = fetches == 1
                ? "at its one fetch, " + Html.time(last.at())
                : "over " + Html.count(fetches) + " fetches, " + Html.time(first.at()) + " to " + Html.time(last.at());
        StringBuilder title = new StringBuilder("Likes, collects, comments and shares of “").append(displayTitle(note))
                .append("” ").append(when).append(". Latest:");
        for (Series series : Series.values()) {
            title.append(' ').append(series.label).append(' ').append(Html.count(last.counts().get(series)))
                    .append(series == Series.SHARES ? "." : ",");
        }
        return title.toString();
    }
}
