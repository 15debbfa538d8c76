import type { Constant } from './constant.ts'

/**
 * Every coefficient, factor and default the domain uses, with where it comes from.
 * Source ids [Sx] are listed in docs/metrics.md §10 (Sources), with this table in §8.
 * Change a figure through resolveConstants(overrides), never by editing call sites.
 */
export const DEFAULT_CONSTANTS = {
  // --- Standard coal (GB/T 2589). Equivalent value (当量值): physical heat content. The 2020
  // edition (in force 2021-04-01) revised Appendix A; only 2008-era values were seen [S19][S20][S21].
  kjPerKgce: c(29307, 'kJ/kgce', 'GB/T 2589-2008 §6.2: 29 307 kJ (7000 kcal) net calorific value = 1 kgce [S19]; 1 tce = 29.308 GJ [S45]', 2008, 'secondary'),
  // Electricity's equivalent value is its heat: 860 kcal per kWh over the 7 000 kcal of a kgce,
  // 0.12286, printed 0.1229 in GB/T 2589-2008 App. A.
  kgcePerKwhElectricity: c(0.1229, 'kgce/kWh', 'GB/T 2589-2008 App. A, electricity equivalent value (当量值): 860 kcal/kWh ÷ 7 000 kcal/kgce = 0.12286, printed 0.1229 [S19]', 2008, 'secondary'),
  // Equal value (等价值): the coal burnt to supply a kWh, the grid's heat rate of the year. Only an
  // older statistics-table figure was found; override it with the reporting year's national
  // 供电标准煤耗 (e.g. 0.30 kgce/kWh for ~300 gce/kWh) before publishing an equal-value total.
  kgcePerKwhElectricityEqualValue: {
    value: 0.404, unit: 'kgce/kWh', year: 2008, status: 'unverified',
    source: 'older national statistics table "各种能源折标准煤参考系数": electricity 4.04 tce per 10^4 kWh [S20]',
    note: 'the value is seen only in a secondary source; the year of the heat rate behind it is not given there (2008 is the GB/T 2589 edition of that era, an assumption); no current national figure was found (shared/reference/domain.md §2.1, §6)',
  },
  kgcePerTSteam: c(128.6, 'kgce/t', 'low-pressure steam 0.1286 kgce/kg, coefficient table citing GB/T 2589 [S22]; prefer the enthalpy method when known', 2008, 'secondary'),
  kgcePerNm3Gas: c(1.2143, 'kgce/Nm3', 'GB/T 2589-2008 App. A, natural gas from gas fields 12.1430 tce/10^4 m3 [S20]', 2008, 'secondary'),
  kgcePerM3Water: c(0, 'kgce/m3', 'fresh water: sources conflict (0.0857 [S22] vs 0.2571 [S20] kgce/t); 0 leaves water out of kgce until configured', 2008, 'unverified'),
  kgcePerMjHeat: c(0.03412, 'kgce/MJ', 'heat equivalent value, 0.0341 tce/GJ [S20], 0.03412 [S22]; for steam by enthalpy', 2008, 'secondary'),

  // --- CO2. Purchased electricity: MEE & NBS national average power CO2 factor for 2023 [S24].
  gridCo2KgPerKwh: c(0.5306, 'kgCO2/kWh', 'MEE & NBS announcement on 2023 power CO2 emission factors, national average [S24]', 2023, 'secondary'),
  co2KgPerNm3Gas: c(2.162, 'kgCO2/Nm3', 'natural gas combustion: NCV 38.931 GJ/10^4 Nm3 x 15.3 tC/TJ x 99 % oxidation x 44/12 (provincial GHG inventory defaults, not seen in a source here)', 2011, 'unverified'),
  co2KgPerTSteam: c(0, 'kgCO2/t', 'purchased steam: supplier-specific; 0 leaves steam out of CO2 until configured', 2024, 'unverified'),

  // --- Yarn counts. Unit definitions: international yard and pound (1959), cotton hank 840 yd.
  gramsPerPound: c(453.59237, 'g/lb', 'international yard and pound agreement (1959)', 1959, 'verified'),
  metresPerYard: c(0.9144, 'm/yd', 'international yard and pound agreement (1959)', 1959, 'verified'),
  yardsPerCottonHank: c(840, 'yd/hank', 'English cotton count Ne: hanks of 840 yd per lb [S10b][S11]', 2012, 'secondary'),
  metresPerDenierLength: c(9000, 'm', 'denier: grams per 9000 m [S11]', 2012, 'secondary'),

  // --- Spinning. Ends-down loss d[%] = e x 0.75 x t_p with e in breaks per 100 spindle-hours [S12].
  endsDownLossFactor: c(0.75, '1', 'N. Balasubramanian, ring frame end-breakage distribution [S12]', 2017, 'secondary'),

  // --- Timelines and meters: pipeline defaults, no standard behind them.
  // Staleness is in milliseconds everywhere (TimelineOptions.stalenessMs, AGG_STALENESS, this constant).
  stalenessMs: c(300_000, 'ms', 'MillStream default: time after the last message of a machine that is still attributed to its state', 2026, 'unverified'),
  rolloverBand: c(0.9, '1', 'MillStream default: a drop from at least this share of a register\'s modulus (registerModulus) is a wrap, else a reset', 2026, 'unverified'),
  // Plausibility of cumulative registers (DESIGN.md "Counters and meters", issue 9): what a device
  // can physically add in an interval is its registry maximum rate x the interval x this margin.
  // 1.5: nameplate power and ideal rates are nominal; a motor draws above nameplate for a while
  // (service factor 1.15, start-up), a machine can run a little above its ideal speed, and a meter's
  // declared maximum flow is a design figure. Anything beyond 1.5x is a register fault, not output.
  plausibilityMargin: c(1.5, '1', 'MillStream default (issue 9): headroom over the registry maximum rate before a register step is a discontinuity', 2026, 'unverified'),
  // Timestamps jitter (device clocks, whole-second ts) and controllers update registers in bursts
  // (scan cycles, buffered counters): over a few seconds a rate means nothing, so every interval is
  // allowed at least one minute of maximum output.
  plausibilityMinIntervalS: c(60, 's', 'MillStream default (issue 9): shortest interval over which the maximum rate is applied', 2026, 'unverified'),

  // --- Benchmarks shown beside KPIs (not used in any formula).
  worldClassOee: c(0.85, '1', 'Nakajima/TPM world-class OEE, 90 % x 95 % x 99.9 % [S7]', 1988, 'secondary'),
} as const satisfies Record<string, Constant>

export type ConstantName = keyof typeof DEFAULT_CONSTANTS
export type Constants = Record<ConstantName, Constant>

function c(value: number, unit: string, source: string, year: number, status: Constant['status']): Constant {
  return { value, unit, source, year, status }
}
