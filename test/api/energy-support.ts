import type { TestPoint } from '../store/plant-points.ts'

/** The store tests' point ids renamed to the test registry's (loom-1 → loom-01, incomer-el → incomer-electricity ...). */
export function toRegistryIds(points: readonly TestPoint[], rename: Record<string, Record<string, string>> = {}): TestPoint[] {
  const ids: Record<string, Record<string, string>> = {
    'loom-1': { machine: 'loom-01' }, 'loom-2': { machine: 'loom-02' }, 'rf-1': { machine: 'rf-01' }, ...rename,
  }
  return points.map((p) => {
    const id = p.tags.machine ?? p.tags.device ?? p.tags.meter ?? ''
    const tags = { ...p.tags }
    if (tags.meter === 'incomer-el') tags.meter = 'incomer-electricity'
    const to = ids[id]
    if (to) {
      if (tags.machine !== undefined) Object.assign(tags, to)
      if (tags.device !== undefined) Object.assign(tags, { device: to.machine ?? tags.device, ...(to.line ? { line: to.line } : {}) })
    }
    return { ...p, tags }
  })
}

/** Sum of a field over points of a measurement in [fromMs, toMs) that `pick` keeps. */
export function sumOf(points: readonly TestPoint[], o: { measurement: string; field: string; fromMs: number; toMs: number; pick?: (p: TestPoint) => boolean }): number {
  return points.filter((p) => p.measurement === o.measurement && p.timeMs >= o.fromMs && p.timeMs < o.toMs && (o.pick?.(p) ?? true)).reduce((n, p) => n + (p.fields[o.field] ?? 0), 0)
}
