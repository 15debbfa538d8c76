// Aggregator benchmark: the pure engine, the Kafka-to-InfluxDB pipeline at saturation, and the
// query cost of a month of line OEE for a 500-machine plant. See docs/performance.md, "Aggregator".
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { changelogBench } from './aggregator/changelog-bench.ts'
import { decodeBench } from './aggregator/decode-bench.ts'
import { e2eBench } from './aggregator/e2e-bench.ts'
import { e2eLoadBench } from './aggregator/e2e-load-bench.ts'
import { engineBench } from './aggregator/engine-bench.ts'
import { influxFloorBench } from './aggregator/influx-floor-bench.ts'
import { pipelineBench } from './aggregator/pipeline-bench.ts'
import { BENCH_ENCODINGS, type BenchEncoding } from './aggregator/bench-stream.ts'
import { queryBench } from './aggregator/query-bench.ts'

const HELP = `Usage: set -a && . .run/servers/env && set +a
       node --expose-gc --import tsx test/bench/aggregator.ts [options]

  --parts L         comma list of decode,engine,changelog,pipeline,influx-floor,hour-query,minute-query,e2e,
                    e2e-load; influx-floor writes the points the engine makes of the pipeline's input
                    with the aggregator's writer, AGG_CONCURRENT_PARTITIONS (default 12, as the aggregator) at once: InfluxDB's ceiling
                    (default engine,pipeline,hour-query)
  --machines N      looms for engine and pipeline (default 1000)
  --minutes N       minutes of event time for engine and pipeline (default 20; 9 samples per machine-minute)
  --encoding L      comma list of v1,batch (default v1): engine and pipeline run once per encoding on
                    the same samples, as single v1 records and as device batch records (issue 16)
  --batch-samples N samples per device batch record at most (default 9: a machine-minute); with
                    batch among the encodings, v1 gets the same samples in the same order
  --advance-every N engine: records (all partitions together) between advances of the engines, as
                    between two fetched batches of the consumer (default 500)
  --step-s N        changelog: seconds of event time per step (default 1, the commit interval)
  --warmup N        changelog: minutes before the measured ones (default 15: lateness + spread + 5)
  --plant N         machines of the query plant (default 500)
  --days N          days of query data (default 30)
  --e2e-minutes N   minutes of the MQTT-to-InfluxDB latency run (default 3)
  --load-machines N e2e-load: looms of the generated plant (default 5000)
  --load-rates L    e2e-load: samples/s tried in turn until one is not sustained
                    (default 2000,4000,8000,12000,16000)
  --load-step-s N   e2e-load: seconds per rate of the ramp (default 90)
  --load-max-rate N e2e-load: skip the ramp, take N samples/s as the maximum
  --load-minutes N  e2e-load: closed minutes measured at half the maximum rate (default 6)
  --load-warmup N   e2e-load: whole warm-up minutes before them (default 10: the aggregator's
                    state grows for allowed lateness + spread limit)
  --load-batch N    e2e-load: samples per batch message (default 100)
  --keep            keep the query buckets (to re-run queries by hand)
  --out FILE        also write the results as JSON (default .run/bench/aggregator-<time>.json)
  --help`

const { values } = parseArgs({
  options: {
    parts: { type: 'string', default: 'engine,pipeline,hour-query' },
    machines: { type: 'string', default: '1000' },
    minutes: { type: 'string', default: '20' },
    encoding: { type: 'string', default: 'v1' },
    'batch-samples': { type: 'string', default: '9' },
    'advance-every': { type: 'string', default: '500' },
    'step-s': { type: 'string', default: '1' },
    warmup: { type: 'string', default: '15' },
    plant: { type: 'string', default: '500' },
    days: { type: 'string', default: '30' },
    'e2e-minutes': { type: 'string', default: '3' },
    'load-machines': { type: 'string', default: '5000' },
    'load-rates': { type: 'string', default: '2000,4000,8000,12000,16000' },
    'load-step-s': { type: 'string', default: '90' },
    'load-max-rate': { type: 'string' },
    'load-minutes': { type: 'string', default: '6' },
    'load-warmup': { type: 'string', default: '10' },
    'load-batch': { type: 'string', default: '100' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
})
if (values.help) {
  console.log(HELP)
  process.exit(0)
}
const parts = new Set(values.parts.split(','))
const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`)
const results: Record<string, unknown> = { at: new Date().toISOString(), cpus: (await import('node:os')).cpus().length }
const encodings = values.encoding.split(',') as BenchEncoding[]
for (const e of encodings) if (!BENCH_ENCODINGS.includes(e)) throw new Error(`--encoding: ${e} is not one of ${BENCH_ENCODINGS.join(', ')}`)
// Both encodings take the samples in the order of the batch runs; v1 alone keeps the plain stream.
const load = { machines: Number(values.machines), minutes: Number(values.minutes), batchSamples: encodings.includes('batch') ? Number(values['batch-samples']) : 1 }
// One result per encoding, side by side; a single encoding keeps the result's old place.
const byEncoding = async <T>(name: string, run: (encoding: BenchEncoding) => Promise<T> | T) => {
  const out: Record<string, T> = {}
  for (const encoding of encodings) {
    log(`${name}: ${values.machines} machines x ${values.minutes} minutes, encoding ${encoding}`)
    out[encoding] = await run(encoding)
    console.log(out[encoding])
  }
  results[name] = encodings.length === 1 ? out[encodings[0] as BenchEncoding] : out
}
if (parts.has('decode')) {
  log(`decode: ${values.machines} machines x ${values.minutes} minutes, encodings ${encodings.join(', ')}, alternating, best of the rounds`)
  results.decode = decodeBench({ ...load, encodings })
  console.log(results.decode)
}
if (parts.has('engine')) await byEncoding('engine', (encoding) => engineBench({ ...load, encoding, advanceEvery: Number(values['advance-every']) }))
if (parts.has('changelog')) {
  log(`changelog: ${values.machines} machines, ${values.warmup} + ${values.minutes} minutes stepped every ${values['step-s']} s of event time, deltas and snapshots side by side`)
  results.changelog = changelogBench({ machines: Number(values.machines), minutes: Number(values.minutes), warmupMinutes: Number(values.warmup), stepS: Number(values['step-s']) })
  console.dir(results.changelog, { depth: 3 })
}
if (parts.has('pipeline')) await byEncoding('pipeline', (encoding) => pipelineBench({ ...load, encoding }, log))
if (parts.has('influx-floor')) await byEncoding('influx-floor', (encoding) => influxFloorBench({ ...load, encoding, ...(process.env.AGG_CONCURRENT_PARTITIONS ? { concurrency: Number(process.env.AGG_CONCURRENT_PARTITIONS) } : {}) }))
for (const measurement of ['machine_hour', 'machine_minute'] as const) {
  if (!parts.has(measurement === 'machine_hour' ? 'hour-query' : 'minute-query')) continue
  log(`query: ${values.plant} machines x ${values.days} days of ${measurement}`)
  const r = await queryBench({ machines: Number(values.plant), days: Number(values.days), measurement, keep: values.keep }, log)
  results[measurement] = r
  console.log(r)
}
if (parts.has('e2e')) {
  log('e2e: MQTT publish to queryable minute, through ingest and the aggregator')
  results.e2e = await e2eBench(Number(values['e2e-minutes']), log)
  console.log(results.e2e)
}
if (parts.has('e2e-load')) {
  log('e2e-load: the maximum rate of gateway -> ingest -> Kafka -> aggregator -> InfluxDB, then minute end to queryable at half of it')
  results.e2eLoad = await e2eLoadBench({
    machines: Number(values['load-machines']), rates: values['load-rates'].split(',').map(Number), stepS: Number(values['load-step-s']),
    ...(values['load-max-rate'] ? { maxRate: Number(values['load-max-rate']) } : {}), minutes: Number(values['load-minutes']), warmupMinutes: Number(values['load-warmup']), batchSize: Number(values['load-batch']), pollMs: 250,
  }, log)
  console.dir(results.e2eLoad, { depth: 4 })
}
const out = values.out ?? join('.run', 'bench', `aggregator-${Date.now()}.json`)
mkdirSync(join(out, '..'), { recursive: true })
writeFileSync(out, JSON.stringify(results, null, 2))
log(`results in ${out}`)
