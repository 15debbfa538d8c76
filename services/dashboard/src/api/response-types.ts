import type { EnergyMedium, Plant } from '@millstream/contract'

/*
 * Shapes of the API's answers that the views read. The registry's own types (Plant, Line,
 * Machine, Meter), score records and report entries are the contract package's, imported as types
 * only: nothing of zod reaches the bundle. What is declared here has no schema in the contract: the
 * API builds it per route.
 */

/** GET /v1/firms/{firm}/plants/{plant}: the registry's plant without its tariff and cluster. */
export type PlantRegistry = Pick<Plant, 'id' | 'name' | 'timeZone' | 'lines' | 'meters' | 'shiftCalendar'> & Partial<Pick<Plant, 'sensors'>>
/** GET /v1/firms: firms and a summary of each plant the caller may see. */
export interface FirmSummary {
  id: string
  name: string
  plants: { id: string; name: string; timeZone: string; lines: number; machines: number; meters: number }[]
}
export interface EfficiencyValues {
  /**
   * `effectivenessGap`: why performance (and so OEE) is null, e.g. a batch line before its first
   * batch of the window ended (docs/metrics.md §4.3); absent from older APIs.
   */
  kpis: { oee: number | null; availability: number | null; effectiveness: number | null; effectivenessGap?: 'no_run_time' | 'no_batch_ended' | 'batch_time_unknown' | null; quality: number; qualityMeasured: boolean }
  /** The API's words for the gap. */
  effectivenessNote?: string | null
}
/** A row of GET …/energy/summary: incomers, sub-meters, standard coal both ways, CO2. */
export interface SummaryValues {
  incomers: Partial<Record<EnergyMedium, number>>
  subMeters: Partial<Record<EnergyMedium, number>>
  incomersMinusSubMeters: Partial<Record<EnergyMedium, number>>
  coalEquivalentKgce: number
  coalEqualKgce: number
  co2Kg: number
}
export type MachineEnergyValues = Partial<Record<EnergyMedium, { total: number; idle: number; offShift: number }>>
export interface IntakeValues {
  samples: number
  lateSamples: number
  duplicates: number
  tooLate: number
  discontinuities: number
  /** Losses of a machine's live state reported (a Sparkplug death; issue 16); absent from older APIs. */
  connectionLosses?: number
  /** Batches of a batch machine counted but left out of performance, their run time unknown (docs/metrics.md §4.3); absent from older APIs. */
  uncreditedBatches?: number
}
/** A row of GET …/energy/specific (per line): output, its energy as standard coal, SEC and its quota grade, or why not. */
export interface SpecificEnergyValues {
  unit: string | null
  outputKind: 'good' | 'produced' | null
  outputQty: number
  kgceEquivalent: number
  kgceEqual: number
  sec: { value: number | null; basis: string } | null
  benchmark: { family: string; basis: string; source: string; status: string; grades: { grade1: number; grade2?: number; grade3: number } } | null
  grade: { grade: 1 | 2 | 3 | null; meetsLimit: boolean; shareOfLimit: number } | null
  reason: string | null
}
/** A row of GET …/energy/enpi (per day): actual and expected energy against the fitted baseline. */
export interface EnpiValues {
  energyKgce: number
  outputStandardH: number
  performance: { expectedEnergy: number; actualEnergy: number; improvement: number; index: number | null; improvementShare: number | null } | null
  baseline: { interceptA: number; slopeB: number; r2: number; n: number } | null
  reason: string | null
}
/** A row of GET …/scores: both scores of one period, their level and status, data sufficiency. */
export interface ScoreValues {
  digitalization: number | null
  digitalizationLevel: string | null
  digitalizationStatus: string
  energy: number | null
  energyLevel: string | null
  energyStatus: string
  completeness: number | null
  meetsMonitoringRule: boolean
}
/** An entry of GET …/reports: a report of the reports service and the API paths of its files. */
export interface ReportListing {
  kind: string
  period: string
  from: string
  to: string
  warnings: number
  generatedAt: string
  /** File name (zh-CN.pdf, en.xlsx, report.json …) → its path on the API. */
  files: Record<string, string>
}
