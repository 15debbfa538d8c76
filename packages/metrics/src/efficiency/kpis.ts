import { finite, finiteDeep, finiteResult } from '../input/check-number.ts'
import { checkElements } from './check-elements.ts'
import type { EfficiencyElements } from './elements.ts'

/**
 * ISO 22400-2 KPIs [S4][S1] of summed elements. Ratios are fractions (0.85, not 85 %); a KPI whose
 * denominator is zero is null, never NaN or Infinity.
 */
export interface Kpis {
  /** PBT = APT + ASUT + ADET + ADOT (= POT − PDT). */
  pbtMs: number
  /** POT = PBT + PDT. */
  potMs: number
  /** AUPT = APT + ASUT. */
  auptMs: number
  /** AUBT = APT + ASUT + ADET: busy with an order (ADOT is available but not busy). */
  aubtMs: number
  /** A = APT / PBT. */
  availability: number | null
  /** E = PRU × PQ / APT; above 1 when the machine beats its ideal rate. */
  effectiveness: number | null
  /** Q = GQ / PQ; 1 when no good count is reported (qualityMeasured false). */
  quality: number
  qualityMeasured: boolean
  /** OEE = A × E × Q, computed as (PRU × PQ × Q) / PBT so a machine that never ran scores 0. */
  oee: number | null
  /** NEE = AUPT / PBT × E × Q: setup not counted as a loss. */
  nee: number | null
  /** APT / (APT + ADET). */
  technicalEfficiency: number | null
  /** ASUT / AUPT. */
  setupRate: number | null
  /** AUBT / PBT. */
  allocationEfficiency: number | null
  /** APT / AUBT. */
  utilizationEfficiency: number | null
  /** SQ / PQ = 1 − Q, over machines that report a good count; null when none does. */
  scrapRatio: number | null
  /** Stops (entries into `down`). */
  stopCount: number
  /** MTBF: running time per stop (mean time between failures, IEC 60050-191 via [S4]). */
  mtbfMs: number | null
  /** MTTR: down time per stop (mean time to restoration). */
  mttrMs: number | null
  /** Share of the window's time with data (not `unknown`). */
  dataCoverage: number | null
}

export function kpis(e: EfficiencyElements): Kpis {
  checkElements('elements', e)
  return finiteDeep('elements', kpisOf(e))
}

function kpisOf(e: EfficiencyElements): Kpis {
  const pbtMs = e.aptMs + e.asutMs + e.adetMs + e.adotMs
  const auptMs = e.aptMs + e.asutMs
  const aubtMs = auptMs + e.adetMs
  const qualityMeasured = e.idealInspectedMs > 0
  const quality = qualityMeasured ? e.idealGoodMs / e.idealInspectedMs : 1
  const effectiveness = ratioOrNull(e.idealProducedMs, e.aptMs)
  // With no run time, OEE is 0 if nothing was produced and undefined if counts arrived anyway.
  const producedNothing = e.idealProducedMs === 0
  const oee = pbtMs === 0 ? null : effectiveness === null ? (producedNothing ? 0 : null) : (e.idealProducedMs * quality) / pbtMs
  const nee = pbtMs === 0 ? null : effectiveness === null ? (producedNothing ? 0 : null) : (auptMs / pbtMs) * effectiveness * quality
  const stops = Object.values(e.stops)
  const stopCount = stops.reduce((n, s) => n + s.count, 0)
  const downMs = stops.reduce((n, s) => n + s.durationMs, 0)
  const totalMs = pbtMs + e.pdtMs + e.nonScheduledMs + e.unknownMs
  return {
    pbtMs,
    potMs: pbtMs + e.pdtMs,
    auptMs,
    aubtMs,
    availability: ratioOrNull(e.aptMs, pbtMs),
    effectiveness,
    quality,
    qualityMeasured,
    oee,
    nee,
    technicalEfficiency: ratioOrNull(e.aptMs, e.aptMs + e.adetMs),
    setupRate: ratioOrNull(e.asutMs, auptMs),
    allocationEfficiency: ratioOrNull(aubtMs, pbtMs),
    utilizationEfficiency: ratioOrNull(e.aptMs, aubtMs),
    scrapRatio: qualityMeasured ? 1 - quality : null,
    stopCount,
    mtbfMs: ratioOrNull(e.aptMs, stopCount),
    mttrMs: ratioOrNull(downMs, stopCount),
    dataCoverage: ratioOrNull(totalMs - e.unknownMs, totalMs),
  }
}

/** a / b, or null when b is zero. */
export function ratioOrNull(a: number, b: number): number | null {
  finite('a', a)
  return finite('b', b) === 0 ? null : finiteResult('a', a / b)
}
