import { SCORE_PERIODS, type ScorePeriod, type ScoreRecord, type ScoreRollupRecord } from '@millstream/contract'
import { backoff, sleep, type Logger } from '@millstream/runtime'
import type { Store } from '@millstream/store'
import { duePeriods } from './score-periods.ts'
import { rollupsFor, scoreTasks, type PlantRef, type ScoreTask, type ScoringContext } from './score-run.ts'
import type { ScorerMetrics } from './scorer-metrics.ts'

export interface JobDeps {
  store: Store
  sink: { write(records: readonly ScoreRecord[], rollups?: readonly ScoreRollupRecord[]): Promise<void> }
  scoring: ScoringContext
  plants: readonly PlantRef[]
  metrics: ScorerMetrics
  logger: Logger
  now: () => number
  settleMs: (period: ScorePeriod) => number
  catchUpMs: number
  maxCatchUp: number
  retries: number
  retryDelay?: { initialMs: number; maxMs: number }
}

/** Longer than any period (a month of 31 days, a rolling 24 h, a 25 h DST day). */
const PERIOD_LOOKBACK_MS = 32 * 24 * 3_600_000

/** Periods due for every plant: after its last scored period, settled, within the catch-up horizon. */
export async function dueTasks(deps: JobDeps, period: ScorePeriod): Promise<ScoreTask[]> {
  const nowMs = deps.now()
  const sinceMs = nowMs - deps.catchUpMs
  // The state points sit at the period START, which lies up to a period before its end: look back
  // that much further, or the first periods of the horizon (ending after sinceMs, starting before
  // it) would be invisible and scored again after a restart.
  const last = await deps.store.lastScoredEnds({ period, sinceMs: sinceMs - PERIOD_LOOKBACK_MS })
  return deps.plants.flatMap((p) =>
    duePeriods({ period, timeZone: p.plant.timeZone, nowMs, settleMs: deps.settleMs(period), lastEndMs: last.get(`${p.firm.id}/${p.plant.id}`) ?? null, firstEndMs: sinceMs, maxCatchUp: deps.maxCatchUp }).map((range) => ({ ...p, period, range })),
  )
}

/**
 * One job: finds what is due, scores it and writes it, retrying a failed attempt with backoff.
 * A job never overlaps itself: a trigger while it runs is counted and skipped (the running one
 * will have picked up everything due when it started; the next trigger picks up the rest).
 */
export function createScoreJobs(deps: JobDeps) {
  const running = new Map<ScorePeriod, Promise<number>>()
  const log = deps.logger.child({ component: 'score-job' })
  const attempt = async (period: ScorePeriod): Promise<number> => {
    const tasks = await dueTasks(deps, period)
    let written = 0
    // Period by period, oldest first, each written before the next is read: a crash keeps what
    // was written, and the state read back from InfluxDB never skips a gap.
    for (const end of [...new Set(tasks.map((t) => t.range.endMs))].sort((a, b) => a - b)) {
      const records = await scoreTasks(deps.scoring, tasks.filter((t) => t.range.endMs === end))
      await deps.sink.write(records, await rollupsFor(deps.scoring, records))
      count(deps.metrics, period, records)
      written += records.length
    }
    return written
  }
  const run = async (period: ScorePeriod): Promise<number> => {
    const endTimer = deps.metrics.duration.startTimer({ job: period })
    const delays = backoff({ initialMs: deps.retryDelay?.initialMs ?? 1_000, maxMs: deps.retryDelay?.maxMs ?? 60_000 })
    try {
      for (let i = 0; ; i++) {
        try {
          const n = await attempt(period)
          deps.metrics.runs.inc({ job: period, outcome: 'ok' })
          deps.metrics.lastSuccess.set({ job: period }, Date.now() / 1000)
          log.info({ job: period, records: n }, 'scoring run done')
          return n
        } catch (err) {
          if (i >= deps.retries) throw err
          deps.metrics.runs.inc({ job: period, outcome: 'retried' })
          const delayMs = delays.next().value
          log.warn({ err, job: period, attempt: i + 1, delayMs }, 'scoring run failed; retrying')
          await sleep(delayMs)
        }
      }
    } catch (err) {
      deps.metrics.runs.inc({ job: period, outcome: 'failed' })
      log.error({ err, job: period }, 'scoring run failed after retries')
      throw err
    } finally {
      endTimer()
    }
  }
  return {
    /** Runs a job unless it is running already (then resolves to null). */
    trigger(period: ScorePeriod): Promise<number | null> {
      if (running.has(period)) {
        deps.metrics.runs.inc({ job: period, outcome: 'skipped_overlap' })
        return Promise.resolve(null)
      }
      const p = run(period).finally(() => running.delete(period))
      running.set(period, p)
      return p
    },
    /** Every job once, e.g. at start (catch-up). */
    async all(): Promise<void> {
      for (const period of SCORE_PERIODS) await this.trigger(period).catch(() => undefined)
    },
    idle: () => Promise.allSettled([...running.values()]),
  }
}

export function count(metrics: ScorerMetrics, job: string, records: readonly ScoreRecord[]): void {
  metrics.plantsScored.inc({ job }, records.length)
  for (const r of records) {
    if (r.digitalization.status !== 'ok') metrics.notEnoughData.inc({ job, kind: 'digitalization' })
    if (r.energy.status !== 'ok') metrics.notEnoughData.inc({ job, kind: 'energy' })
  }
}
