import { ramp, redistributeWeights } from './ramp.ts'
import type { ComponentConfig, Evaluation, GateFailure, ScoreComponent, ScoreResult } from './score-model.ts'

/**
 * Weights, sub-scores and status of a score from its components' evaluations (domain.md §5):
 * score = 100 × Σ wᵢ sᵢ over available components after weight redistribution. A failed gate or
 * no available component gives "insufficient data", never an imputed number.
 */
export function composeScore(input: {
  kind: ScoreResult['kind']
  modelVersion: string
  components: readonly ComponentConfig[]
  evaluations: Readonly<Record<string, Evaluation>>
  failing: GateFailure[]
  notes?: string[]
}): ScoreResult {
  const available = new Set(input.components.filter((c) => isScored(input.evaluations[c.id])).map((c) => c.id))
  const weights = redistributeWeights(input.components, available)
  const components: ScoreComponent[] = input.components.map((c) => {
    const ev = input.evaluations[c.id] ?? { unavailable: 'not computed', inputs: {} }
    const base = { id: c.id, name: c.name, baseWeight: c.weight, source: c.source, status: c.status, inputs: ev.inputs }
    if (!('value' in ev)) return { ...base, state: 'unavailable', value: null, subScore: null, weight: 0, floor: c.floor, target: c.target, reason: ev.unavailable }
    const floor = ev.floor ?? c.floor
    const target = ev.target ?? c.target
    return { ...base, state: 'scored', value: ev.value, subScore: ev.subScore ?? ramp(ev.value, floor, target), weight: weights.get(c.id) ?? 0, floor, target }
  })
  const failing = [...input.failing]
  if (available.size === 0) failing.push({ input: 'components', value: 0, required: 'at least one component with data' })
  const ok = failing.length === 0
  const score = ok ? 100 * components.reduce((s, c) => s + c.weight * (c.subScore ?? 0), 0) : null
  return { kind: input.kind, modelVersion: input.modelVersion, status: ok ? 'ok' : 'insufficient_data', score, components, failing, notes: input.notes ?? [] }
}

function isScored(ev: Evaluation | undefined): boolean {
  return ev !== undefined && 'value' in ev
}

/** A ratio component: value = numerator / denominator, unavailable without a denominator. */
export function ratioEvaluation(input: { numerator: number; denominator: number } | undefined, names: [string, string]): Evaluation {
  if (!input) return { unavailable: 'input not provided', inputs: {} }
  const inputs = { [names[0]]: input.numerator, [names[1]]: input.denominator }
  if (!(input.denominator > 0)) return { unavailable: `${names[1]} is zero`, inputs }
  return { value: input.numerator / input.denominator, inputs }
}
