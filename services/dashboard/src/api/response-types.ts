/** The registry as GET /v1/firms/{firm}/plants/{plant} answers it (the fields the views use). */
export interface Machine {
  id: string
  name: string
  type: string
  unit: string
  idealRatePerMin: number
  ratedPowerKw?: number
}
export interface Line {
  id: string
  name: string
  machines: Machine[]
}
export interface Plant {
  id: string
  name: string
  timeZone: string
  lines: Line[]
  meters: { id: string; scope: string; medium: string; line?: string }[]
}
export interface FirmSummary {
  id: string
  name: string
  plants: { id: string; name: string; timeZone: string; lines: number; machines: number; meters: number }[]
}
export interface EfficiencyValues {
  kpis: { oee: number | null; availability: number | null; effectiveness: number | null; quality: number; qualityMeasured: boolean }
}
/** A row of GET …/energy/summary: incomers, sub-meters, standard coal both ways, CO2. */
export interface SummaryValues {
  incomers: Record<string, number>
  subMeters: Record<string, number>
  incomersMinusSubMeters: Record<string, number>
  coalEquivalentKgce: number
  coalEqualKgce: number
  co2Kg: number
}
export type MachineEnergyValues = Record<string, { total: number; idle: number; offShift: number }>
export interface IntakeValues {
  samples: number
  lateSamples: number
  duplicates: number
  tooLate: number
  discontinuities: number
}
