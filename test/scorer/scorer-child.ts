// A scorer process for the SIGKILL test: the real composition (createScorer) with an injected
// clock (FAKE_NOW) instead of wall-clock cron; it runs one job (SCORER_TEST_JOB) once and exits.
import { createLogger } from '@millstream/runtime'
import { createScorer } from '@millstream/scorer'
import type { ScorerConfig } from '@millstream/scorer'
import { WEEK_BENCHMARKS, WEEK_REGISTRY } from './week-registry.ts'

const config = JSON.parse(process.env.SCORER_TEST_CONFIG ?? '{}') as ScorerConfig
const now = Number(process.env.FAKE_NOW)
const scorer = await createScorer({ config, logger: createLogger({ name: 'scorer-child', level: 'warn' }), registry: WEEK_REGISTRY, benchmarks: WEEK_BENCHMARKS, now: () => now, schedule: false, catchUp: false })
await scorer.start()
await scorer.jobs.trigger((process.env.SCORER_TEST_JOB ?? 'day') as 'day' | 'rolling_24h' | 'month')
await scorer.stop()
process.exit(0)
