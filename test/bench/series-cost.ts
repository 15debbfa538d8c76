// Benchmark (not a test): what a line OEE sum costs InfluxDB by the number of hour series it
// reads, the same 11 fields over a day and a month: 500 (one per machine, machine_hour), 120 (a
// partial sum per line and input partition, 10 lines x 12 partitions), 10 (one per line). It
// decided the roll-up design of issue 13 (docs/performance.md). `write` first writes the points.
// Run: node --import tsx test/bench/series-cost.ts [write]  (servers' env loaded)
import { InfluxDB, Point } from '@influxdata/influxdb-client'
import { sumFlux } from '@millstream/store'
const env = process.env
const bucket = process.env.BENCH_BUCKET ?? 'bench-series-cost'
const influx = new InfluxDB({ url: env.INFLUX_URL!, token: env.INFLUX_TOKEN!, timeout: 120_000 })
const orgs = (await (await fetch(`${env.INFLUX_URL}/api/v2/orgs?org=${env.INFLUX_ORG}`, { headers: { authorization: `Token ${env.INFLUX_TOKEN}` } })).json()) as { orgs: { id: string }[] }
await fetch(`${env.INFLUX_URL}/api/v2/buckets`, { method: 'POST', headers: { authorization: `Token ${env.INFLUX_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ orgID: orgs.orgs[0]?.id, name: bucket, retentionRules: [] }) })
const MONTH = { startMs: Date.parse('2025-06-01T00:00:00+08:00'), endMs: Date.parse('2025-07-01T00:00:00+08:00') }
const DAY = { startMs: Date.parse('2025-06-15T00:00:00+08:00'), endMs: Date.parse('2025-06-16T00:00:00+08:00') }
const FIELDS = ['apt_s','asut_s','adet_s','adot_s','pdt_s','nonscheduled_s','reasoned_s','unknown_s','ideal_produced_s','ideal_good_s','ideal_inspected_s']
const shapes: Record<string, number> = { s500: 500, s120: 120, s10: 10 }
if (process.argv[2] === 'write') {
  const write = influx.getWriteApi(env.INFLUX_ORG!, bucket, 's', { batchSize: 10_000 })
  for (let h = MONTH.startMs; h < MONTH.endMs; h += 3_600_000) {
    for (const [m, n] of Object.entries(shapes)) for (let i = 0; i < n; i++) {
      const p = new Point(m).tag('firm', 'f').tag('plant', 'p').tag('line', `l${i % 10}`).tag('src', String(i))
      for (const f of FIELDS) p.floatField(f, 1000 + i)
      write.writePoint(p.timestamp(h / 1000))
    }
    await write.flush()
  }
  await write.close()
}
const q = influx.getQueryApi(env.INFLUX_ORG!)
for (const [name, range] of [['day', DAY], ['month', MONTH]] as const) for (const m of Object.keys(shapes)) {
  const ms: number[] = []
  for (let i = 0; i < 10; i++) { const t0 = performance.now(); await q.collectRows(sumFlux({ bucket, measurement: m, range, where: { firm: 'f', plant: 'p' }, fields: FIELDS, by: ['line'] })); ms.push(performance.now() - t0) }
  ms.sort((a, b) => a - b)
  console.log(name, m, 'p50', Math.round(ms[5]!), 'max', Math.round(ms[9]!), 'load', (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ')[0])
}
