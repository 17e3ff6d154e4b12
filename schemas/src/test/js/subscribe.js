'use strict';
// A Node.js subscriber as downstream teams write one (#15): KafkaJS, the most used pure-JavaScript Kafka client,
// fetches the records from a real broker (read_committed) and Confluent's official schema-registry client decodes
// them. Driven by the app module's pipeline IT, which knows what each topic holds.
//
//   node subscribe.js <bootstrap> <registryUrl> <lz4|none> <topic>=<count>...
//
// "lz4" registers the kafkajs-lz4 codec, as the topic reference tells KafkaJS users to; "none" is KafkaJS as
// installed. Prints one JSON line per record: {"topic","partition","offset","key","releaseId"}, and exits 0 once every
// topic gave its count. A consumer crash (such as "LZ4 compression not implemented") prints
// {"crash": <message>} and exits 2; no crash but too few records within 60 s exits 3.
const { Kafka, CompressionTypes, CompressionCodecs, logLevel } = require('kafkajs');
const { SchemaRegistryClient, SerdeType, AvroDeserializer, SubjectNameStrategyType } = require('@confluentinc/schemaregistry');

const DEADLINE_MS = 60000;

async function main(argv) {
  const [bootstrap, registryUrl, codec, ...wanted] = argv;
  if (!bootstrap || !registryUrl || !['lz4', 'none'].includes(codec) || wanted.length === 0) {
    throw new Error('usage: node subscribe.js <bootstrap> <registryUrl> <lz4|none> <topic>=<count>...');
  }
  if (codec === 'lz4') {
    const LZ4 = require('kafkajs-lz4');
    CompressionCodecs[CompressionTypes.LZ4] = new LZ4().codec;
  }
  const expected = new Map(wanted.map((w) => {
    const at = w.lastIndexOf('=');
    return [w.slice(0, at), Number(w.slice(at + 1))];
  }));
  const seen = new Map([...expected.keys()].map((t) => [t, 0]));
  const deserializer = new AvroDeserializer(new SchemaRegistryClient({ baseURLs: [registryUrl] }), SerdeType.VALUE,
    { subjectNameStrategyType: SubjectNameStrategyType.TOPIC });

  const kafka = new Kafka({
    clientId: 'bulletin-interop', brokers: bootstrap.split(','), logLevel: logLevel.NOTHING,
    retry: { retries: 2, initialRetryTime: 100 },
  });
  const consumer = kafka.consumer({
    groupId: `bulletin-interop-${process.pid}-${Date.now()}`,
    readUncommitted: false, // read_committed, as docs/topics.md asks of every subscriber
    retry: { retries: 0, restartOnFailure: async () => false },
  });

  let finish;
  const done = new Promise((resolve) => { finish = resolve; });
  consumer.on(consumer.events.CRASH, (e) => finish({ code: 2, crash: String(e.payload.error && e.payload.error.message) }));
  const timer = setTimeout(() => finish({ code: 3 }), DEADLINE_MS);

  await consumer.connect();
  await consumer.subscribe({ topics: [...expected.keys()], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      const value = await deserializer.deserialize(topic, message.value);
      process.stdout.write(JSON.stringify({
        topic, partition, offset: Number(message.offset), key: message.key && message.key.toString('utf8'),
        releaseId: value.releaseId,
      }) + '\n');
      seen.set(topic, seen.get(topic) + 1);
      if ([...expected].every(([t, n]) => seen.get(t) >= n)) {
        finish({ code: 0 });
      }
    },
  });

  const result = await done;
  clearTimeout(timer);
  if (result.crash !== undefined) {
    process.stdout.write(JSON.stringify({ crash: result.crash }) + '\n');
  } else if (result.code === 3) {
    process.stderr.write(`subscribe.js: too few records within ${DEADLINE_MS} ms: ${JSON.stringify([...seen])}\n`);
  }
  await consumer.disconnect().catch(() => {});
  return result.code;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
  process.stderr.write(`subscribe.js failed: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
