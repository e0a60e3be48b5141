package xhsnoterouter.media;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where media may be downloaded from ({@code media.allowed-hosts}). The URLs come from a third party's answers, so a
 * download goes only to a listed host, over http(s): {@code *.xhscdn.com} is any name under xhscdn.com, anything
 * else a host as written, with {@code :port} when one is given. An address (a private, loopback or metadata one such
 * as 169.254.169.254) is allowed only when it is listed as it is: the simulator's own address is added that way.
 * The same check is made for every redirect.
 */
public final class MediaHosts {

    public static final String DEFAULT = "*.xhscdn.com,*.rednotecdn.com,*.xiaohongshu.com";

    private final List<String> entries;

    private MediaHosts(List<String> entries) {
        this.entries = List.copyOf(entries);
    }

    /** A comma list as {@code media.allowed-hosts} holds it; a malformed entry is an IllegalArgumentException naming it. */
    public static MediaHosts parse(String list) {
        List<String> entries = new ArrayList<>();
        for (String raw : list.split(",")) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            String name = entry.startsWith("*.") ? entry.substring(2) : entry;
            if (!name.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\\d{1,5})?") || name.contains("..") || name.contains("*")) {
                throw new IllegalArgumentException("'" + raw.trim() + "' is not a host name, *.domain or host:port");
            }
            entries.add(entry);
        }
        return new MediaHosts(entries);
    }

    /** These hosts and {@code host:port} besides (the simulator's address). */
    public MediaHosts with(String hostAndPort) {
        List<String> more = new ArrayList<>(entries);
        more.add(hostAndPort.toLowerCase(Locale.ROOT));
        return new MediaHosts(more);
    }

    /** Why {@code url} may not be downloaded (for the manifest's reason), or empty when it may. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (Exception e) {
            return Optional.of("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("scheme '" + (scheme.isEmpty() ? "none" : scheme) + "' is not http(s)");
        }
        String host = uri.getHost();
        if (host == null || uri.getRawUserInfo() != null) {
            return Optional.of("no plain host in the URL");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        String hostAndPort = uri.getPort() < 0 ? host : host + ":" + uri.getPort();
        for (String entry : entries) {
            if (entry.startsWith("*.") ? !isAddress(host) && host.endsWith(entry.substring(1))
                    : entry.equals(hostAndPort) || entry.equals(host) && !isAddress(host)) {
                return Optional.empty();
            }
        }
        return Optional.of("host " + hostAndPort + " is not in media.allowed-hosts");
    }

    /** An IPv4 or IPv6 literal: only ever allowed as listed, port included. */
    private static boolean isAddress(String host) {
        return host.startsWith("[") || host.contains(":") || host.matches("[0-9.]+");
    }

    @Override
    public String toString() {
        return String.join(",", entries);
    }
}
