package xhsnoterouter.simulator;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * The simulator's signed media URLs, {@code <base>/media/<noteId>/<name>?sign=<hex>&t=<epoch seconds>}, shaped like the
 * vendor's CDN links, which carry {@code sign} and {@code t} and stop working after a while. {@code sign} is derived
 * from the path and {@code t}; a link is refused (403) once {@code t} is more than {@link #MAX_AGE_SECONDS} old,
 * so every API answer carries links signed at the moment it is decided.
 */
final class MediaUrls {

    static final String PREFIX = "/media/";
    static final long MAX_AGE_SECONDS = 3600;
    static final Pattern NOTE_ID = Pattern.compile("[0-9a-f]{24}");
    private static final long SIGN_SALT = 0x7369676E_00000001L;

    private final String base;
    private final long t;

    /** @param base the simulator's own base URL; @param t the signing time, Unix seconds */
    MediaUrls(URI base, long t) {
        this.base = base.toString();
        this.t = t;
    }

    static String path(String noteId, String name) {
        return PREFIX + noteId + "/" + name;
    }

    String url(String noteId, String name) {
        String path = path(noteId, name);
        return base + path + "?sign=" + sign(path, t) + "&t=" + t;
    }

    /** 32 hex digits, like the vendor's. */
    static String sign(String path, long t) {
        long h = Draws.of(path + "|" + t);
        return String.format("%016x%016x", Draws.mix64(h ^ SIGN_SALT), h);
    }
}
