package org.bulletin.enrich;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bulletin.enrich.story.StoryFeatures;
import org.bulletin.enrich.story.StoryLinker;
import org.bulletin.enrich.story.StoryState;
import org.bulletin.schemas.Release;
import org.bulletin.schemas.Story;
import org.bulletin.schemas.StoryLink;

/**
 * Links each release into a story (see {@link StoryLinker}). Runs in the one task of a single-partition repartition
 * topic, so every release, whatever raw partition or instance it came from, is compared with every open story, in one
 * order, and a replay links the same way. The open stories live in a changelogged store (one JSON value per story)
 * and are read back into the linker when the task starts, after a restart or on another instance.
 */
final class StoryProcessor implements FixedKeyProcessor<String, Release, StoryProcessor.Linked> {

    /** A release with its story set, and the story as it stands after the release joined it. */
    record Linked(Release release, Story story) {}

    private final int windowDays;
    private KeyValueStore<String, String> store;
    private StoryLinker linker;
    private FixedKeyProcessorContext<String, Linked> context;

    StoryProcessor(int windowDays) {
        this.windowDays = windowDays;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Linked> context) {
        this.context = context;
        this.store = context.getStateStore(EnrichTopology.STORY_STORE);
        this.linker = new StoryLinker(windowDays, StoryLinker.THRESHOLD, new StoryLinker.Listener() {
            @Override
            public void changed(StoryState story) {
                store.put(story.id, story.toJson());
            }

            @Override
            public void closed(String storyId) {
                store.delete(storyId);
            }
        });
        List<StoryState> stored = new ArrayList<>();
        try (KeyValueIterator<String, String> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, String> kv = all.next();
                stored.add(StoryState.fromJson(kv.value));
            }
        }
        linker.restore(stored);
    }

    @Override
    public void process(FixedKeyRecord<String, Release> record) {
        Release release = record.value();
        StoryLinker.Link link = linker.link(StoryFeatures.of(release), release.getDuplicateOf());
        release.setStoryId(link.storyId());
        release.setStoryLink(new StoryLink(link.score(), link.opened(), link.evidence()));
        context.forward(record.withValue(new Linked(release, toAvro(link.story(), record.timestamp()))));
    }

    static Story toAvro(StoryState s, long timestamp) {
        return Story.newBuilder()
                .setStoryId(s.id)
                .setHeadlines(new java.util.LinkedHashMap<>(s.headlines))
                .setLanguages(new ArrayList<>(s.languages))
                .setSources(new ArrayList<>(s.sources))
                .setReleaseIds(new ArrayList<>(s.releaseIds))
                .setReleaseCount(s.releaseCount)
                .setFirstSeen(LocalDate.ofEpochDay(s.firstDay))
                .setLastSeen(LocalDate.ofEpochDay(s.lastDay))
                .setRegions(StoryState.byCount(s.regions, 4))
                .setTopics(StoryState.byCount(s.topics, 12))
                .setEntities(StoryState.byCount(s.entities(), 12))
                .setUpdatedAt(Instant.ofEpochMilli(timestamp))
                .build();
    }
}
