import { lineSchema, meterSchema, sensorSchema, shiftCalendarSchema } from '@millstream/contract'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { errorSchema, notFound } from '../http/api-error.ts'
import type { Tenancy } from '../http/tenancy.ts'

const idParam = z.string().min(1).max(64)
export const firmParams = z.object({ firm: idParam })
export const plantParams = firmParams.extend({ plant: idParam })
const refusals = { 401: errorSchema, 403: errorSchema, 404: errorSchema }

const plantSummary = z.object({ id: z.string(), name: z.string(), timeZone: z.string(), lines: z.number(), machines: z.number(), meters: z.number() })
const firmSummary = z.object({ id: z.string(), name: z.string(), plants: z.array(plantSummary) })
const summarise = (p: { id: string; name: string; timeZone: string; lines: { machines: unknown[] }[]; meters: unknown[] }) => ({
  id: p.id, name: p.name, timeZone: p.timeZone, lines: p.lines.length, machines: p.lines.reduce((n, l) => n + l.machines.length, 0), meters: p.meters.length,
})

/** The registry as each caller may see it: firms, plants, lines with machines, meters, shift calendars. */
export const registryRoutes = (tenancy: Tenancy): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/v1/firms', {
      schema: { tags: ['registry'], summary: 'Firms and plants visible to the caller', response: { 200: z.array(firmSummary), ...refusals } },
    }, async (req) => tenancy.visible(req).map((f) => ({ id: f.id, name: f.name, plants: f.plants.map(summarise) })))

    app.get('/v1/firms/:firm', {
      schema: { tags: ['registry'], summary: 'One firm and its visible plants', params: firmParams, response: { 200: firmSummary, ...refusals } },
    }, async (req) => {
      tenancy.firm(req, req.params.firm, 'registry')
      const firm = tenancy.visible(req).find((f) => f.id === req.params.firm)
      if (!firm) throw notFound('firm')
      return { id: firm.id, name: firm.name, plants: firm.plants.map(summarise) }
    })

    app.get('/v1/firms/:firm/plants/:plant', {
      schema: {
        tags: ['registry'], summary: 'A plant: lines with machines, meters, sensors and shift calendar', params: plantParams,
        response: { 200: z.object({ id: z.string(), name: z.string(), timeZone: z.string(), lines: z.array(lineSchema), meters: z.array(meterSchema), sensors: z.array(sensorSchema), shiftCalendar: shiftCalendarSchema }), ...refusals },
      },
    }, async (req) => {
      const { plant } = tenancy.plant(req, req.params.firm, req.params.plant, 'registry')
      return { id: plant.id, name: plant.name, timeZone: plant.timeZone, lines: plant.lines, meters: plant.meters, sensors: plant.sensors, shiftCalendar: plant.shiftCalendar }
    })

    app.get('/v1/firms/:firm/plants/:plant/shift-calendar', {
      schema: { tags: ['registry'], summary: "The plant's shifts and non-working weekdays", params: plantParams, response: { 200: shiftCalendarSchema, ...refusals } },
    }, async (req) => tenancy.plant(req, req.params.firm, req.params.plant, 'registry').plant.shiftCalendar)
  }
