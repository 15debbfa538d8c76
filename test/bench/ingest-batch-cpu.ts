// Ingest's per-sample work on a batch, in a loop on one thread: decoding and validating a contract
// v1.1 batch, and encoding its device batch records. The same 100-sample batches of 7 machines as
// `pnpm bench:ingest --batch 100` publishes (1 % invalid). CPU time per sample from
// process.cpuUsage, three rounds each. See docs/performance.md.
//   node --import tsx test/bench/ingest-batch-cpu.ts
import { encodeTelemetryValueBytes, indexRegistry } from '@millstream/contract'
import { loadRegistry, TEST_REGISTRY_PATH } from '@millstream/seeds'
import { validateBatch } from '../../services/ingest/src/validate-batch.ts'
import { decodeJson } from '../../services/ingest/src/validate-message.ts'

const index = indexRegistry(loadRegistry(TEST_REGISTRY_PATH))
const limits = { maxPayloadBytes: 16_384, maxFutureSkewMs: 300_000, minTsMs: Date.parse('2020-01-01T00:00:00Z') }
const plant = { firm: 'test-firm', plant: 'test-plant' }
const DEVICES = ['weaving/loom-01', 'weaving/loom-02', 'spinning/rf-01', 'dyeing/jd-01', 'finishing/st-01', 'sewing/sw-01', 'sewing/sw-02']
const SAMPLES = 100
const now = Date.now()

const payloads = Array.from({ length: 50 }, (_, b) => {
  const samples = Array.from({ length: SAMPLES }, (_, i) => {
    const n = b * SAMPLES + i
    const [line, machine] = (DEVICES[n % DEVICES.length] as string).split('/')
    const seq = Math.floor(n / DEVICES.length) + 1
    return `{"line":"${line}","machine":"${machine}","channel":"count","ts":${now},"total":${n % 100 === 99 ? -1 : seq * 10},"seq":${seq}}`
  })
  return Buffer.from(`{"samples":[${samples.join(',')}]}`)
})
const validated = payloads.map((payload) => {
  const result = validateBatch({ topic: 'mill/v1/test-firm/test-plant/batch', payload, receivedAtMs: now }, plant, index, limits)
  if (!result.ok) throw new Error(result.message)
  return result
})

function measure(name: string, each: (i: number) => void): void {
  const rounds: string[] = []
  for (let round = 0; round < 3; round++) {
    const before = process.cpuUsage()
    let samples = 0
    for (let k = 0; k < 40; k++) {
      for (let i = 0; i < payloads.length; i++) {
        each(i)
        samples += SAMPLES
      }
    }
    const used = process.cpuUsage(before)
    rounds.push(((used.user + used.system) / samples).toFixed(2))
  }
  console.log(`| ${name} | ${rounds.join(' | ')} |`)
}

console.log(`${payloads.length} batches of ${SAMPLES} samples, ${payloads[0]?.length} bytes each; CPU-µs per sample, three rounds`)
console.log('| step | 1 | 2 | 3 |\n| --- | --- | --- | --- |')
measure('decode (UTF-8 and JSON.parse)', (i) => decodeJson(payloads[i] as Buffer))
measure('decode and validate (validateBatch)', (i) => validateBatch({ topic: 'mill/v1/test-firm/test-plant/batch', payload: payloads[i] as Buffer, receivedAtMs: now }, plant, index, limits))
measure('encode the device batch records (bytes for Kafka)', (i) => {
  for (const records of (validated[i] as (typeof validated)[number]).devices.values()) encodeTelemetryValueBytes(records)
})
