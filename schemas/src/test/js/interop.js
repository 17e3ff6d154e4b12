'use strict';
// Interop proof for issue 2: Confluent's official JavaScript schema-registry client (not our code) reads the
// Confluent-framed Avro records our Java serializer wrote, and writes records our Java deserializer reads, both
// through a real registry. Driven by ConfluentJsClientInteropIT; the file format is one record per line,
// "<topic>\t<base64 of the Kafka record value>".
//
//   node interop.js decode <registryUrl> <inFile>      prints one JSON line per record: {"topic":..,"schemaId":..,"value":..}
//   node interop.js encode <registryUrl> <avscDir> <outFile> <rawTopic> <releaseTopic> <notificationTopic>
const fs = require('fs');
const path = require('path');
const {
  SchemaRegistryClient, SerdeType, AvroSerializer, AvroDeserializer, SubjectNameStrategyType,
} = require('@confluentinc/schemaregistry');

function client(url) {
  return new SchemaRegistryClient({ baseURLs: [url] });
}

// Without TOPIC the client first asks /associations/..., which only a 404 turns into <topic>-value.
const strategy = { subjectNameStrategyType: SubjectNameStrategyType.TOPIC };

function readFrames(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((line) => {
    const [topic, b64] = line.split('\t');
    return { topic, bytes: Buffer.from(b64, 'base64') };
  });
}

function toJson(key, value) {
  if (value && value.type === 'Buffer' && Array.isArray(value.data)) {
    return { base64: Buffer.from(value.data).toString('base64') };
  }
  if (typeof value === 'bigint') {
    return value.toString();
  }
  return value;
}

async function decode(url, inFile) {
  const deserializer = new AvroDeserializer(client(url), SerdeType.VALUE, strategy);
  for (const { topic, bytes } of readFrames(inFile)) {
    const value = await deserializer.deserialize(topic, bytes);
    process.stdout.write(JSON.stringify({ topic, schemaId: bytes.readInt32BE(1), value }, toJson) + '\n');
  }
}

// Values a foreign (Node) producer would write; ConfluentJsClientInteropIT asserts these exact values.
// Longs and dates are plain numbers: the client's avsc types carry no logical-type conversions.
const RECORDS = {
  raw: {
    file: 'RawRelease.avsc',
    value: {
      sourceId: 'node-push',
      sourceUrl: 'https://example.org/node/1',
      fetchedAt: 1721902530999,
      contentType: 'text/html',
      charset: null,
      body: Buffer.from('<p>Привет из Node: CSTO/ОДКБ</p>', 'utf8'),
      contentHash: 'ab'.repeat(32),
      metadata: { via: 'node', etag: 'W/"1"' },
    },
  },
  release: {
    file: 'Release.avsc',
    value: {
      releaseId: 'node-1#2',
      sourceRefs: [{
        sourceId: 'node-push', sourceUrl: null, rawKey: 'node-1', rawPartition: 0, rawOffset: 12, fetchedAt: 1721902530999,
      }],
      title: 'Peacekeepers trained in Armenia',
      publishedDate: 19929, // 2024-07-25 as days since the epoch
      language: 'en',
      bodyText: 'Peacekeepers of the CSTO trained near Yerevan.',
      lede: null,
      people: [{ name: 'Stanislav Zas', role: null }],
      organisations: [{ id: 'CSTO', name: 'Collective Security Treaty Organization', mentions: ['CSTO'] }],
      places: [{ name: 'Yerevan', countryCode: 'AM' }],
      countries: ['AM'],
      dates: [19929, 19930],
      regions: [{
        id: 'caucasus', score: 0.75,
        evidence: [{ phrase: 'Yerevan', start: 70, end: 77, rule: null }],
      }],
      topics: [{ id: 'peacekeeping', score: 0.9, evidence: [] }],
      duplicateOf: 'node-1#1',
      fingerprint: null,
      parserVersion: 'node-parser',
      classifierVersion: 'node-rules',
      enrichedAt: 1721902561000,
      replay: true,
    },
  },
  notification: {
    file: 'Notification.avsc',
    value: {
      releaseId: 'node-1#2',
      title: 'Сообщение из Node',
      regions: ['caucasus', 'global'],
      topics: ['peacekeeping'],
      url: null,
      storedAt: 1721902561250,
      replay: false,
      classifierVersion: 'node-rules',
    },
  },
};

async function encode(url, avscDir, outFile, topics) {
  const registry = client(url);
  const serializer = new AvroSerializer(registry, SerdeType.VALUE,
    { ...strategy, useLatestVersion: true, autoRegisterSchemas: false });
  const lines = [];
  for (const [kind, topic] of Object.entries(topics)) {
    const { file, value } = RECORDS[kind];
    const schema = fs.readFileSync(path.join(avscDir, file), 'utf8');
    // Register our own copy of the contract first, as a foreign producer would; with auto-registration alone the
    // client would infer a schema from the object instead.
    await registry.register(`${topic}-value`, { schemaType: 'AVRO', schema }, false);
    const bytes = await serializer.serialize(topic, value);
    lines.push(`${topic}\t${Buffer.from(bytes).toString('base64')}`);
  }
  fs.writeFileSync(outFile, lines.join('\n') + '\n');
}

async function main(argv) {
  const [command, ...args] = argv;
  if (command === 'decode' && args.length === 2) {
    await decode(args[0], args[1]);
  } else if (command === 'encode' && args.length === 6) {
    await encode(args[0], args[1], args[2], { raw: args[3], release: args[4], notification: args[5] });
  } else {
    throw new Error('usage: node interop.js decode <registryUrl> <inFile> | '
      + 'encode <registryUrl> <avscDir> <outFile> <rawTopic> <releaseTopic> <notificationTopic>');
  }
}

main(process.argv.slice(2)).then(() => process.exit(0), (err) => {
  process.stderr.write(`interop.js failed: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
