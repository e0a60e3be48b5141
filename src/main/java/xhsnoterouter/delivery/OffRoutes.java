package xhsnoterouter.delivery;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Navigate;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.processor.SendProcessor;

/**
 * Finds the {@code xnr-events:} routes that can do nothing with an event: every step of the route sends to a
 * delivery sink that is off. Such a route takes no events, so none is built for it. Any other step (a log, a
 * transformation, another endpoint) counts as work, and the route takes its events as usual.
 */
final class OffRoutes {

    private static final int MAX_DEPTH = 32;

    private OffRoutes() {
    }

    static boolean feedsOnlyOffSinks(Route route) {
        if (route == null) {
            return false;
        }
        List<Processor> steps = new ArrayList<>();
        collectSteps(route.navigate(), steps, 0);
        return !steps.isEmpty() && steps.stream().allMatch(OffRoutes::sendsToOffSink);
    }

    private static boolean sendsToOffSink(Processor step) {
        return step instanceof SendProcessor send && send.getDestination() instanceof SinkEndpoint sink && sink.isOff();
    }

    /** The route's steps, through Camel's wrappers (pipelines, channels); a step that is not a send stays as it is. */
    @SuppressWarnings("unchecked")
    private static void collectSteps(Navigate<Processor> node, List<Processor> steps, int depth) {
        if (node == null || !node.hasNext()) {
            return;
        }
        for (Processor p : node.next()) {
            if (!(p instanceof SendProcessor) && p instanceof Navigate<?> inner && inner.hasNext() && depth < MAX_DEPTH) {
                collectSteps((Navigate<Processor>) inner, steps, depth + 1);
            } else {
                steps.add(p);
            }
        }
    }
}
