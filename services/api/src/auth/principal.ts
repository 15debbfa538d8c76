import { z } from 'zod'

export const ROLES = ['plant_manager', 'energy_officer', 'platform', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** What a firm lets the platform role see (default: scores and energy totals, never raw telemetry). */
export const SHARE_KINDS = ['scores', 'energy_totals'] as const
export type ShareKind = (typeof SHARE_KINDS)[number]

/**
 * The data a route serves, which decides who may call it: `telemetry` is anything per machine or
 * line (efficiency, stops, live, data quality); the rest the platform role may read if shared.
 */
export type DataClass = 'registry' | 'telemetry' | 'energy' | 'energy_totals' | 'scores'

export const plantRefSchema = z.object({ firm: z.string(), plant: z.string() })
export type PlantRef = z.infer<typeof plantRefSchema>

/** Who is calling: a signed-in person (JWT) or a platform machine (API key). */
export interface Principal {
  subject: string
  role: Role
  /** energy_officer: the firm. */
  firms: readonly string[]
  /** plant_manager: the plants. */
  plants: readonly PlantRef[]
  /** API keys: which data classes the key may read; people: every class of their role. */
  scopes?: readonly DataClass[]
}

export type Sharing = (firm: string) => readonly ShareKind[]

/** Whether `p` may read `dataClass` of a firm (plant undefined: firm level) — the one tenancy rule. */
export function mayRead(p: Principal, target: { firm: string; plant?: string }, dataClass: DataClass, sharing: Sharing): boolean {
  if (p.scopes && !p.scopes.includes(dataClass)) return false
  switch (p.role) {
    case 'admin':
      return true
    case 'energy_officer':
      return p.firms.includes(target.firm)
    case 'plant_manager':
      return target.plant === undefined
        ? dataClass === 'registry' && p.plants.some((r) => r.firm === target.firm)
        : p.plants.some((r) => r.firm === target.firm && r.plant === target.plant)
    case 'platform': {
      const shared = sharing(target.firm)
      if (dataClass === 'registry') return shared.length > 0
      return (dataClass === 'energy_totals' && shared.includes('energy_totals')) || (dataClass === 'scores' && shared.includes('scores'))
    }
  }
}
