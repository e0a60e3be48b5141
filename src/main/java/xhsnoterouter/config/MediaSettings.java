package xhsnoterouter.config;

import java.util.Set;

import xhsnoterouter.media.MediaHosts;
import xhsnoterouter.media.MediaKind;

/**
 * Media archiving ({@code media.*}): which kinds to save (empty = none, the default: nothing changes), the hosts they
 * may come from, and the downloads' own pace, separate from the API's.
 *
 * @param maxBytes the largest file saved; a bigger one is a failed item (TOO_LARGE), never a truncated file
 */
public record MediaSettings(Set<MediaKind> kinds, MediaHosts allowedHosts, int concurrency, int timeoutSeconds,
                            long maxBytes) {

    public MediaSettings {
        kinds = Set.copyOf(kinds);
    }

    public boolean enabled() {
        return !kinds.isEmpty();
    }

    /** The same, with the simulator's {@code host:port} allowed too (its answers point at its own /media/ path). */
    public MediaSettings allowing(String hostAndPort) {
        return new MediaSettings(kinds, allowedHosts.with(hostAndPort), concurrency, timeoutSeconds, maxBytes);
    }
}
