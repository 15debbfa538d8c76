import { MetricsInputError } from '../input/input-error.ts'
import { finiteDeep } from '../input/check-number.ts'
import { apportionDeltas, type AmountInterval } from '../counters/apportion.ts'
import type { ElementSegment } from '../efficiency/element-segments.ts'
import { TIME_ELEMENTS, type TimeElement } from '../efficiency/time-element.ts'

/** Energy by what the machine was doing when it was drawn (domain.md §1.7, proposal U). */
export interface IdleEnergy {
  /** Energy per ISO time element (APT, ASUT, ADET, ADOT, PDT, non-scheduled, unknown). */
  byElement: Record<TimeElement, number>
  /** While running (APT). */
  runningEnergy: number
  /** E_idle: standing or setting up inside planned operation time (ASUT, ADET, ADOT, PDT). */
  idleEnergy: number
  /** E_off-shift: outside planned operation time (base load left on). */
  offShiftEnergy: number
  /** Drawn while the machine's state was unknown: outside the ratio, reported for coverage. */
  unknownStateEnergy: number
  /** r_idle = (E_idle + E_off-shift) / energy of known state; null when none. */
  idleShare: number | null
  /** E_idle per hour of idle time inside POT (kWh per idle machine-hour for electricity). */
  idlePerHour: number | null
}

/**
 * Splits a machine's metered energy over its element timeline: each meter interval is spread
 * evenly over its time (the counters' rule) and attributed to the element in force.
 */
export function idleEnergy(intervals: readonly AmountInterval[], segments: readonly ElementSegment[]): IdleEnergy {
  segments.forEach((s, i) => {
    if (!ELEMENTS.has(s.element)) throw new MetricsInputError(`segments[${i}].element`, `must be one of ${TIME_ELEMENTS.join(', ')}`, s.element)
  })
  // apportionDeltas refuses bad intervals and segments; the sums below can still overflow.
  const shares = apportionDeltas(intervals, segments)
  const byElement = Object.fromEntries(TIME_ELEMENTS.map((e) => [e, 0])) as Record<TimeElement, number>
  let idleMs = 0
  segments.forEach((s, i) => {
    byElement[s.element] += shares[i] as number
    if (isIdle(s.element)) idleMs += s.endMs - s.startMs
  })
  const idle = byElement.asutMs + byElement.adetMs + byElement.adotMs + byElement.pdtMs
  const known = byElement.aptMs + idle + byElement.nonScheduledMs
  return finiteDeep('intervals', {
    byElement,
    runningEnergy: byElement.aptMs,
    idleEnergy: idle,
    offShiftEnergy: byElement.nonScheduledMs,
    unknownStateEnergy: byElement.unknownMs,
    idleShare: known > 0 ? (idle + byElement.nonScheduledMs) / known : null,
    idlePerHour: idleMs > 0 ? idle / (idleMs / 3_600_000) : null,
  })
}

const ELEMENTS = new Set<unknown>(TIME_ELEMENTS)

function isIdle(element: TimeElement): boolean {
  return element === 'asutMs' || element === 'adetMs' || element === 'adotMs' || element === 'pdtMs'
}
