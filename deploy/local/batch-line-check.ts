// What the store reads for one line per local hour and per machine since a start: OEE, A, P, Q, and why P is absent.
// The check of a batch line's performance (docs/metrics.md §4.3) against a running pipeline.
//   node --import tsx deploy/local/batch-line-check.ts [firm] [plant] [line] [hours back]   (INFLUX_* from the environment)
import { localWindows } from '@millstream/metrics'
import { createStore } from '@millstream/store'

const env = process.env
if (process.argv.includes('--help') || !env.INFLUX_URL || !env.INFLUX_TOKEN) {
  console.log('Usage: INFLUX_URL=... INFLUX_TOKEN=... node --import tsx deploy/local/batch-line-check.ts [firm dean-textile] [plant dean-1] [line dyeing] [hours 12]')
  process.exit(process.argv.includes('--help') ? 0 : 2)
}
const [firm = 'dean-textile', plant = 'dean-1', line = 'dyeing', hoursArg = '12'] = process.argv.slice(2)
const timeZone = 'Asia/Shanghai'
const store = createStore({ url: env.INFLUX_URL, token: env.INFLUX_TOKEN, org: env.INFLUX_ORG ?? 'millstream', bucket: env.INFLUX_BUCKET ?? 'telemetry', rollupBucket: env.INFLUX_ROLLUP_BUCKET })
const pct = (x: number | null) => (x === null ? '    - ' : `${(x * 100).toFixed(1).padStart(5)}%`)
const endMs = Math.floor(Date.now() / 3_600_000) * 3_600_000
const range = { startMs: endMs - Number(hoursArg) * 3_600_000, endMs }
const hours = localWindows(range, 'hour', timeZone)
const base = { firm, plant, timeZone, line, range }
const show = (label: string, k: { oee: number | null; availability: number | null; effectiveness: number | null; quality: number; effectivenessGap: string | null }) =>
  console.log(`${label.padEnd(22)} OEE ${pct(k.oee)}  A ${pct(k.availability)}  P ${pct(k.effectiveness)}  Q ${pct(k.quality)}${k.effectivenessGap ? `  (${k.effectivenessGap})` : ''}`)
for (const r of await store.efficiency({ ...base, by: ['line'] })) show(`${line} ${hoursArg} h`, r.values.kpis)
for (const r of await store.efficiency({ ...base, windows: hours, windowUnit: 'hour', by: ['line'] })) show(new Date(r.window.startMs).toISOString().slice(0, 16), r.values.kpis)
for (const r of await store.efficiency({ ...base, by: ['machine'] })) show(String(r.group.machine), r.values.kpis)
