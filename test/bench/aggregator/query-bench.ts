import { createStore, type MachineGroupTag } from '@millstream/store'
import { benchServers, createBucket, deleteBucket, median, writeLines, type BenchServers } from './bench-env.ts'

export interface QueryBenchOptions {
  machines: number
  days: number
  measurement: 'machine_hour' | 'machine_minute'
  keep: boolean
}

export interface QueryBenchResult extends QueryBenchOptions {
  points: number
  fieldValues: number
  writeSeconds: number
  lineOeeMs: { median: number; runs: number[] }
  plantOeeMs: { median: number; runs: number[] }
  /** Rows the line query returned (one per line) and the plant query (one). */
  lineRows: number
  plantRows: number
}

/** The fields the OEE queries read, and those a rollup point carries besides (written too, to be realistic). */
const OEE_FIELDS = ['apt_s', 'asut_s', 'adet_s', 'adot_s', 'pdt_s', 'unknown_s', 'ideal_produced_s', 'ideal_good_s', 'ideal_inspected_s']
const OTHER_FIELDS = ['running_s', 'idle_s', 'down_s', 'setup_s', 'produced_qty', 'good_qty', 'electricity_kwh', 'electricity_idle_kwh']
const START = Date.parse('2025-06-01T00:00:00+08:00')

/**
 * Writes `days` of synthetic points for a plant of `machines` looms (lines of 50) into a fresh
 * bucket, then times the store's line and plant OEE (efficiency) over the whole range (5 runs each):
 * from the hour rollups for machine_hour data, from minutes alone for machine_minute data.
 */
export async function queryBench(o: QueryBenchOptions, log: (msg: string) => void): Promise<QueryBenchResult> {
  const s = benchServers()
  const bucket = `bench-query-${o.measurement}-${Date.now().toString(36)}`
  await createBucket(s, bucket)
  try {
    const stepS = o.measurement === 'machine_hour' ? 3600 : 60
    const slots = (o.days * 86400) / stepS
    const started = performance.now()
    const points = await writeSynthetic(s, bucket, o, stepS, slots, log)
    const writeSeconds = (performance.now() - started) / 1000
    const store = createStore({ url: s.influxUrl, token: s.influxToken, org: s.influxOrg, bucket, timeoutMs: 600_000, ...(o.measurement === 'machine_minute' ? { hourLagMs: Number.POSITIVE_INFINITY } : {}) })
    const query = { firm: 'bench-firm', plant: `bench-${o.machines}`, timeZone: 'Asia/Shanghai', range: { startMs: START, endMs: START + o.days * 86_400_000 } }
    const runs = async (by: MachineGroupTag[]) => {
      const times: number[] = []
      let rows = 0
      for (let i = 0; i < 5; i++) {
        const started = performance.now()
        rows = (await store.efficiency({ ...query, by })).length
        times.push(Math.round(performance.now() - started))
      }
      return { times, rows }
    }
    const line = await runs(['line'])
    const plant = await runs([])
    await store.meterEnergy(query) // must run; meters are not in this data set
    return {
      ...o,
      points,
      fieldValues: points * (OEE_FIELDS.length + OTHER_FIELDS.length),
      writeSeconds,
      lineOeeMs: { median: median(line.times), runs: line.times },
      plantOeeMs: { median: median(plant.times), runs: plant.times },
      lineRows: line.rows,
      plantRows: plant.rows,
    }
  } finally {
    if (!o.keep) await deleteBucket(s, bucket)
  }
}

async function writeSynthetic(s: BenchServers, bucket: string, o: QueryBenchOptions, stepS: number, slots: number, log: (msg: string) => void): Promise<number> {
  let points = 0
  const batch: string[] = []
  const flush = async () => {
    if (batch.length > 0) await writeLines(s, bucket, batch.splice(0))
  }
  const lastLog = { at: performance.now() }
  // Slot-major order, as the aggregator writes: all machines for one time, then the next.
  for (let slot = 0; slot < slots; slot++) {
    const t = START / 1000 + slot * stepS
    for (let m = 0; m < o.machines; m++) {
      const line = `weaving-${String(Math.floor(m / 50) + 1).padStart(2, '0')}`
      const run = stepS * (0.8 + ((m * 31 + slot * 7) % 17) / 100)
      const down = stepS * 0.05
      const idle = stepS - run - down
      const produced = (run / 60) * 700
      const v = [run, 0, down, idle, 0, 0, (produced * 60) / 750, (produced * 0.99 * 60) / 750, (produced * 60) / 750, run, idle, down, 0, produced, produced * 0.99, (run / 3600) * 4.5, (idle / 3600) * 1.1]
      const fields = [...OEE_FIELDS, ...OTHER_FIELDS].map((f, i) => `${f}=${Math.round((v[i] as number) * 1000) / 1000}`).join(',')
      batch.push(`${o.measurement},firm=bench-firm,line=${line},machine=loom-${String(m + 1).padStart(4, '0')},machine_type=loom,plant=bench-${o.machines},unit=pick ${fields}${o.measurement === 'machine_hour' ? ',minutes=60i' : ''} ${t}`)
      points += 1
      if (batch.length >= 10_000) await flush()
    }
    if (performance.now() - lastLog.at > 30_000) {
      lastLog.at = performance.now()
      log(`  ${o.measurement}: ${points} of ${slots * o.machines} points written`)
    }
  }
  await flush()
  return points
}
