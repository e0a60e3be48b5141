package xhsnoterouter.media;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import xhsnoterouter.api.Answers;
import xhsnoterouter.api.NoteFlow;
import xhsnoterouter.archive.ArchiveRoutes;
import xhsnoterouter.archive.NoteRecord;
import xhsnoterouter.config.MediaSettings;
import xhsnoterouter.ingest.Batch;
import xhsnoterouter.ingest.NoteId;
import xhsnoterouter.ingest.NoteTask;
import xhsnoterouter.ingest.Source;

/**
 * The bean routes/media.yaml calls: {@link #plan} writes a fetched note's manifest and hands out its downloads;
 * {@link #request} and {@link #answer} make one download (the allow-list before every request and redirect, the body
 * checked and saved by {@link MediaSaver}); every item ends in the manifest and in its batch's media counts, and the
 * batch's report waits for it. {@link #recover}, before the start: what the manifests still call pending.
 */
public final class MediaJobs {

    /** The exchange property that carries the download through media.yaml (the body is the answer's stream). */
    public static final String DOWNLOAD = "XnrMedia";
    /** Whether another request is due: a redirect to follow (routes/media.yaml loops on it). */
    public static final String NEXT = "XnrMediaNext";
    private static final String HOPS = "XnrMediaHops";
    private static final String STARTED = "XnrMediaStarted";
    private static final int MAX_REDIRECTS = 5;
    private static final String URL_INDEX = "XnrMediaUrl";
    /** An expired URL: fetch the note again (routes/media.yaml's media-refresh reads it). */
    public static final String REFRESH = "XnrMediaRefresh";
    private static final String REFRESHED = "XnrMediaRefreshed";
    /** What media-refresh does next: {@code call} the API, {@code video} (the V6 call again), {@code ready}, {@code done}. */
    public static final String REFRESH_STEP = "XnrMediaRefreshStep";
    private static final Duration REFRESH_WAIT = Duration.ofMinutes(10);
    private static final String REFRESH_FUTURE = "XnrMediaRefreshAnswer";
    /** Whether the item's URL is known (routes/media.yaml: a video's comes from the V6 call first). */
    public static final String URL_KNOWN = "XnrMediaUrlKnown";
    private static final String VIDEO = "video";
    private static final String FORBIDDEN =
            "VIDEO_DOWNLOAD_FORBIDDEN: the author does not allow downloads (function_switch video_download)";
    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.media");

    /** One file to download, and the note it belongs to. */
    public record Download(MediaNote note, MediaItem item) {
        /** A video before its V6 call ({@code ${body.urlUnknown}} in routes/media.yaml). */
        public boolean isUrlUnknown() {
            return item.url() == null;
        }

        @Override
        public String toString() {
            return note.noteId() + "/" + item.name();
        }
    }

    /** A download worth trying again (5xx, 429, a timeout, a body cut short): routes/media.yaml redelivers it. */
    public static final class Retry extends RuntimeException {
        public Retry(String reason) {
            super(reason, null, false, false);
        }
    }

    private final Path mediaDir;
    private final Set<MediaKind> kinds;
    private final MediaHosts hosts;
    private final MediaSaver saver;
    private final Object lock = new Object();
    private int open;
    private boolean stopped;
    /** What {@link #recover} found, until routes/media.yaml's media-recover takes it. */
    private final List<Download> recovered = new ArrayList<>();
    /** Batches with media still open: a stop tells them to wait no longer. */
    private final Set<Batch> waiting = Collections.newSetFromMap(new IdentityHashMap<>());

    public MediaJobs(Path outboxDir, MediaSettings settings) {
        this.mediaDir = outboxDir.resolve("media");
        this.kinds = settings.kinds();
        this.hosts = settings.allowedHosts();
        this.saver = new MediaSaver(settings.maxBytes(), settings.timeoutSeconds() * 1000L);
    }

    /**
     * A note was archived: its manifest with every item pending (already saved files kept), the batch told how many
     * items to wait for, and the downloads to queue.
     */
    public List<Download> plan(@Body NoteTask task, @ExchangeProperty(ArchiveRoutes.WRITTEN) NoteRecord record) {
        Batch batch = task.batch();
        Optional<Planned> planned = journal(record, batch, task.source());
        if (planned.isEmpty()) {
            return List.of();
        }
        List<MediaItem> toFetch = planned.get().toFetch();
        synchronized (lock) {
            batch.mediaPlanned(toFetch.size(), planned.get().skipped());
            open += toFetch.size();
            if (!toFetch.isEmpty()) {
                waiting.add(batch);
            }
        }
        return toFetch.stream().map(item -> new Download(planned.get().note(), item)).toList();
    }

    /** A note's files: the manifest written with what is to fetch pending (files saved by an earlier fetch kept). */
    private record Planned(MediaNote note, List<MediaItem> toFetch, int skipped) {
    }

    private Optional<Planned> journal(NoteRecord record, Batch batch, Source source) {
        Path dir = mediaDir.resolve(record.noteId());
        Manifest earlier = readIfThere(dir);
        List<Manifest.Entry> entries = new ArrayList<>();
        List<MediaItem> toFetch = new ArrayList<>();
        int skipped = 0;
        List<MediaItem> items = new ArrayList<>(MediaPlan.items(record, kinds));
        if (MediaPlan.wantsVideo(record, kinds)) {
            // its URL comes from the V6 call (routes/media.yaml's media-video), made on the download threads
            items.add(new MediaItem(MediaKind.VIDEO, VIDEO, null));
        }
        for (MediaItem item : items) {
            Optional<Manifest.Entry> saved = savedBefore(earlier, dir, item.name());
            if (saved.isPresent()) {
                entries.add(saved.get()); // saved by an earlier fetch of the note: not downloaded twice
                skipped++;
            } else if (item.kind() == MediaKind.VIDEO && MediaPlan.videoForbidden(record)) {
                entries.add(Manifest.Entry.skipped(MediaKind.VIDEO, VIDEO, null, FORBIDDEN));
                skipped++;
            } else {
                entries.add(Manifest.Entry.pending(item));
                toFetch.add(item);
            }
        }
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        Manifest manifest = new Manifest(record.noteId(), entries);
        try {
            manifest.write(dir);
        } catch (IOException e) {
            // The note itself is archived; without a manifest its media cannot be journalled, so none is fetched.
            LOG.error("{}: cannot write {} ({}); its media are not downloaded", record.noteId(), dir.resolve(Manifest.FILE),
                    e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new Planned(new MediaNote(dir, manifest, batch, source), toFetch, skipped));
    }

    /**
     * Before the first request of a download (and again when routes/media.yaml redelivers it): the URL through the
     * allow-list, then the request headers. A URL not allowed settles the item at once, with no request.
     */
    public void request(Exchange exchange) {
        Download download = download(exchange);
        exchange.getMessage().setBody(null);
        clearHeaders(exchange);
        exchange.setProperty(HOPS, 0);
        go(exchange, download, urls(download).get(exchange.getProperty(URL_INDEX, 0, Integer.class)));
    }

    /** The URLs of the item's file, in the order to try them (a video's backup_urls after its master_url). */
    private static List<String> urls(Download download) {
        List<String> urls = new ArrayList<>();
        urls.add(download.item().url());
        urls.addAll(download.item().backupUrls());
        return urls;
    }

    /**
     * A video, before the V6 call: header XnrNoteId and the call's task (for the account gate and the batch's
     * apiCalls), unless a previous attempt already has its URL (a CDN failure is not a reason for another billed call).
     */
    public void videoCall(Exchange exchange) {
        Download download = download(exchange);
        exchange.getMessage().setBody(null);
        clearHeaders(exchange);
        boolean known = download.item().url() != null;
        exchange.setProperty(URL_KNOWN, known);
        if (!known) {
            exchange.getMessage().setHeader(NoteFlow.NOTE_ID, download.note().noteId());
            exchange.setProperty(NoteFlow.TASK, download.note().apiTask());
        }
    }

    /** Code 0: the stream to download (its URLs into the item and the manifest), or a skipped item saying why not. */
    public void videoStreams(Exchange exchange) {
        Download download = download(exchange);
        JsonNode answer = exchange.getMessage().getBody(JsonNode.class);
        JsonNode note = answer == null ? MissingNode.getInstance()
                : VideoStreams.note(answer);
        Manifest.Entry entry = download.note().entry(VIDEO);
        if (VideoStreams.downloadForbidden(note)) {
            settle(download, Manifest.Entry.skipped(MediaKind.VIDEO, VIDEO, null, FORBIDDEN));
            return;
        }
        Optional<VideoStreams.Video> video = VideoStreams.choose(note);
        if (video.isEmpty()) {
            settle(download, Manifest.Entry.skipped(MediaKind.VIDEO, VIDEO, null,
                    "NO_VIDEO_STREAM: the V6 answer has no stream to download"));
            return;
        }
        List<String> urls = video.get().urls();
        MediaItem item = new MediaItem(MediaKind.VIDEO, VIDEO, urls.get(0), urls.subList(1, urls.size()));
        download.note().record(new Manifest.Entry(entry.kind(), VIDEO, item.url(), item.backupUrls(),
                Manifest.Status.PENDING, null, null, null, null, null));
        exchange.setProperty(DOWNLOAD, new Download(download.note(), item));
        exchange.setProperty(URL_KNOWN, true);
    }

    /**
     * Before fetching the note again: a video asks V6 again; the first of the note's items to need fresh URLs makes
     * the V1 call (header XnrNoteId, property XnrTask); the others take what it brought.
     */
    public void refreshCall(Exchange exchange) throws InterruptedException {
        Download download = download(exchange);
        exchange.setProperty(REFRESH, false);
        exchange.setProperty(REFRESHED, true);
        exchange.setProperty(URL_INDEX, 0);
        clearHeaders(exchange);
        if (download.item().kind() == MediaKind.VIDEO) {
            exchange.setProperty(DOWNLOAD, new Download(download.note(), new MediaItem(MediaKind.VIDEO, VIDEO, null)));
            exchange.getMessage().setHeader(REFRESH_STEP, "video");
            return;
        }
        boolean[] first = new boolean[1];
        CompletableFuture<NoteRecord> fresh = download.note().refresh(first);
        if (first[0]) {
            exchange.getMessage().setHeader(REFRESH_STEP, "call");
            exchange.getMessage().setHeader(NoteFlow.NOTE_ID, download.note().noteId());
            exchange.setProperty(NoteFlow.TASK, download.note().apiTask());
            exchange.setProperty(REFRESH_FUTURE, fresh);
            return;
        }
        NoteRecord record;
        try {
            record = fresh.get(REFRESH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            record = null;
        }
        takeFresh(exchange, download, record);
    }

    /** Code 0 with the note: its fresh URLs, for this item and for the note's others waiting on them. */
    public void refreshed(Exchange exchange) {
        Download download = download(exchange);
        NoteRecord record = NoteId.of(download.note().noteId())
                .map(id -> NoteRecord.from(exchange.getMessage().getBody(JsonNode.class), id, java.time.Instant.now(), null))
                .orElse(null);
        complete(exchange, record);
        takeFresh(exchange, download, record);
    }

    /** The note could not be fetched again: this item, and those waiting on the same answer, fail as expired. */
    public void refreshFailed(Exchange exchange) {
        complete(exchange, null);
        fail(download(exchange), "EXPIRED: the URL has expired, and fetching the note again for a fresh one failed ("
                + what(exchange) + ")");
        exchange.getMessage().setHeader(REFRESH_STEP, "done");
    }

    private static void complete(Exchange exchange, NoteRecord record) {
        @SuppressWarnings("unchecked")
        CompletableFuture<NoteRecord> fresh = exchange.getProperty(REFRESH_FUTURE,
                CompletableFuture.class);
        if (fresh != null) {
            fresh.complete(record);
        }
    }

    private void takeFresh(Exchange exchange, Download download, NoteRecord record) {
        Optional<MediaItem> item = record == null ? Optional.empty() : MediaPlan.items(record, Set.of(download.item().kind()))
                .stream().filter(i -> i.name().equals(download.item().name())).findFirst();
        if (item.isEmpty()) {
            fail(download, "EXPIRED: the URL has expired, and " + (record == null
                    ? "fetching the note again for a fresh one failed" : "the note fetched again no longer has this file"));
            exchange.getMessage().setHeader(REFRESH_STEP, "done");
            return;
        }
        download.note().record(new Manifest.Entry(Manifest.kindName(item.get().kind()), item.get().name(), item.get().url(),
                List.of(), Manifest.Status.PENDING, null, null, null, null, null));
        exchange.setProperty(DOWNLOAD, new Download(download.note(), item.get()));
        exchange.getMessage().setHeader(REFRESH_STEP, "ready");
    }

    /** The V6 call is worth another attempt (the outcome table's retry row): routes/media.yaml redelivers it. */
    public void videoRetry(Exchange exchange) {
        throw new Retry("V6 " + what(exchange));
    }

    /** The V6 call failed for good: the video is a failed item; the note's other files are not touched. */
    public void videoFailed(Exchange exchange) {
        fail(download(exchange), "V6_FAILED: " + what(exchange));
    }

    /**
     * No V6 call was made (the account is stopped, or the app is stopping): the video stays pending in the manifest,
     * for the next start.
     */
    public void videoPending(Exchange exchange) {
        Download download = download(exchange);
        LOG.info("{}: no V6 call while the API account is stopped; the video stays pending for the next start", download);
        settle(download, download.note().entry(VIDEO));
    }

    private static String what(Exchange exchange) {
        Object code = exchange.getMessage().getHeader(Answers.CODE);
        String message = exchange.getMessage().getHeader(Answers.MESSAGE, String.class);
        return (code == null ? "no answer" : "code " + code) + (message == null ? "" : ": " + message);
    }

    private void go(Exchange exchange, Download download, String url) {
        Optional<String> refusal = hosts.refusal(url);
        if (refusal.isPresent() && download.note().batch() == null && !exchange.getProperty(REFRESHED, false, Boolean.class)) {
            // A file an earlier run left pending: its URL may point where this run does not allow (the simulator's
            // port of that run, an edited allow-list). The note's fresh answer decides, once.
            exchange.setProperty(REFRESH, true);
            exchange.setProperty(NEXT, false);
            return;
        }
        if (refusal.isPresent()) {
            settle(download, download.note().entry(download.item().name()).failed("HOST_NOT_ALLOWED: " + refusal.get()));
            exchange.setProperty(NEXT, false);
            return;
        }
        exchange.getMessage().setHeader(Exchange.HTTP_URI, url);
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
        exchange.setProperty(STARTED, System.nanoTime());
        exchange.setProperty(NEXT, true);
    }

    /** The answer to one request: saved, a redirect to follow, a failure, or a {@link Retry}. */
    public void answer(Exchange exchange) throws IOException {
        Download download = download(exchange);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        InputStream body = exchange.getMessage().getBody(InputStream.class);
        InputStream in = body == null ? InputStream.nullInputStream() : body;
        try {
            exchange.setProperty(NEXT, false);
            int code = status == null ? 0 : status;
            if (code >= 200 && code < 300) {
                save(exchange, download, in);
            } else if (code >= 300 && code < 400) {
                redirect(exchange, download, code);
            } else if (code >= 500 || code == 429 || code == 408) {
                throw new Retry("HTTP_" + code + ": the media server answered " + code);
            } else if (nextUrl(exchange, download)) {
                LOG.debug("{}: HTTP {}, trying its next URL", download, code);
            } else if ((code == 403 || code == 404 || code == 410) && !exchange.getProperty(REFRESHED, false, Boolean.class)) {
                // an expired signature: the note is fetched again for fresh URLs (media-refresh), once
                exchange.setProperty(REFRESH, true);
            } else {
                fail(download, code == 403 || code == 404 || code == 410
                        ? "EXPIRED: HTTP " + code + " (the signed URL has expired or the file is gone"
                        + (exchange.getProperty(REFRESHED, false, Boolean.class) ? ", also at the note's fresh URL)" : ")")
                        : "HTTP_" + code + ": the media server answered " + code);
            }
        } finally {
            closeQuietly(in);
            // a closed stream must not stay the body: a redelivery would try to cache it
            exchange.getMessage().setBody(null);
        }
    }

    /** A broken answer may fail to close too; what it meant is already decided. */
    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the connection is dropped either way
        }
    }

    /**
     * The last answer's headers must not ride on the next request (camel-http sends message headers), nor the last
     * URL on the next call (CamelHttpUri overrides any endpoint's). Camel's redelivery counters stay.
     */
    private static void clearHeaders(Exchange exchange) {
        exchange.getMessage().getHeaders().keySet().removeIf(name -> !name.startsWith("CamelRedeliver"));
    }

    /** Another URL of the same file to try (a video's backup_urls), if one is left. */
    private boolean nextUrl(Exchange exchange, Download download) {
        int next = exchange.getProperty(URL_INDEX, 0, Integer.class) + 1;
        List<String> urls = urls(download);
        if (next >= urls.size()) {
            return false;
        }
        exchange.setProperty(URL_INDEX, next);
        clearHeaders(exchange);
        exchange.setProperty(HOPS, 0);
        go(exchange, download, urls.get(next));
        return true;
    }

    private void save(Exchange exchange, Download download, InputStream body) throws IOException {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        Long length = exchange.getMessage().getHeader("Content-Length", Long.class);
        try {
            Manifest.SavedFile saved = saver.save(download.note().dir(), download.item(), contentType,
                    length == null ? -1 : length, body, exchange.getProperty(STARTED, System.nanoTime(), Long.class));
            String from = urls(download).get(exchange.getProperty(URL_INDEX, 0, Integer.class));
            settle(download, download.note().entry(download.item().name()).downloaded(saved, from));
        } catch (MediaSaver.Refused refused) {
            if (refused.retryable()) {
                throw new Retry(refused.getMessage());
            }
            fail(download, refused.getMessage());
        }
    }

    private void redirect(Exchange exchange, Download download, int code) {
        String location = exchange.getMessage().getHeader("Location", String.class);
        int hops = exchange.getProperty(HOPS, 0, Integer.class) + 1;
        if (location == null || hops > MAX_REDIRECTS) {
            fail(download, "REDIRECT: " + (location == null ? "HTTP " + code + " without a Location"
                    : "more than " + MAX_REDIRECTS + " redirects"));
            return;
        }
        String from = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        String next;
        try {
            next = from == null ? location : URI.create(from).resolve(location).toString();
        } catch (IllegalArgumentException e) {
            fail(download, "REDIRECT: the Location is not a URL");
            return;
        }
        clearHeaders(exchange);
        exchange.setProperty(HOPS, hops);
        go(exchange, download, next);
    }

    /** Every attempt failed (routes/media.yaml's redelivery gave up): a failed item, its last problem the reason. */
    public void exhausted(Exchange exchange) {
        complete(exchange, null);
        Download download = download(exchange);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String last = cause == null ? "?" : cause instanceof Retry ? cause.getMessage()
                : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        fail(download, "RETRIES_EXHAUSTED: " + last);
    }

    private void fail(Download download, String reason) {
        LOG.warn("{}: not saved - {}", download, reason);
        settle(download, download.note().entry(download.item().name()).failed(reason));
    }

    private void settle(Download download, Manifest.Entry entry) {
        download.note().record(entry);
        synchronized (lock) {
            if (stopped) {
                return; // its batch has counted it pending; the manifest now says what happened
            }
            open--;
            lock.notifyAll();
            Batch batch = download.note().batch();
            if (batch != null && batch.mediaSettled(entry.status(), entry.bytes() == null ? 0 : entry.bytes())) {
                waiting.remove(batch);
            }
        }
    }

    /**
     * A restart: part files of downloads cut off are deleted, and every item a manifest still calls pending is
     * downloaded, unless its file is already there (saved just before the manifest could say so).
     */
    public void recover(List<NoteRecord> archivedJustBefore) throws IOException {
        List<Download> again = new ArrayList<>();
        // Notes archived just before a kill may not have got their manifest yet: planned now (no report waits).
        for (NoteRecord record : archivedJustBefore) {
            if (!Files.isRegularFile(mediaDir.resolve(record.noteId()).resolve(Manifest.FILE))) {
                journal(record, null, record.source());
            }
        }
        if (!Files.isDirectory(mediaDir)) {
            return;
        }
        try (DirectoryStream<Path> notes = Files.newDirectoryStream(mediaDir, Files::isDirectory)) {
            for (Path dir : notes) {
                deleteParts(dir);
                Manifest manifest = readIfThere(dir);
                if (manifest == null) {
                    continue;
                }
                MediaNote note = new MediaNote(dir, manifest, null, null);
                for (Manifest.Entry entry : manifest.items()) {
                    if (entry.status() != Manifest.Status.PENDING) {
                        continue;
                    }
                    Optional<Manifest.SavedFile> saved = finishedFile(dir, entry.name());
                    if (saved.isPresent()) {
                        note.record(entry.downloaded(saved.get())); // moved into place just before the kill
                    } else {
                        again.add(new Download(note, entry.item()));
                    }
                }
            }
        }
        if (!again.isEmpty()) {
            LOG.info("Media: {} file(s) the last run did not finish are downloaded now", again.size());
            synchronized (lock) {
                open += again.size();
                recovered.addAll(again);
            }
        }
    }

    /** What {@link #recover} found, once (routes/media.yaml's media-recover queues it at start). */
    public List<Download> recovered() {
        synchronized (lock) {
            List<Download> found = List.copyOf(recovered);
            recovered.clear();
            return found;
        }
    }

    /** Waits until no download is open (for --once); false when the wait was cut short. */
    public boolean awaitIdle(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (lock) {
            while (open > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    /**
     * Stopping: downloads not yet settled stay pending in their manifests for the next start, and their batches stop
     * waiting for them.
     */
    public void stop() {
        synchronized (lock) {
            stopped = true;
            waiting.forEach(Batch::mediaLeftPending);
            waiting.clear();
            lock.notifyAll();
        }
    }

    private static Download download(Exchange exchange) {
        Download download = exchange.getProperty(DOWNLOAD, Download.class);
        if (download == null) {
            download = exchange.getMessage().getBody(Download.class);
            exchange.setProperty(DOWNLOAD, download);
        }
        return download;
    }

    private static Optional<Manifest.Entry> savedBefore(Manifest earlier, Path dir, String name) {
        if (earlier == null) {
            return Optional.empty();
        }
        return earlier.items().stream()
                .filter(e -> e.name().equals(name) && e.status() == Manifest.Status.DOWNLOADED && e.file() != null
                        && Files.isRegularFile(dir.resolve(e.file())))
                .findFirst();
    }

    private static Manifest readIfThere(Path dir) {
        Path file = dir.resolve(Manifest.FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Manifest.read(file);
        } catch (IOException e) {
            LOG.warn("{} cannot be read ({}); its note's media are fetched again", file, e.getMessage());
            return null;
        }
    }

    /** A file with the item's name and a media extension: saved whole (only a whole body is moved to its name). */
    private static Optional<Manifest.SavedFile> finishedFile(Path dir, String name) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            Optional<Path> found = files.filter(f -> {
                String file = f.getFileName().toString();
                return file.startsWith(name + ".") && !file.endsWith(MediaSaver.PART) && !file.equals(Manifest.FILE)
                        && file.indexOf('.', name.length() + 1) < 0;
            }).findFirst();
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Path file = found.get();
            String ext = file.getFileName().toString().substring(name.length() + 1);
            return Optional.of(new Manifest.SavedFile(file.getFileName().toString(), Files.size(file),
                    MediaSaver.sha256(file), MediaBody.contentType(ext).orElse(null)));
        }
    }

    private static void deleteParts(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path part : files.filter(f -> f.getFileName().toString().endsWith(MediaSaver.PART)).toList()) {
                Files.deleteIfExists(part);
            }
        }
    }
}
