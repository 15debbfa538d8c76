// Aggregator benchmark: the pure engine, the Kafka-to-InfluxDB pipeline at saturation, and the
// query cost of a month of line OEE for a 500-machine plant. See docs/performance.md, "Aggregator".
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { e2eBench } from './aggregator/e2e-bench.ts'
import { engineBench } from './aggregator/engine-bench.ts'
import { pipelineBench } from './aggregator/pipeline-bench.ts'
import { queryBench } from './aggregator/query-bench.ts'

const HELP = `Usage: set -a && . .run/servers/env && set +a
       node --expose-gc --import tsx test/bench/aggregator.ts [options]

  --parts L         comma list of engine,pipeline,hour-query,minute-query,e2e (default engine,pipeline,hour-query)
  --machines N      looms for engine and pipeline (default 1000)
  --minutes N       minutes of event time for engine and pipeline (default 20; 9 records per machine-minute)
  --plant N         machines of the query plant (default 500)
  --days N          days of query data (default 30)
  --e2e-minutes N   minutes of the MQTT-to-InfluxDB latency run (default 3)
  --keep            keep the query buckets (to re-run queries by hand)
  --out FILE        also write the results as JSON (default .run/bench/aggregator-<time>.json)
  --help`

const { values } = parseArgs({
  options: {
    parts: { type: 'string', default: 'engine,pipeline,hour-query' },
    machines: { type: 'string', default: '1000' },
    minutes: { type: 'string', default: '20' },
    plant: { type: 'string', default: '500' },
    days: { type: 'string', default: '30' },
    'e2e-minutes': { type: 'string', default: '3' },
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
if (parts.has('engine')) {
  log(`engine: ${values.machines} machines x ${values.minutes} minutes`)
  results.engine = engineBench(Number(values.machines), Number(values.minutes))
  console.log(results.engine)
}
if (parts.has('pipeline')) {
  log(`pipeline: ${values.machines} machines x ${values.minutes} minutes through Kafka and InfluxDB`)
  results.pipeline = await pipelineBench(Number(values.machines), Number(values.minutes), log)
  console.log(results.pipeline)
}
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
const out = values.out ?? join('.run', 'bench', `aggregator-${Date.now()}.json`)
mkdirSync(join(out, '..'), { recursive: true })
writeFileSync(out, JSON.stringify(results, null, 2))
log(`results in ${out}`)
