import type { Firm, Plant, Registry, ScorePeriod, ScoreRecord } from '@millstream/contract'
import type { Interval } from '@millstream/metrics'
import type { Store } from '@millstream/store'
import { readPlantMeasures } from './plant-measures.ts'
import { buildScoreRecord } from './score-record.ts'

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
export async function scoreTasks(store: Store, tasks: readonly ScoreTask[], onDone?: (done: number) => void): Promise<ScoreRecord[]> {
  const records: ScoreRecord[] = []
  for (const t of tasks) {
    const measures = await readPlantMeasures(store, t.firm, t.plant, t.range)
    records.push(buildScoreRecord({ ...t, measures }))
    onDone?.(records.length)
  }
  return records
}
