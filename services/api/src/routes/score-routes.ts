import { SCORE_PERIODS, scoreRecordSchema, type ScoreRecord } from '@millstream/contract'
import { localDays, type Store } from '@millstream/store'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { errorSchema } from '../http/api-error.ts'
import { sendAnswer } from '../http/table-export.ts'
import type { Tenancy } from '../http/tenancy.ts'
import { answerResponses, rangeQuery } from '../range/plant-range-of.ts'
import { limitExceeded } from '../range/report-windows.ts'
import { plantParams } from './registry-routes.ts'

const scoreQuery = rangeQuery.pick({ from: true, to: true, format: true }).extend({ period: z.enum(SCORE_PERIODS).default('day') })
const MAX_SCORE_DAYS = 400

const window = (r: ScoreRecord) => ({ from: new Date(Date.parse(r.periodStart)).toISOString(), to: new Date(Date.parse(r.periodEnd)).toISOString() })
const summary = (r: ScoreRecord) => ({
  digitalization: r.digitalization.score, digitalizationLevel: r.digitalization.level?.id ?? null, digitalizationStatus: r.digitalization.status,
  energy: r.energy.score, energyLevel: r.energy.level?.id ?? null, energyStatus: r.energy.status,
  completeness: r.dataSufficiency.completeness, meetsMonitoringRule: r.dataSufficiency.meetsMonitoringRule, modelVersions: `${r.digitalization.modelVersion} ${r.energy.modelVersion}`,
})

/** A plant's scores as the scorer wrote them (docs/scores.md): history, components, and the full latest record. */
export const scoreRoutes = (o: { store: Store; tenancy: Tenancy }): FastifyPluginAsyncZod =>
  async (app) => {
    const base = '/v1/firms/:firm/plants/:plant/scores'
    const recordsOf = async (req: Parameters<Tenancy['plant']>[0], params: { firm: string; plant: string }, q: z.infer<typeof scoreQuery>, latest = false) => {
      const { firm, plant } = o.tenancy.plant(req, params.firm, params.plant, 'scores')
      const range = localDays(q.from, q.to, plant.timeZone)
      if ((range.endMs - range.startMs) / 86_400_000 > MAX_SCORE_DAYS + 1) throw limitExceeded(`query: at most ${MAX_SCORE_DAYS} days of scores per request`)
      return o.store.scoreRecords({ firm: firm.id, plant: plant.id, period: q.period, range, latest })
    }

    app.get(base, {
      schema: { tags: ['scores'], summary: 'Digitalization and energy score per period (rolling 24 h, day, month) with level, status and data sufficiency', params: plantParams, querystring: scoreQuery, response: answerResponses },
    }, async (req, reply) => {
      const records = await recordsOf(req, req.params, req.query)
      return sendAnswer(reply, req.query.format, 'scores', { unit: { digitalization: 'score 0-100', energy: 'score 0-100', completeness: 'ratio 0..1' }, rows: records.map((r) => ({ group: {}, ...window(r), values: summary(r) })) })
    })

    app.get(`${base}/components`, {
      schema: { tags: ['scores'], summary: 'Each score component per period: value, floor, target, weight, sub-score, points, inputs and source', params: plantParams, querystring: scoreQuery, response: answerResponses },
    }, async (req, reply) => {
      const records = await recordsOf(req, req.params, req.query)
      const rows = records.flatMap((r) => (['digitalization', 'energy'] as const).flatMap((kind) => r[kind].components.map((c) => ({
        group: { kind, component: c.id }, ...window(r),
        values: { name: c.name, state: c.state, value: c.value, floor: c.floor, target: c.target, weight: c.weight, subScore: c.subScore, points: c.points, reason: c.reason ?? null, inputs: JSON.stringify(c.inputs), source: c.source, status: c.status },
      }))))
      return sendAnswer(reply, req.query.format, 'score-components', { unit: { points: 'score points', weight: 'share', subScore: 'ratio 0..1' }, rows })
    })

    app.get(`${base}/latest`, {
      schema: {
        tags: ['scores'], summary: 'The latest score record in the range: components, MIIT-aligned evidence, data sufficiency and the diagnosis (what would raise the score most)',
        params: plantParams, querystring: scoreQuery.omit({ format: true }),
        response: { 200: z.object({ record: scoreRecordSchema.nullable() }), 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (req) => {
      const records = await recordsOf(req, req.params, { ...req.query, format: 'json' }, true)
      return { record: records.at(-1) ?? null }
    })
  }
