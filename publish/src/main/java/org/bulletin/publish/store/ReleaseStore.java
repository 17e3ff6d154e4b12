package org.bulletin.publish.store;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.PublishConfig.ReplayNotifications;

/**
 * The release store over JDBC (PostgreSQL, or H2 in PostgreSQL mode as the embedded default), migrated by Flyway
 * on open: the one entry point the sink, the relay, the API and the ops tools share. It wires and delegates to the
 * parts that do the work: {@link ReleaseWriter} (idempotent writes with {@link ConsumerOffsets}), {@link Outbox}
 * (notifications and the relay position), {@link ReleaseQueries} (reads), over one {@link StoreDatabase}. SQL
 * failures surface as {@link StoreUnavailableException} (retry), {@link RecordRejectedException} (DLQ) or
 * {@link StoreFailedException} (stop).
 * Thread-safe: every call borrows its own pooled connection.
 */
public final class ReleaseStore implements AutoCloseable {

    private final StoreDatabase db;
    private final Outbox outbox;
    private final ConsumerOffsets offsets;
    private final ReleaseWriter writer;
    private final ReleaseQueries queries;
    private final StoryQueries stories;

    private ReleaseStore(StoreDatabase db) {
        this.db = db;
        this.outbox = new Outbox(db);
        this.offsets = new ConsumerOffsets(db);
        this.writer = new ReleaseWriter(db, outbox);
        this.queries = new ReleaseQueries(db);
        this.stories = new StoryQueries(db);
    }

    /** Opens (and migrates) the store the config names. */
    public static ReleaseStore open(PublishConfig config) {
        return open(config.storeUrl(), config.storeUser(), config.storePassword(), config.storePoolSize());
    }

    /** Opens (and migrates) the store at {@code jdbcUrl}; fails with StoreUnavailableException if unreachable. */
    public static ReleaseStore open(String jdbcUrl, String user, String password, int poolSize) {
        return new ReleaseStore(StoreDatabase.open(jdbcUrl, user, password, poolSize));
    }

    /** True on PostgreSQL (tsvector search), false on H2 (LIKE search). */
    public boolean isPostgres() {
        return db.dialect() == StoreDialect.POSTGRESQL;
    }

    /** Random id made when this store was first created; lets the relay tell its positions from another store's. */
    public String storeId() {
        return db.storeId();
    }

    /** Cheap liveness check (a pooled connection that validates). */
    public boolean ping() {
        return db.ping();
    }

    @Override
    public void close() {
        db.close();
    }

    // ---------------------------------------------------------------------------------------------- writes

    /** Stores releases and advances offsets in one transaction: see {@link ReleaseWriter#write}. */
    public WriteResult write(List<IncomingRelease> releases, List<OffsetCommit> offsets, ReplayNotifications replay) {
        return writer.write(releases, offsets, replay);
    }

    /** The next offset the sink should consume, if it ever committed one for this partition. */
    public OptionalLong storedOffset(String group, String topic, int partition) {
        return offsets.stored(group, topic, partition);
    }

    // ---------------------------------------------------------------------------------------------- outbox

    /** Outbox rows with id greater than {@code afterId}, in id order. */
    public List<OutboxEntry> outboxAfter(long afterId, int limit) {
        return outbox.after(afterId, limit);
    }

    /** Number of outbox rows not yet relayed past {@code afterId} (the relay's backlog). */
    public long outboxBacklog(long afterId) {
        return outbox.backlog(afterId);
    }

    /** Last outbox id this relay recorded in the store (a lower bound of what Kafka holds), 0 if none. */
    public long relayPosition(String relayName) {
        return outbox.relayPosition(relayName);
    }

    /** Records the relay position and deletes outbox rows up to it (they are safely in Kafka). */
    public void saveRelayPosition(String relayName, long lastOutboxId) {
        outbox.saveRelayPosition(relayName, lastOutboxId);
    }

    // ---------------------------------------------------------------------------------------------- queries

    /** A page of releases, newest first (sort date, stored at, release id — all descending). */
    public ReleasePage query(ReleaseQuery q) {
        return queries.query(q);
    }

    /** One release with body, entities, evidence, source refs and classification history. */
    public Optional<ReleaseDetail> find(String releaseId) {
        return queries.find(releaseId);
    }

    /** Counts: total, duplicates, and originals by region, topic, language and day (latest 90 days with data). */
    public ReleaseStats stats() {
        return queries.stats();
    }

    /** A page of stories, latest first (day of the latest release, then story id, descending). */
    public StoryPage stories(StoryQuery q) {
        return stories.query(q);
    }

    /** One story with its releases in time order and how each joined it. */
    public Optional<StoryDetail> story(String storyId) {
        return stories.find(storyId);
    }

    /**
     * What arrived, duplicates included: by region, topic, region x topic, language and day; by source over the newest
     * {@code sourceSample} releases.
     */
    public ReleaseArrivals arrivals(int sourceSample) {
        return queries.arrivals(sourceSample);
    }

    /** Number of stored releases (originals and duplicates). */
    public long count() {
        return queries.count();
    }
}
