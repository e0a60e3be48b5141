package xhsnoterouter.report;

/** The four engagement counts, in the order and colours every table, legend and chart of the page uses. */
enum Series {
    LIKES("likes", "#e11d48"),
    COLLECTS("collects", "#d97706"),
    COMMENTS("comments", "#2563eb"),
    SHARES("shares", "#059669");

    final String label;
    final String colour;

    Series(String label, String colour) {
        this.label = label;
        this.colour = colour;
    }
}
