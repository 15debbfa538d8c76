import { registrySchema, type Firm, type Line, type Plant, type Registry } from '@millstream/contract'

export interface ScaleOptions {
  /** Keep only these plants: `firm` (all its plants) or `firm/plant`. Empty: all. */
  plants?: readonly string[]
  /** Each kept plant N times: copies get ids `{plant}-c2`, `{plant}-c3`, ... */
  plantCopies?: number
  /** Every production line gets exactly N machines: truncated, or extended with copies `{machine}-cK`. */
  machinesPerLine?: number
}

/**
 * The registry the simulator runs: a subset, or a scaled-up copy for load tests. Pure; the
 * result is validated again (ids must stay unique). Throws with the reason when a selector
 * matches nothing or the result is invalid.
 */
export function scaleRegistry(registry: Registry, options: ScaleOptions): Registry {
  const selectors = options.plants ?? []
  for (const s of selectors) {
    const [firmId, plantId] = s.split('/')
    const found = registry.firms.some((f) => f.id === firmId && (plantId === undefined || f.plants.some((p) => p.id === plantId)))
    if (!found) throw new Error(`--plants: no plant matches "${s}" (use firm or firm/plant ids from the registry)`)
  }
  const selected = (firm: Firm, plant: Plant) => selectors.length === 0 || selectors.includes(firm.id) || selectors.includes(`${firm.id}/${plant.id}`)
  const copies = options.plantCopies ?? 1
  const firms = registry.firms
    .map((firm) => ({
      ...firm,
      plants: firm.plants.filter((p) => selected(firm, p)).flatMap((plant) => copiesOf(resized(plant, options.machinesPerLine), copies)),
    }))
    .filter((firm) => firm.plants.length > 0)
  return registrySchema.parse({ version: 1, firms })
}

function copiesOf(plant: Plant, copies: number): Plant[] {
  return Array.from({ length: copies }, (_, i) => (i === 0 ? plant : { ...plant, id: `${plant.id}-c${i + 1}`, name: `${plant.name} (copy ${i + 1})` }))
}

function resized(plant: Plant, machinesPerLine: number | undefined): Plant {
  if (machinesPerLine === undefined) return plant
  const lines = plant.lines.map((line) => resizeLine(line, machinesPerLine))
  // Meters grow with what they feed: their maximum flow scales with the plant's (or line's) machine count.
  const count = (ls: readonly Line[], lineId?: string) => ls.filter((l) => lineId === undefined || l.id === lineId).reduce((n, l) => n + l.machines.length, 0)
  const meters = plant.meters.map((m) => {
    const before = count(plant.lines, m.scope === 'line' ? m.line : undefined)
    const factor = before > 0 ? Math.max(1, count(lines, m.scope === 'line' ? m.line : undefined) / before) : 1
    return m.maxFlowPerH === undefined ? m : { ...m, maxFlowPerH: m.maxFlowPerH * factor }
  })
  return { ...plant, lines, meters }
}

function resizeLine(line: Line, n: number): Line {
  if (line.machines.length === 0) return line
  const machines = Array.from({ length: n }, (_, i) => {
    const template = line.machines[i % line.machines.length] as Line['machines'][number]
    const round = Math.floor(i / line.machines.length)
    return round === 0 ? template : { ...template, id: `${template.id}-c${round + 1}`, name: `${template.name} (copy ${round + 1})` }
  })
  return { ...line, machines }
}
