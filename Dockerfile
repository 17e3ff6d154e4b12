# The image of every Bulletin service in docker-compose.yml: `bulletin <command>` (topics, ingest, enrich, publish,
# ...), configured through BULLETIN_* / KAFKA_* environment variables.

# Build: the whole reactor, because app/target/bulletin.jar bundles the schema registry jar the registry module builds.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -DskipTests package

# Runtime: a JRE, a non-root user and the one jar.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 bulletin \
    && useradd --system --uid 10001 --gid bulletin --home-dir /var/lib/bulletin --no-create-home bulletin \
    && mkdir -p /app /var/lib/bulletin \
    && chown bulletin:bulletin /var/lib/bulletin
COPY --from=build /src/app/target/bulletin.jar /app/bulletin.jar
# State (ingest ledger, Kafka Streams state) lives under /var/lib/bulletin; compose mounts named volumes there, which
# take this directory's owner on first use, so the non-root user can write them.
WORKDIR /var/lib/bulletin
USER bulletin
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/bulletin.jar"]
CMD ["--help"]
