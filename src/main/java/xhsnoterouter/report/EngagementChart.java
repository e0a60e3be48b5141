package xhsnoterouter.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * An inline SVG line chart of a note's four counts over time. The viewBox is about as wide as a phone screen in
 * CSS pixels, so at {@code width:100%} its 10-unit text stays about 10 px on a phone and in a desktop grid cell.
 */
final class EngagementChart {

    private static final int WIDTH = 360;
    private static final int HEIGHT = 200;
    private static final int LEFT = 46;
    private static final int RIGHT = WIDTH - 14;
    private static final int TOP = 30;
    private static final int BOTTOM = HEIGHT - 24;
    private static final int Y_TICKS = 4;
    /** Up to this many points a dot marks each fetch; beyond, the lines alone read better. */
    private static final int DOTS_UP_TO = 24;

    private EngagementChart() {
    }

    /**
     * @param id      unique on the page, for the title's id
     * @param title   the accessible name, plain text (escaped here)
     * @param points  oldest first, at least one
     */
    static String svg(String id, String title, List<Fetch> points) {
        long max = 0;
        for (Fetch point : points) {
            for (Series series : Series.values()) {
                max = Math.max(max, Counts.orZero(point.counts().get(series)));
            }
        }
        long step = niceStep(max);
        long top = Math.max(step, (max + step - 1) / step * step);
        Instant first = points.get(0).at();
        Instant last = points.get(points.size() - 1).at();
        double span = Duration.between(first, last).toMillis();

        StringBuilder svg = new StringBuilder(2048 + points.size() * 64);
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("\">")
                .append("<title id=\"").append(id).append("\">").append(Html.escape(title)).append("</title>");
        legend(svg);
        for (long value = 0; value <= top; value += step) {
            double y = y(value, top);
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(RIGHT).append("\" y1=\"");
            num(svg, y).append("\" y2=\"");
            num(svg, y).append("\"/><text class=\"y\" x=\"").append(LEFT - 6).append("\" y=\"");
            num(svg, y + 3.5).append("\">").append(Html.compact(value)).append("</text>");
        }
        svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(RIGHT).append("\" y1=\"")
                .append(BOTTOM).append("\" y2=\"").append(BOTTOM).append("\"/>");
        timeLabels(svg, first, last, points.size());
        for (int s = Series.values().length - 1; s >= 0; s--) {
            series(svg, Series.values()[s], points, first, span, top);
        }
        return svg.append("</svg>").toString();
    }

    private static void legend(StringBuilder svg) {
        int x = LEFT;
        for (Series series : Series.values()) {
            svg.append("<line x1=\"").append(x).append("\" x2=\"").append(x + 14).append("\" y1=\"11\" y2=\"11\" stroke=\"")
                    .append(series.colour).append("\" stroke-width=\"3\"/><text class=\"legend\" x=\"").append(x + 18)
                    .append("\" y=\"14.5\">").append(series.label).append("</text>");
            x += 18 + series.label.length() * 6 + 16;
        }
    }

    /** The first and last fetch at the ends of the axis, and the middle time when there is room between. */
    private static void timeLabels(StringBuilder svg, Instant first, Instant last, int count) {
        if (first.equals(last)) {
            timeLabel(svg, (LEFT + RIGHT) / 2.0, "middle", Html.dayTime(first));
            return;
        }
        Function<Instant, String> format = Duration.between(first, last).toDays() >= 3 ? Html::day : Html::dayTime;
        timeLabel(svg, LEFT, "start", format.apply(first));
        if (count >= 3) {
            timeLabel(svg, (LEFT + RIGHT) / 2.0, "middle", format.apply(first.plus(Duration.between(first, last).dividedBy(2))));
        }
        timeLabel(svg, RIGHT, "end", format.apply(last));
    }

    private static void timeLabel(StringBuilder svg, double x, String anchor, String text) {
        svg.append("<line class=\"axis\" x1=\"");
        num(svg, x).append("\" x2=\"");
        num(svg, x).append("\" y1=\"").append(BOTTOM).append("\" y2=\"").append(BOTTOM + 4).append("\"/><text class=\"x\" x=\"");
        num(svg, x).append("\" y=\"").append(BOTTOM + 15).append("\" text-anchor=\"").append(anchor).append("\">")
                .append(text).append("</text>");
    }

    /** A line through the known values (a gap where a count is unknown), and a dot per fetch while there are few. */
    private static void series(StringBuilder svg, Series series, List<Fetch> points, Instant first, double span, long top) {
        StringBuilder path = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        boolean drawing = false;
        for (int i = 0; i < points.size(); i++) {
            Long value = points.get(i).counts().get(series);
            if (value == null) {
                drawing = false;
                continue;
            }
            double x = x(points.get(i).at(), first, span);
            double y = y(value, top);
            path.append(drawing ? " L" : (path.length() == 0 ? "M" : " M"));
            num(path, x).append(' ');
            num(path, y);
            drawing = true;
            boolean alone = (i == 0 || points.get(i - 1).counts().get(series) == null)
                    && (i == points.size() - 1 || points.get(i + 1).counts().get(series) == null);
            if (points.size() <= DOTS_UP_TO || alone) {
                dots.append("<circle cx=\"");
                num(dots, x).append("\" cy=\"");
                num(dots, y).append("\" r=\"3\"/>");
            }
        }
        if (path.length() == 0) {
            return;
        }
        svg.append("<g class=\"series\" stroke=\"").append(series.colour).append("\" fill=\"").append(series.colour)
                .append("\"><path d=\"").append(path).append("\"/>").append(dots).append("</g>");
    }

    private static double x(Instant at, Instant first, double span) {
        return span <= 0 ? (LEFT + RIGHT) / 2.0 : LEFT + Duration.between(first, at).toMillis() / span * (RIGHT - LEFT);
    }

    private static double y(long value, long top) {
        return BOTTOM - (double) value / top * (BOTTOM - TOP);
    }

    /** A step of 1, 2, 2.5 or 5 times a power of ten that splits 0..max into about four intervals. */
    static long niceStep(long max) {
        double raw = Math.max(1.0, max / (double) Y_TICKS);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double residual = raw / magnitude;
        double nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 2.5 && magnitude >= 10 ? 2.5 : residual <= 5 ? 5 : 10;
        return Math.max(1, Math.round(nice * magnitude));
    }

    /** Coordinates with one decimal, without String.format (thousands of them per page). */
    private static StringBuilder num(StringBuilder out, double value) {
        long tenths = Math.round(value * 10);
        out.append(tenths / 10);
        if (tenths % 10 != 0) {
            out.append('.').append(Math.abs(tenths % 10));
        }
        return out;
    }
}
