package org.bulletin.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bulletin.app.config.Settings;
import org.bulletin.app.ops.ClusterStatus;
import org.bulletin.app.ops.Tables;
import org.bulletin.enrich.EnrichConfig;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.store.ReleaseStore;
import org.bulletin.schemas.Topics;
import org.bulletin.schemas.registry.InMemorySchemaRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Shows where each stage is: consumer lag, write rates, dead letters and the last error. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        header = "Show each stage's consumer lag, the main topics' write rates and the dead letters.",
        description = {
            "Per stage the consumer lag (enrich: its Kafka Streams group over raw, replay and its",
            "repartition topic; publish: offsets it keeps in the store, so --store is needed for its lag; relay: the",
            "outbox backlog, also from the store), the write rate of the main topics (end offsets sampled twice),",
            "the dead-letter count and the newest dead letter's stage, reason and origin.",
            "Reads only. With 'bulletin run' (embedded H2 held open) the store-side figures are left out."
        })
final class StatusCommand implements Callable<Integer> {

    @Mixin
    ConnectOptions connect;

    @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(
            names = "--sample",
            defaultValue = "PT1S",
            description = "How long to sample write rates. Default: ${DEFAULT-VALUE}.")
    Duration sample;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Settings settings = connect.settings();
        String bootstrap = ConnectOptions.require(settings, ConnectOptions.BOOTSTRAP, "--bootstrap");
        // Names only: lag, rates and dead letters need no schema, so status needs no --registry.
        Topics topics = Topics.fromConfig(settings.bulletin(), new InMemorySchemaRegistry());
        EnrichConfig enrich = new EnrichConfig(settings.bulletin());
        PublishConfig publish = new PublishConfig(settings.bulletin());
        ReleaseStore store = settings.get(ConnectOptions.STORE, null) == null
                ? null
                : ReleaseStore.open(publish.storeUrl(), publish.storeUser(), publish.storePassword(), 2);
        ClusterStatus.Snapshot s;
        try {
            s = ClusterStatus.collect(
                    bootstrap,
                    settings.kafka(),
                    enrich.applicationId(),
                    List.of(topics.raw(), topics.replay()),
                    publish.groupId(),
                    topics.enriched(),
                    publish.transactionalId(),
                    topics.notifications(),
                    List.of(topics.raw(), topics.replay(), topics.enriched(), topics.notifications()),
                    topics.dlq(),
                    store,
                    sample);
        } finally {
            if (store != null) {
                store.close();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(s));
            out.flush();
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        s.stages()
                .forEach(st -> rows.add(
                        List.of(st.stage(), st.group(), st.lag() < 0 ? "?" : Long.toString(st.lag()), st.note())));
        Tables.print(out, List.of("stage", "group", "lag", "note"), rows);
        out.println();
        List<List<String>> rates = new ArrayList<>();
        s.throughput()
                .forEach(r -> rates.add(
                        List.of(r.topic(), Long.toString(r.end()), String.format(Locale.ROOT, "%.1f", r.perSecond()))));
        Tables.print(out, List.of("topic", "end offset", "records/s"), rates);
        out.println();
        ClusterStatus.Dlq d = s.dlq();
        out.printf("Dead letters: %d%n", d.count());
        if (d.lastAt() != null) {
            out.printf(
                    "Last: %s stage=%s origin=%s reason=%s%n",
                    d.lastAt(), d.lastStage(), d.lastOrigin(), Tables.truncate(d.lastReason(), 160));
        }
        out.flush();
        return 0;
    }
}
