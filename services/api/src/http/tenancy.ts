import type { Firm, Plant, Registry } from '@millstream/contract'
import type { FastifyRequest } from 'fastify'
import { mayRead, type DataClass, type Sharing } from '../auth/principal.ts'
import { forbidden, notFound } from './api-error.ts'
import { principalOf } from './authenticate.ts'

/**
 * Access is checked before existence, so a caller learns nothing of another tenant's ids:
 * someone else's plant and a plant that does not exist are both 403 unless the caller is admin.
 */
export function createTenancy(registry: Registry, sharing: Sharing) {
  const firms = new Map(registry.firms.map((f) => [f.id, f]))
  return {
    firm(req: FastifyRequest, firmId: string, dataClass: DataClass): Firm {
      if (!mayRead(principalOf(req), { firm: firmId }, dataClass, sharing)) throw forbidden()
      const firm = firms.get(firmId)
      if (!firm) throw notFound('firm')
      return firm
    },
    plant(req: FastifyRequest, firmId: string, plantId: string, dataClass: DataClass): { firm: Firm; plant: Plant } {
      if (!mayRead(principalOf(req), { firm: firmId, plant: plantId }, dataClass, sharing)) throw forbidden()
      const firm = firms.get(firmId)
      const plant = firm?.plants.find((p) => p.id === plantId)
      if (!firm || !plant) throw notFound('plant')
      return { firm, plant }
    },
    /** The plants (with their firm) whose `dataClass` the caller may read: what a platform ranking may include. */
    readable(req: FastifyRequest, dataClass: DataClass): { firm: Firm; plant: Plant }[] {
      const p = principalOf(req)
      return registry.firms.flatMap((f) => f.plants.filter((pl) => mayRead(p, { firm: f.id, plant: pl.id }, dataClass, sharing)).map((plant) => ({ firm: f, plant })))
    },
    /** The firms (and in them the plants) the caller may see at all. */
    visible(req: FastifyRequest): Firm[] {
      const p = principalOf(req)
      return registry.firms
        .filter((f) => mayRead(p, { firm: f.id }, 'registry', sharing))
        .map((f) => ({ ...f, plants: f.plants.filter((pl) => mayRead(p, { firm: f.id, plant: pl.id }, 'registry', sharing)) }))
    },
  }
}
export type Tenancy = ReturnType<typeof createTenancy>
