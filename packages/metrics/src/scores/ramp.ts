import { finite, share } from '../input/check-number.ts'
/**
 * Piecewise-linear ramp (domain.md §5 principle 2): s = clamp((x − floor) / (target − floor), 0, 1).
 * With target < floor it runs the other way (lower is better).
 */
export function ramp(x: number, floor: number, target: number): number {
  finite('x', x)
  finite('floor', floor)
  finite('target', target)
  if (target === floor) return x >= target ? 1 : 0
  // Both differences of huge finite numbers can overflow; the ramp's answer is still clear.
  const position = (x - floor) / (target - floor)
  return Number.isNaN(position) ? (target > floor ? Number(x >= target) : Number(x <= target)) : clamp01(position)
}

export function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x))
}

/**
 * Final weights when some components are unavailable: each missing weight moves to the available
 * components it names (or to all available ones), in proportion to their base weights. The
 * result sums to 1 whenever at least one component is available, whatever the order.
 */
export function redistributeWeights(components: readonly { id: string; weight: number; redistributeTo: readonly string[] }[], available: ReadonlySet<string>): Map<string, number> {
  // Weights are shares of the score (config schema: 0-1), so no sum of them can overflow.
  components.forEach((c, i) => share(`components[${i}].weight`, c.weight))
  const weights = new Map<string, number>()
  for (const c of components) weights.set(c.id, available.has(c.id) ? c.weight : 0)
  const availableList = components.filter((c) => available.has(c.id))
  for (const c of components) {
    if (available.has(c.id) || c.weight === 0) continue
    let targets = availableList.filter((t) => c.redistributeTo.includes(t.id))
    if (targets.length === 0) targets = availableList
    const targetWeight = targets.reduce((s, t) => s + t.weight, 0)
    for (const t of targets) {
      const part = targetWeight > 0 ? t.weight / targetWeight : 1 / targets.length
      weights.set(t.id, (weights.get(t.id) ?? 0) + c.weight * part)
    }
  }
  return weights
}
