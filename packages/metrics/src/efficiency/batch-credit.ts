import { apportionDeltas, checkAmounts } from '../counters/apportion.ts'
import type { DeltaInterval } from '../counters/cumulative-deltas.ts'
import { checkWindows, finiteDeep, interval, isInterval, nonNegative, positive } from '../input/check-number.ts'
import { MetricsInputError } from '../input/input-error.ts'
import type { Interval } from '../time/interval.ts'
import type { ElementSegment } from './element-segments.ts'

/**
 * What a batch machine's performance carries from one window to the next: the run time (APT) of
 * the batch in progress that no output has been credited with yet, and whether all of its time
 * since the previous credit is known.
 */
export interface BatchCarry {
  pendingAptMs: number
  /**
   * False when part of the batch's time is unknown: the batch began before the first window seen
   * (the caller first saw the device during it), the state was `unknown` for a while since the
   * previous credit, or the previous step of the register was a discontinuity.
   */
  timeKnown: boolean
}

/** Where a device first seen starts: a batch in progress whose start is unknown. */
export const UNKNOWN_BATCH_START: BatchCarry = Object.freeze({ pendingAptMs: 0, timeKnown: false })

export interface BatchCreditInput {
  window: Interval
  /** The window's element timeline (elementSegments), covering the window. */
  segments: readonly ElementSegment[]
  /** The count register's intervals (cumulativeDeltas) that decide the window's output. */
  intervals: readonly DeltaInterval[]
  idealRatePerMin: number
  carryIn: BatchCarry
  /** The counters' spread rule (apportionDeltas): longer intervals go whole to the reading that closes them. */
  maxSpreadMs?: number
}

export interface BatchCredit {
  /** Run time credited with the output of the window: the production time of the batches it ended. */
  creditedAptMs: number
  /** Ideal time (PRU × quantity) of the output credited with run time: batches of unknown time are left out. */
  creditedIdealMs: number
  /** Output of the window left out of performance because its batch's time is unknown. */
  uncreditedQty: number
  /** Batches of unknown time whose output was completed in the window (the data-quality view counts them). */
  uncreditedBatches: number
  carryOut: BatchCarry
}

/**
 * ISO 22400-2 performance of a batch machine (a jet dyer's 500 kg at the end of a 6 h cycle) is
 * measured over the batches that ended: the output of a batch is credited with the run time since
 * the previous credit, so P = Σ PRU × PQ / Σ credited APT over any range of windows, and a window
 * in which no batch ended has no performance (null), not 0. The run time before a credit goes with
 * the output in proportion, as the counters spread a delta between two readings (apportionDeltas);
 * run time inside a spread interval goes to the window it falls in. Summing the windows' credits
 * over any range gives the batches' run time: a machine at its ideal rate shows P = 1.
 */
export function batchCredit(input: BatchCreditInput): BatchCredit {
  checkBatchInput(input)
  const { window: w, segments } = input
  const pruMs = 60_000 / input.idealRatePerMin
  let pendingMs = input.carryIn.pendingAptMs
  let known = input.carryIn.timeKnown
  let cursor = w.startMs
  const out = { creditedAptMs: 0, creditedIdealMs: 0, uncreditedQty: 0, uncreditedBatches: 0 }
  /** Run time from the cursor on; unknown time between credits makes the batch's time unknown. */
  const advance = (toMs: number) => {
    if (toMs <= cursor) return
    const t = timeIn(segments, cursor, toMs)
    pendingMs += t.aptMs
    if (t.unknownMs > 0) known = false
    cursor = toMs
  }
  const credit = (aptMs: number, qty: number) => {
    if (known) {
      out.creditedAptMs += aptMs
      out.creditedIdealMs += qty * pruMs
    } else out.uncreditedQty += qty
  }
  /** A batch's output is all counted: the next batch starts, its time known from here. */
  const endBatch = () => {
    if (!known) out.uncreditedBatches += 1
    pendingMs = 0
    known = true
  }
  for (const c of [...input.intervals].sort((a, b) => a.startMs - b.startMs)) {
    if (c.delta === 0) {
      // A step that was not counted (a discontinuity) ends the batch it closes: its time goes with it.
      if (c.kind !== 'rewind' && c.kind !== 'implausible_jump') continue
      if (!(c.endMs > w.startMs && c.endMs <= w.endMs)) continue
      advance(c.endMs)
      pendingMs = 0
      known = false
      continue
    }
    const qty = apportionDeltas([c], [w], input.maxSpreadMs === undefined ? {} : { maxSpreadMs: input.maxSpreadMs })[0] as number
    if (qty <= 0) continue
    const lengthMs = c.endMs - c.startMs
    const instant = lengthMs <= 0 || (input.maxSpreadMs !== undefined && lengthMs > input.maxSpreadMs)
    if (instant) {
      advance(Math.min(Math.max(c.endMs, w.startMs), w.endMs))
      credit(pendingMs, qty)
      endBatch()
      continue
    }
    // Spread: the run time before the interval (pending at its start) goes with the output in proportion.
    const fromMs = Math.max(c.startMs, w.startMs)
    const toMs = Math.min(c.endMs, w.endMs)
    advance(fromMs)
    credit(pendingMs * (qty / c.delta) + timeIn(segments, fromMs, toMs).aptMs, qty)
    cursor = toMs
    if (c.endMs <= w.endMs) endBatch()
  }
  advance(w.endMs)
  return finiteDeep('intervals', { ...out, carryOut: { pendingAptMs: pendingMs, timeKnown: known } })
}

/** Run time and unknown time of the segments inside [fromMs, toMs). */
function timeIn(segments: readonly ElementSegment[], fromMs: number, toMs: number): { aptMs: number; unknownMs: number } {
  let aptMs = 0
  let unknownMs = 0
  for (const s of segments) {
    const ms = Math.min(s.endMs, toMs) - Math.max(s.startMs, fromMs)
    if (ms <= 0) continue
    if (s.element === 'aptMs') aptMs += ms
    else if (s.element === 'unknownMs') unknownMs += ms
  }
  return { aptMs, unknownMs }
}

function checkBatchInput(input: BatchCreditInput): void {
  checkWindows([input.window])
  positive('idealRatePerMin', input.idealRatePerMin)
  nonNegative('carryIn.pendingAptMs', input.carryIn?.pendingAptMs)
  if (typeof input.carryIn?.timeKnown !== 'boolean') throw new MetricsInputError('carryIn.timeKnown', 'must be a boolean', input.carryIn.timeKnown)
  if (input.maxSpreadMs !== undefined) nonNegative('maxSpreadMs', input.maxSpreadMs)
  checkAmounts(input.intervals)
  input.segments.forEach((s, i) => {
    if (!isInterval(s)) interval(`segments[${i}]`, s)
  })
}
