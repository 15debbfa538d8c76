import type { GaugeSpec } from '@millstream/contract'
import type { Prng } from './prng.ts'
import type { Emit } from './raw-event.ts'

export interface GaugeDeviceOptions {
  /** The device's gauges as the registry declares them (unit, plausible range). */
  gauges: Readonly<Record<string, GaugeSpec>>
  prng: Prng
  /** Chaos: the share of readings, per gauge, put outside the plausible range (a sensor fault). */
  outOfRange: number
}

export interface GaugeDevice {
  /** Reads every gauge at `ms` and emits one process event. */
  sample(ms: number, emit: Emit): void
}

const DAY_MS = 86_400_000
/** Gauges publish 0.1 of their unit: what a hall hygrometer or a dye-liquor probe shows. */
const round = (v: number) => Math.round(v * 10) / 10

/**
 * A machine's or a hall sensor's gauges (issue 16): each reading swings slowly around the middle
 * of its plausible range (a daily wave of a fifth of the range, as a hall's humidity follows the
 * outside air and the humidification plant) with a little noise; under chaos a reading now and
 * then lies outside the range by up to a fifth of it, which the pipeline must report.
 */
export function createGaugeDevice(options: GaugeDeviceOptions): GaugeDevice {
  const names = Object.keys(options.gauges).sort()
  const phase = Object.fromEntries(names.map((n) => [n, options.prng.uniform(0, 2 * Math.PI)]))
  return {
    sample(ms, emit) {
      const values: Record<string, number> = {}
      for (const name of names) {
        const { min, max } = options.gauges[name] as GaugeSpec
        const span = max - min
        const wave = 0.2 * span * Math.sin((2 * Math.PI * ms) / DAY_MS + (phase[name] as number))
        const inRange = Math.min(max, Math.max(min, min + span / 2 + wave + options.prng.normal(0, 0.01 * span)))
        values[name] = round(options.prng.chance(options.outOfRange) ? outside(options.prng, min, max) : inRange)
      }
      emit({ channel: 'process', ts: ms, values })
    },
  }
}

/** A reading beyond one end of [min, max], by 2 % to 20 % of the span (never on the edge after rounding). */
function outside(prng: Prng, min: number, max: number): number {
  const by = (max - min) * prng.uniform(0.02, 0.2)
  return prng.chance(0.5) ? max + by : min - by
}
