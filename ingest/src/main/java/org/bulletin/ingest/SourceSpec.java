package org.bulletin.ingest;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One configured source, as read from a sources file ({@link SourcesFile}) or built by the CLI.
 *
 * @param id    source id written into every RawRelease ({@code sourceId})
 * @param type  files, page, feed or stdin
 * @param paths files and folders (files)
 * @param watch keep watching the folders for new and changed files (files)
 * @param url   list page (page) or feed URL (feed)
 * @param links pattern an article URL must contain a match of (page)
 * @param depth list pages to read, following "next page" links (page; 1 = only {@code url})
 * @param every poll interval (feed, and page re-crawls); null = once
 * @param force push even what the ledger says was already pushed unchanged
 */
public record SourceSpec(
        String id,
        Type type,
        List<Path> paths,
        boolean watch,
        URI url,
        Pattern links,
        int depth,
        Duration every,
        boolean force) {

    /** Kinds of source. */
    public enum Type {
        FILES,
        PAGE,
        FEED,
        STDIN
    }

    public SourceSpec {
        paths = paths == null ? List.of() : List.copyOf(paths);
    }

    public static SourceSpec files(String id, List<Path> paths, boolean watch, boolean force) {
        return new SourceSpec(id, Type.FILES, paths, watch, null, null, 0, null, force);
    }

    public static SourceSpec page(String id, URI url, Pattern links, int depth, Duration every) {
        return new SourceSpec(id, Type.PAGE, null, false, url, links, depth, every, false);
    }

    public static SourceSpec feed(String id, URI url, Duration every) {
        return new SourceSpec(id, Type.FEED, null, false, url, null, 0, every, false);
    }
}
