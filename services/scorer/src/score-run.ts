import { scoreRecordSchema, type Firm, type Plant, type Registry, type ScorePeriod, type ScoreRecord, type ScoreRollupRecord } from '@millstream/contract'
import type { Interval, SecBenchmark } from '@millstream/metrics'
import type { Store } from '@millstream/store'
import { readPlantMeasures, type BaselineCache } from './plant-measures.ts'
import { buildRollups } from './rollup-records.ts'
import { buildScoreRecord } from './score-record.ts'

/** What scoring needs besides the tasks: the store, the benchmark rows and the baseline months already read. */
export interface ScoringContext {
  store: Store
  plants: readonly PlantRef[]
  benchmarks: { version: string; rows: SecBenchmark[] }
  baselineCache: BaselineCache
}

export interface PlantRef {
  firm: Firm
  plant: Plant
}
export interface ScoreTask extends PlantRef {
  period: ScorePeriod
  range: Interval
}

export function plantsOf(registry: Registry, only?: string): PlantRef[] {
  return registry.firms.flatMap((firm) => firm.plants.filter((p) => only === undefined || p.id === only || `${firm.id}/${p.id}` === only).map((plant) => ({ firm, plant })))
}

/** Scores tasks one plant-period at a time (reads are per plant; a plant's failure fails the batch, which is retried). */
export async function scoreTasks(ctx: ScoringContext, tasks: readonly ScoreTask[], onDone?: (done: number) => void): Promise<ScoreRecord[]> {
  const records: ScoreRecord[] = []
  for (const t of tasks) {
    const measures = await readPlantMeasures(ctx.store, t.firm, t.plant, t.range, ctx.baselineCache)
    records.push(buildScoreRecord({ ...t, measures, benchmarks: ctx.benchmarks }))
    onDone?.(records.length)
  }
  return records
}

/**
 * Roll-ups of every period the records belong to: this batch's records and every other plant's
 * record of that period as InfluxDB holds it, so a roll-up never drops a plant scored earlier.
 */
export async function rollupsFor(ctx: ScoringContext, records: readonly ScoreRecord[]): Promise<ScoreRollupRecord[]> {
  const periods = [...new Map(records.map((r) => [`${r.period}/${r.periodStart}`, r])).values()]
  const rollups: ScoreRollupRecord[] = []
  for (const p of periods) {
    const stored = (await ctx.store.scoreRecordsAt({ period: p.period, startMs: Date.parse(p.periodStart) })).map((json) => scoreRecordSchema.parse(JSON.parse(json)))
    const byPlant = new Map([...stored, ...records].filter((r) => r.period === p.period && r.periodStart === p.periodStart).map((r) => [`${r.firm}/${r.plant}`, r]))
    rollups.push(...buildRollups([...byPlant.values()], ctx.plants))
  }
  return rollups
}
