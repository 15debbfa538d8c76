import { checkElements, finiteElements } from './check-elements.ts'

/** Units a production counter can count in (packages/contract payloads.ts COUNT_UNITS). */
export const COUNT_UNITS = ['pick', 'm', 'kg', 'piece', 'doff'] as const
export type CountUnit = (typeof COUNT_UNITS)[number]

/** Stop events and the down time of one reason code. */
export interface StopTally {
  count: number
  durationMs: number
}

/**
 * ISO 22400-2 time and quantity elements [S4] of one machine, line, plant or firm over a window.
 * Elements add up across machines and windows (addElements); KPIs are computed from the sums
 * (kpis.ts), never by averaging percentages (domain.md §1.2 aggregation rule).
 *
 * Quantities of different machines are in different units (picks, kg, pieces), so the quantity
 * terms that KPIs divide are carried as ideal time: PRU × PQ, the time the produced quantity
 * takes at the ideal rate. For one machine PRU cancels and the ISO ratios are exact.
 */
export interface EfficiencyElements {
  /** APT: running. */
  aptMs: number
  /** ASUT: setup (doffing, article or beam change). */
  asutMs: number
  /** ADET: down inside planned time (breakdowns, warp and weft stops, minor stops). */
  adetMs: number
  /** ADOT: idle inside planned time (available, waiting for material, operator, order). */
  adotMs: number
  /** PDT: planned stops inside a shift, and non-running time in planned breaks. */
  pdtMs: number
  /** Outside planned operation time: `off`, and idle/down/planned stops outside every shift. */
  nonScheduledMs: number
  /** No data beyond the staleness limit: outside every KPI denominator, reported as coverage. */
  unknownMs: number
  /** Non-running time inside POT (ASUT + ADET + ADOT + PDT) that carries a reason code. */
  reasonedMs: number
  /** Σ PRU × PQ: ideal time of everything produced. */
  idealProducedMs: number
  /** Σ PRU × PQ over machines that report a good count. */
  idealInspectedMs: number
  /** Σ PRU × GQ. */
  idealGoodMs: number
  /**
   * Performance's denominator: the run time credited with output. A batch machine's output is
   * credited with its batch's run time when the batch ends (batchCredit); absent, it is `aptMs`
   * (a continuous machine, or InfluxDB points written before batch credit existed).
   */
  creditedAptMs?: number
  /** Performance's numerator: PRU × PQ of the output credited with run time (batches of unknown time left out); absent, `idealProducedMs`. */
  creditedIdealMs?: number
  /** PQ per unit. */
  producedQty: Partial<Record<CountUnit, number>>
  /** PQ per unit, of machines that report a good count. */
  inspectedQty: Partial<Record<CountUnit, number>>
  /** GQ per unit. */
  goodQty: Partial<Record<CountUnit, number>>
  /** Stops (entries into `down`) by reason code; `unspecified` when the device sent none. */
  stops: Record<string, StopTally>
}

export function emptyElements(): EfficiencyElements {
  return {
    aptMs: 0, asutMs: 0, adetMs: 0, adotMs: 0, pdtMs: 0, nonScheduledMs: 0, unknownMs: 0, reasonedMs: 0,
    idealProducedMs: 0, idealInspectedMs: 0, idealGoodMs: 0,
    producedQty: {}, inspectedQty: {}, goodQty: {}, stops: {},
  }
}

const TIME_AND_IDEAL_KEYS = [
  'aptMs', 'asutMs', 'adetMs', 'adotMs', 'pdtMs', 'nonScheduledMs', 'unknownMs', 'reasonedMs',
  'idealProducedMs', 'idealInspectedMs', 'idealGoodMs',
] as const satisfies readonly (keyof EfficiencyElements)[]

/** Elements of two machines or windows together: every element is a sum. */
export function addElements(a: EfficiencyElements, b: EfficiencyElements): EfficiencyElements {
  checkElements('a', a)
  checkElements('b', b)
  return finiteElements('a + b', add(a, b))
}

function add(a: EfficiencyElements, b: EfficiencyElements): EfficiencyElements {
  const sum = emptyElements()
  for (const key of TIME_AND_IDEAL_KEYS) sum[key] = a[key] + b[key]
  // A part without credited time is one whose run time is its own (continuous, or written before batch credit).
  if (a.creditedAptMs !== undefined || b.creditedAptMs !== undefined) sum.creditedAptMs = creditedAptOf(a) + creditedAptOf(b)
  if (a.creditedIdealMs !== undefined || b.creditedIdealMs !== undefined) sum.creditedIdealMs = creditedIdealOf(a) + creditedIdealOf(b)
  sum.producedQty = addByUnit(a.producedQty, b.producedQty)
  sum.inspectedQty = addByUnit(a.inspectedQty, b.inspectedQty)
  sum.goodQty = addByUnit(a.goodQty, b.goodQty)
  for (const stops of [a.stops, b.stops]) {
    for (const [reason, tally] of Object.entries(stops)) {
      const into = (sum.stops[reason] ??= { count: 0, durationMs: 0 })
      into.count += tally.count
      into.durationMs += tally.durationMs
    }
  }
  return sum
}

/** The run time credited with output: `creditedAptMs`, or APT when the elements carry none. */
export const creditedAptOf = (e: EfficiencyElements): number => e.creditedAptMs ?? e.aptMs
/** The ideal time of the output credited with run time: `creditedIdealMs`, or all output's when the elements carry none. */
export const creditedIdealOf = (e: EfficiencyElements): number => e.creditedIdealMs ?? e.idealProducedMs

export function sumElements(list: Iterable<EfficiencyElements>): EfficiencyElements {
  let sum = emptyElements()
  let i = 0
  for (const e of list) {
    checkElements(`list[${i++}]`, e)
    sum = add(sum, e)
  }
  return finiteElements('list', sum)
}

function addByUnit(a: Partial<Record<CountUnit, number>>, b: Partial<Record<CountUnit, number>>): Partial<Record<CountUnit, number>> {
  const sum: Partial<Record<CountUnit, number>> = { ...a }
  for (const [unit, qty] of Object.entries(b) as [CountUnit, number][]) sum[unit] = (sum[unit] ?? 0) + qty
  return sum
}
