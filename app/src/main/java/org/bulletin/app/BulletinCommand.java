package org.bulletin.app;

import picocli.CommandLine.Command;

/** The {@code bulletin} command and its subcommands. */
@Command(
        name = "bulletin",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Bulletin: ingest, understand and distribute press releases at streaming speed.",
            "",
            "Quick start: 'bulletin run' starts everything embedded (Kafka, schema registry, store, HTTP API)."
        },
        subcommands = {
            RunCommand.class,
            BenchCommand.class,
            IngestCommand.class,
            EnrichCommand.class,
            PublishCommand.class,
            ClassifyCommand.class,
            StoriesCommand.class,
            ExtractCommand.class,
            TopicsCommand.class,
            ReplayCommand.class,
            StatusCommand.class,
            DlqCommand.class,
            ExportCommand.class,
            picocli.CommandLine.HelpCommand.class
        })
final class BulletinCommand {}
