import type { Tariff } from '@millstream/contract'
import { tariffSplit, type AmountInterval, type Interval, type TariffSplit } from '@millstream/metrics'
import type { MachineEnergy, StoreRow } from '@millstream/store'

export interface IdleCost {
  /** Electricity of the machines' own meters drawn while not running in planned time (kWh). */
  idleKwh: number
  /** Drawn outside the shift calendar (kWh). */
  offShiftKwh: number
  /** Each priced hour by hour with the plant's tariff (@millstream/metrics tariffSplit). */
  idle: TariffSplit
  offShift: TariffSplit
  /** idle.totalCost + offShift.totalCost; null when a band has no price. */
  totalCost: number | null
}

/**
 * What idle and off-shift electricity cost (issue 15): each hour's idle and off-shift kWh of a
 * group's machine meters is spread over the hour and priced by tariff band, as the incomers are in
 * energy/tariff, so the money is the metrics package's, not the caller's.
 */
export function idleCostRows(hours: readonly StoreRow<Partial<Record<string, MachineEnergy>>>[], windows: readonly Interval[], tariff: Tariff, timeZone: string): StoreRow<IdleCost>[] {
  const groups = new Map<string, Record<string, string>>()
  for (const h of hours) groups.set(JSON.stringify(h.group), h.group)
  return windows.flatMap((window) => [...groups].map(([key, group]) => {
    const inside = hours.filter((h) => JSON.stringify(h.group) === key && h.window.startMs >= window.startMs && h.window.endMs <= window.endMs)
    const of = (pick: (e: MachineEnergy) => number): AmountInterval[] => inside.flatMap((h) => (h.values.electricity ? [{ startMs: h.window.startMs, endMs: h.window.endMs, delta: pick(h.values.electricity) }] : []))
    const idle = tariffSplit(of((e) => e.idle), tariff, timeZone)
    const offShift = tariffSplit(of((e) => e.offShift), tariff, timeZone)
    const sum = (s: TariffSplit) => Object.values(s.kwhByBand).reduce((a, b) => a + b, 0)
    const totalCost = idle.totalCost === null || offShift.totalCost === null ? null : idle.totalCost + offShift.totalCost
    return { group, window, values: { idleKwh: sum(idle), offShiftKwh: sum(offShift), idle, offShift, totalCost } }
  }))
}
