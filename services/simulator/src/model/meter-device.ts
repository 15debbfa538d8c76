import type { EnergyMedium, Meter } from '@millstream/contract'
import type { MachineDevice } from './machine-device.ts'
import type { Prng } from './prng.ts'
import type { Emit } from './raw-event.ts'
import { flowReading, meterReading } from './readings.ts'

export interface MeterDeviceOptions {
  meter: Meter
  /** The machines whose consumption flows through this meter. */
  members: readonly MachineDevice[]
  lossFactor: number
  /** Unmetered draw per hour at an instant (auxiliaries, base load). */
  auxiliaryPerH: (ms: number) => number
  prng: Prng
  /** Meter restarts (chaos): those due by `ms` are taken; the reading restarts from zero. */
  restarts?: { takeDue(ms: number): number[] }
}

export interface MeterDevice {
  /** Reads the meter at `ms`: call on each sampling tick after every member advanced to `ms`. */
  sample(ms: number, emit: Emit): void
}

const HOUR_MS = 3_600_000
/** Range of a meter's reading when the run starts: kWh, t, m3, Nm3 of a plant that has run for years. */
const INITIAL_READING: Record<EnergyMedium, [number, number]> = { electricity: [1e5, 5e6], steam: [1e3, 5e4], water: [1e4, 1e6], gas: [1e4, 1e6] }

/**
 * A line sub-meter or plant incomer: the sum of its machines' consumption times a loss factor,
 * plus auxiliaries integrated tick by tick. Sampled on the same grid as the machines.
 */
export function createMeterDevice(options: MeterDeviceOptions): MeterDevice {
  const { meter, members, lossFactor } = options
  const medium: EnergyMedium = meter.medium
  let offset = -options.prng.uniform(...INITIAL_READING[medium])
  let auxiliaryTotal = 0
  let lastMs: number | undefined
  let lastAuxPerH = 0

  return {
    sample(ms, emit) {
      if (lastMs !== undefined) auxiliaryTotal += lastAuxPerH * ((ms - lastMs) / HOUR_MS)
      const machines = members.reduce((s, d) => s + d.drawnSinceStart(ms)[medium], 0)
      const total = machines * lossFactor + auxiliaryTotal
      if ((options.restarts?.takeDue(ms).length ?? 0) > 0) offset = total
      lastAuxPerH = options.auxiliaryPerH(ms)
      lastMs = ms
      const power = members.reduce((s, d) => s + d.current().drawPerH[medium], 0) * lossFactor + lastAuxPerH
      emit({ channel: 'energy', ts: ms, medium, total: meterReading(total - offset, medium), power: flowReading(power) })
    },
  }
}
