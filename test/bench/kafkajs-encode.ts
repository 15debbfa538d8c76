// What kafkajs spends encoding one Produce request as ingest sends them (issue 16): device batch
// records of about 1.4 KB (14 samples each) up to the batcher's byte bound, and v1 records of
// about 250 bytes up to its 5,000 records. CPU per record and MB/s of request, in this process,
// with the kafkajs this tree installs (patched or not). See docs/performance.md.
import { encodeProduceRequest, type ProduceMessage } from '../../packages/kafka/src/produce-request.ts'

const cpuMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

function deviceRecord(i: number, samples: number): string {
  return JSON.stringify({
    v: 1, firm: 'test-firm', plant: 'test-plant', line: 'weaving', device: `loom-${i % 500}`, channel: 'batch', receivedAt: 1_780_000_000_000 + i,
    samples: Array.from({ length: samples }, (_, j) => ({ channel: 'count', ts: 1_780_000_000_000 + i * 100 + j * 37, total: 1_000_000 + i * 613 + j, seq: 5000 + i * samples + j })),
  })
}

const shapes = {
  'device batch records (14 samples, ~1.4 KB) x 540': { records: 540, value: (i: number) => deviceRecord(i, 14) },
  'v1 records (~250 B) x 5000': { records: 5000, value: (i: number) => deviceRecord(i, 1) },
}

const rounds = Number(process.argv[2] ?? 200)
console.log(`kafkajs Produce v7 request encoding, 12 partitions, ${rounds} requests per shape after 20 of warm-up`)
console.log('| shape | request bytes | CPU us per record | MB/s of request |')
console.log('| --- | --- | --- | --- |')
for (const [name, shape] of Object.entries(shapes)) {
  const messages: ProduceMessage[] = Array.from({ length: shape.records }, (_, i) => ({ key: `test-firm/test-plant/weaving/loom-${i % 500}`, value: shape.value(i), timestamp: 1_780_000_000_000 + i }))
  const partitions = Array.from({ length: 12 }, (_, p) => ({ partition: p, messages: messages.filter((_, i) => i % 12 === p) }))
  const topicData = [{ topic: 'millstream.telemetry.v1', partitions }]
  let bytes = 0
  for (let i = 0; i < 20; i++) bytes = (await encodeProduceRequest(topicData)).byteLength
  const start = cpuMs()
  for (let i = 0; i < rounds; i++) await encodeProduceRequest(topicData)
  const ms = cpuMs() - start
  console.log(`| ${name} | ${bytes.toLocaleString('en')} | ${((ms * 1000) / (rounds * shape.records)).toFixed(2)} | ${((bytes * rounds) / 1e6 / (ms / 1000)).toFixed(0)} |`)
}
