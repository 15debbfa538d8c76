// Prints what the store reads for each plant of a registry today (local midnight until now):
// line OEE and state time, plant energy from the incomers. The demo's "where to look" for InfluxDB.
//   node --import tsx deploy/local/plant-today.ts   (INFLUX_* and REGISTRY_PATH from the environment)
import { loadRegistry, DEMO_REGISTRY_PATH } from '@millstream/seeds'
import { localDateLabel } from '@millstream/metrics'
import { createStore, localDays } from '@millstream/store'

const env = process.env
if (process.argv.includes('--help') || !env.INFLUX_URL || !env.INFLUX_TOKEN) {
  console.log('Usage: INFLUX_URL=... INFLUX_TOKEN=... [INFLUX_ORG] [INFLUX_BUCKET] [INFLUX_ROLLUP_BUCKET] [REGISTRY_PATH] node --import tsx deploy/local/plant-today.ts')
  process.exit(process.argv.includes('--help') ? 0 : 2)
}
const store = createStore({ url: env.INFLUX_URL, token: env.INFLUX_TOKEN, org: env.INFLUX_ORG ?? 'millstream', bucket: env.INFLUX_BUCKET ?? 'telemetry', rollupBucket: env.INFLUX_ROLLUP_BUCKET })
const pct = (x: number | null) => (x === null ? '  -  ' : `${(x * 100).toFixed(1).padStart(5)}%`)
for (const firm of loadRegistry(env.REGISTRY_PATH || DEMO_REGISTRY_PATH).firms) {
  for (const plant of firm.plants) {
    const today = localDateLabel(Date.now(), plant.timeZone)
    const q = { firm: firm.id, plant: plant.id, timeZone: plant.timeZone, range: { startMs: localDays(today, today, plant.timeZone).startMs, endMs: Date.now() } }
    const [lines, energy] = await Promise.all([store.efficiency({ ...q, by: ['line'] }), store.meterEnergy({ ...q, scope: 'plant', by: ['medium'] })])
    console.log(`${firm.id}/${plant.id} ${today} (${plant.timeZone})`)
    // A batch line's performance is measured over the batches that ended (docs/metrics.md §4.3): absent before one ends, with the reason.
    for (const r of lines) {
      const k = r.values.kpis
      console.log(`  ${String(r.group.line).padEnd(24)} OEE ${pct(k.oee)}  availability ${pct(k.availability)}  performance ${pct(k.effectiveness)}  stops ${k.stopCount}${k.effectivenessGap ? `  (${k.effectivenessGap})` : ''}`)
    }
    for (const r of energy) for (const [medium, total] of Object.entries(r.values)) console.log(`  plant ${medium.padEnd(12)} ${total.toFixed(2)}`)
  }
}
