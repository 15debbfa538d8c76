import { finite, finiteDeep, finiteResult } from '../input/check-number.ts'
import { checkElements } from './check-elements.ts'
import { creditedAptOf, creditedIdealOf, type EfficiencyElements } from './elements.ts'

/**
 * Why effectiveness (performance) is null though the machines were in planned time:
 * `no_run_time`, nothing ran; `no_batch_ended`, batch machines ran but none of their batches ended
 * in the window (their output is credited when a batch ends, batchCredit); `batch_time_unknown`,
 * the only batches that ended began before the data did (or ran through unknown time), so their
 * run time is not known and no performance is made up for them.
 */
export const EFFECTIVENESS_GAPS = ['no_run_time', 'no_batch_ended', 'batch_time_unknown'] as const
export type EffectivenessGap = (typeof EFFECTIVENESS_GAPS)[number]

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
  /**
   * E = PRU × PQ / APT over the output credited with run time (a batch machine's output with its
   * batch's run time, when the batch ends); above 1 when the machine beats its ideal rate.
   */
  effectiveness: number | null
  /** Why effectiveness is null while PBT is not 0 (then OEE and NEE are null too, unless nothing ran); null otherwise. */
  effectivenessGap: EffectivenessGap | null
  /** Q = GQ / PQ; 1 when no good count is reported (qualityMeasured false). */
  quality: number
  qualityMeasured: boolean
  /** OEE = A × E × Q (for continuous machines (PRU × PQ × Q) / PBT); a machine that never ran scores 0. */
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
  const creditedAptMs = creditedAptOf(e)
  const creditedIdealMs = creditedIdealOf(e)
  const effectiveness = ratioOrNull(creditedIdealMs, creditedAptMs)
  // With no run time, OEE is 0 if nothing was produced and undefined if counts arrived anyway.
  const ranNothing = e.aptMs === 0 && e.idealProducedMs === 0
  // A × E × PBT: the credited ideal time scaled to the window's run time (equal to it when every machine is continuous).
  const idealOfRunMs = effectiveness === null ? 0 : creditedAptMs === e.aptMs ? creditedIdealMs : effectiveness * e.aptMs
  const oee = pbtMs === 0 ? null : effectiveness === null ? (ranNothing ? 0 : null) : (idealOfRunMs * quality) / pbtMs
  const nee = pbtMs === 0 ? null : effectiveness === null ? (ranNothing ? 0 : null) : (auptMs / pbtMs) * effectiveness * quality
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
    effectivenessGap: effectiveness !== null || pbtMs === 0 ? null : effectivenessGap(e, creditedIdealMs),
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

function effectivenessGap(e: EfficiencyElements, creditedIdealMs: number): EffectivenessGap {
  if (e.aptMs === 0 && creditedAptOf(e) === 0) return 'no_run_time'
  return e.idealProducedMs > creditedIdealMs ? 'batch_time_unknown' : 'no_batch_ended'
}

/** a / b, or null when b is zero. */
export function ratioOrNull(a: number, b: number): number | null {
  finite('a', a)
  return finite('b', b) === 0 ? null : finiteResult('a', a / b)
}
