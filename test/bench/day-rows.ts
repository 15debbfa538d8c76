// Cost of day-by-day answers of the store (issue 14: the energy view's month), on the servers of
// .run/servers/env and a bucket that holds data (default: the demo's). Cache off: every call reads
// InfluxDB. Usage: node --import tsx test/bench/day-rows.ts [--plant firm/plant] [--days 30] [--calls 5]
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { createStore, localDays } from '@millstream/store'
import { percentiles } from './lib/percentiles.ts'

const { values } = parseArgs({ options: { plant: { type: 'string', default: 'fengxin-yarn/fengxin-1' }, days: { type: 'string', default: '30' }, calls: { type: 'string', default: '5' }, bucket: { type: 'string' }, tz: { type: 'string', default: 'Asia/Shanghai' } } })
const env = process.env
if (!env.INFLUX_URL || !env.INFLUX_TOKEN || !env.INFLUX_ORG) throw new Error('source .run/servers/env first')
const [firm = '', plant = ''] = (values.plant as string).split('/')
const store = createStore({ url: env.INFLUX_URL, token: env.INFLUX_TOKEN, org: env.INFLUX_ORG, bucket: values.bucket ?? env.INFLUX_BUCKET ?? 'telemetry', rollupBucket: env.INFLUX_ROLLUP_BUCKET })
const to = new Intl.DateTimeFormat('en-CA', { timeZone: values.tz }).format(Date.now())
const from = new Date(Date.parse(`${to}T00:00:00Z`) - (Number(values.days) - 1) * 86_400_000).toISOString().slice(0, 10)
const q = { firm, plant, timeZone: values.tz as string, range: localDays(from, to, values.tz as string), every: 'day' as const }

async function time(name: string, f: () => Promise<unknown[]>) {
  const ms: number[] = []
  let rows = 0
  for (let i = 0; i < Number(values.calls); i++) {
    const t0 = performance.now()
    rows = (await f()).length
    ms.push(performance.now() - t0)
  }
  const [p50, max] = percentiles(ms, [50, 100]).map((x) => Math.round(x))
  console.log(`${name}: ${rows} rows; ${ms.map(Math.round).join(', ')} ms; median ${p50}, worst ${max}`)
}
console.log(`${firm}/${plant} ${from} .. ${to}, load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`)
await time('incomers and sub-meters per day (energy/summary?granularity=day)', () => store.meterEnergy({ ...q, by: ['scope'] }))
await time('line efficiency per day (efficiency?by=line&granularity=day)', () => store.efficiency({ ...q, by: ['line'] }))
