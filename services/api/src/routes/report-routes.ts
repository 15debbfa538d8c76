import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { FIRM_REPORT_KINDS, FIRM_REPORT_PLANT, REPORT_FILES, REPORT_KINDS, reportFilePath, reportIndexSchema, reportPeriodSchema, type ReportEntry, type ReportKind } from '@millstream/contract'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { DataClass } from '../auth/principal.ts'
import { errorSchema, notFound } from '../http/api-error.ts'
import type { Tenancy } from '../http/tenancy.ts'
import { firmParams, plantParams } from './registry-routes.ts'

/** What a report of each kind shows decides who may read it: energy reports need `energy`, the daily summary per-machine `telemetry`. */
const CLASS_OF: Record<ReportKind, DataClass> = { 'energy-monthly': 'energy', 'daily-summary': 'telemetry', 'online-monitoring': 'energy', 'energy-monthly-firm': 'energy', shift: 'telemetry' }
const TYPE_OF = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', json: 'application/json; charset=utf-8' } as const
const entrySchema = z.object({ kind: z.enum(REPORT_KINDS), period: z.string(), from: z.string(), to: z.string(), warnings: z.number(), generatedAt: z.string(), files: z.record(z.string(), z.string()) })
const refusals = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema }

/**
 * The reports the reports service wrote (REPORTS_DIR, shared with it as API_REPORTS_DIR; its
 * index.json is the contract's reportIndexSchema): listed per plant and downloaded, with the same
 * tenancy rule as every other route. Files are found through the index and fixed names only, so a
 * request can never name a path.
 */
export const reportRoutes = (o: { tenancy: Tenancy; dir: string }): FastifyPluginAsyncZod =>
  async (app) => {
    const index = (): ReportEntry[] => {
      const path = join(o.dir, 'index.json')
      return existsSync(path) ? reportIndexSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).reports : []
    }
    const may = (req: FastifyRequest, p: { firm: string; plant: string }, kind: ReportKind) => {
      try {
        o.tenancy.plant(req, p.firm, p.plant, CLASS_OF[kind])
        return true
      } catch {
        return false
      }
    }
    const base = '/v1/firms/:firm/plants/:plant/reports'
    const toWire = (e: ReportEntry, prefix: string) => ({ kind: e.kind, period: e.period, from: e.from, to: e.to, warnings: e.warnings, generatedAt: e.generatedAt, files: Object.fromEntries(e.files.map((f) => [f, `${prefix}/${e.kind}/${e.period}/${f}`])) })
    const send = (reply: FastifyReply, e: Pick<ReportEntry, 'firm' | 'plant' | 'kind' | 'period'>, file: (typeof REPORT_FILES)[number]) => {
      const entry = index().find((x) => x.firm === e.firm && x.plant === e.plant && x.kind === e.kind && x.period === e.period)
      const path = join(o.dir, reportFilePath(e, file))
      if (!entry?.files.includes(file) || !existsSync(path)) throw notFound('report')
      const ext = file.split('.').at(-1) as keyof typeof TYPE_OF
      reply.header('content-disposition', `attachment; filename="${e.plant === FIRM_REPORT_PLANT ? e.firm : e.plant}-${e.kind}-${e.period}-${file}"`)
      // Sent raw (no JSON serializer); returning the reply tells Fastify the answer is out.
      void reply.type(TYPE_OF[ext]).send(readFileSync(path))
      return reply
    }

    app.get(base, {
      schema: { tags: ['reports'], summary: "The plant's generated reports (monthly energy, daily summary) and their files", params: plantParams, querystring: z.object({ kind: z.enum(REPORT_KINDS).optional() }), response: { 200: z.array(entrySchema), ...refusals } },
    }, async (req) => {
      o.tenancy.plant(req, req.params.firm, req.params.plant, 'energy')
      return index()
        .filter((e) => e.firm === req.params.firm && e.plant === req.params.plant && (!req.query.kind || e.kind === req.query.kind) && may(req, req.params, e.kind))
        .map((e) => toWire(e, `/v1/firms/${e.firm}/plants/${e.plant}/reports`))
    })

    // The firm's own reports (all its plants) need the firm-level `energy` class: an energy officer, not a plant manager.
    app.get('/v1/firms/:firm/reports', {
      schema: { tags: ['reports'], summary: "The firm's generated reports (monthly energy of all its plants) and their files", params: firmParams, response: { 200: z.array(entrySchema), ...refusals } },
    }, async (req) => {
      o.tenancy.firm(req, req.params.firm, 'energy')
      return index().filter((e) => e.firm === req.params.firm && e.plant === FIRM_REPORT_PLANT).map((e) => toWire(e, `/v1/firms/${e.firm}/reports`))
    })

    app.get('/v1/firms/:firm/reports/:kind/:period/:file', {
      schema: { tags: ['reports'], summary: "One file of a firm's report", params: firmParams.extend({ kind: z.enum(FIRM_REPORT_KINDS), period: reportPeriodSchema, file: z.enum(REPORT_FILES) }), response: refusals },
    }, async (req, reply) => {
      o.tenancy.firm(req, req.params.firm, CLASS_OF[req.params.kind])
      return send(reply as FastifyReply, { firm: req.params.firm, plant: FIRM_REPORT_PLANT, kind: req.params.kind, period: req.params.period }, req.params.file)
    })

    app.get(`${base}/:kind/:period/:file`, {
      schema: { tags: ['reports'], summary: 'One file of a report: PDF or XLSX in zh-CN or English, or its JSON', params: plantParams.extend({ kind: z.enum(REPORT_KINDS), period: reportPeriodSchema, file: z.enum(REPORT_FILES) }), response: refusals },
    }, async (req, reply) => {
      const { firm, plant, kind, period, file } = req.params
      o.tenancy.plant(req, firm, plant, CLASS_OF[kind])
      return send(reply as FastifyReply, { firm, plant, kind, period }, file)
    })
  }
