import { SCORE_PERIODS, type ScorePeriod } from '@millstream/contract'
import { localDays } from '@millstream/store'
import { boundariesBetween, periodEndingAt } from './score-periods.ts'
import { count } from './score-job.ts'
import { rollupsFor, scoreTasks, type PlantRef, type ScoreTask } from './score-run.ts'
import type { Scorer } from './app.ts'

export interface BackfillOptions {
  /** Local dates YYYY-MM-DD, inclusive: periods that END inside [from 00:00, the day after `to` 00:00]. */
  from: string
  to: string
  /** `plant` or `firm/plant`; all plants when absent. */
  plant?: string
  periods?: readonly ScorePeriod[]
  onProgress?: (done: number, total: number) => void
}

/** Every period of the range for the chosen plants, in the order a scheduled scorer would score them. */
export function backfillTasks(plants: readonly PlantRef[], o: BackfillOptions): ScoreTask[] {
  const chosen = plants.filter((p) => o.plant === undefined || p.plant.id === o.plant || `${p.firm.id}/${p.plant.id}` === o.plant)
  if (chosen.length === 0) throw new RangeError(`no plant ${o.plant ?? ''} in the registry`)
  return (o.periods ?? SCORE_PERIODS).flatMap((period) =>
    chosen.flatMap((p) => {
      const days = localDays(o.from, o.to, p.plant.timeZone)
      return boundariesBetween(period, days.startMs, days.endMs, p.plant.timeZone).map((end) => ({ ...p, period, range: periodEndingAt(period, end, p.plant.timeZone) }))
    }),
  )
}

/**
 * Scores the range with the scheduled code path (same reads, same record builder, same sink), so
 * the records are the scheduled ones byte for byte; writing them again changes nothing (same
 * InfluxDB series and time, same Kafka key and value).
 */
export async function backfill(scorer: Pick<Scorer, 'scoring' | 'sink' | 'plants' | 'metrics'>, o: BackfillOptions): Promise<number> {
  const tasks = backfillTasks(scorer.plants, o)
  let done = 0
  const batch = 24
  for (let i = 0; i < tasks.length; i += batch) {
    const records = await scoreTasks(scorer.scoring, tasks.slice(i, i + batch))
    await scorer.sink.write(records, await rollupsFor(scorer.scoring, records))
    count(scorer.metrics, 'backfill', records)
    done += records.length
    o.onProgress?.(done, tasks.length)
  }
  scorer.metrics.runs.inc({ job: 'backfill', outcome: 'ok' })
  return done
}

/** A one-line text progress bar for a terminal. */
export function progressBar(done: number, total: number, width = 30): string {
  const filled = total > 0 ? Math.round((width * done) / total) : width
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`
}
