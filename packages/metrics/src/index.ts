// @millstream/metrics: the pure domain. No I/O, no clock, no randomness, no environment, no logger;
// time comes in as epoch milliseconds. docs/metrics.md explains every metric and constant.

export { MetricsConfigError } from './config-error.ts'
export { MetricsInputError } from './input/input-error.ts'

// Constants: one home, with provenance and overrides.
export { CONSTANT_STATUSES, constantSchema, type Constant, type ConstantStatus, type ConstantOverride } from './constants/constant.ts'
export { DEFAULT_CONSTANTS, type ConstantName, type Constants } from './constants/default-constants.ts'
export { resolveConstants, constantValue, type ConstantOverrides } from './constants/resolve-constants.ts'

// Time: zones, windows, shifts, plan.
export { durationMs, intersect, overlapMs, type Interval } from './time/interval.ts'
export { formatRfc3339, localParts, localDateLabel, offsetMs, zonedTimeToUtc, type LocalParts, type WallTime } from './time/zoned-time.ts'
export { localWindow, localWindows, localWindowStart, WINDOW_UNITS, type WindowUnit } from './time/local-window.ts'
export { shiftAt, shiftInstances, type ShiftCalendarInput, type ShiftInput, type ShiftInstance } from './time/shift-calendar.ts'
export { PLAN_KINDS, planSegments, type PlanKind, type PlanSegment } from './time/plan-segments.ts'

// Timelines.
export { emptyStateDurations, MACHINE_STATES, TIMELINE_STATES, type MachineState, type StateChange, type StateDurations, type TimelineState } from './timeline/machine-state.ts'
export { canonicalChanges } from './timeline/canonical-changes.ts'
export { stateSegments, type StateSegment, type TimelineOptions } from './timeline/state-segments.ts'
export { clipSegments, splitDurations, splitDurationsByWindows, sumSegments } from './timeline/split-durations.ts'
export { stateEpisodes, unknownEntries, type StateEpisode, type UnknownEntry } from './timeline/state-episodes.ts'

// Counters and meters.
export { cleanSamples, cumulativeDeltas, discontinuities, DISCONTINUITY_KINDS, totalDelta, type CumulativeOptions, type CumulativeSample, type DeltaInterval, type DiscontinuityKind } from './counters/cumulative-deltas.ts'
export { maxPlausibleIncrease, type PlausibilityLimit } from './counters/plausibility.ts'
export { carryGood } from './counters/good-carry.ts'
export { productionByWindow, type WindowCounts } from './counters/production-by-window.ts'
export { apportionDeltas, windowDeltas, type AmountInterval, type ApportionOptions } from './counters/apportion.ts'
export { lumpedDeltas, lumpLongIntervals } from './counters/lump-long-intervals.ts'

// Efficiency (ISO 22400-2).
export { addElements, COUNT_UNITS, emptyElements, sumElements, type CountUnit, type EfficiencyElements, type StopTally } from './efficiency/elements.ts'
export { isPlannedNonRunning, TIME_ELEMENTS, timeElementOf, type TimeElement } from './efficiency/time-element.ts'
export { elementSegments, type ElementSegment, type ElementTimelineInput } from './efficiency/element-segments.ts'
export { elementsOf, machineElements, type MachineWindowInput, type WindowProduction } from './efficiency/machine-elements.ts'
export { machineElementsByWindow, machineWindow, type CountSample, type MachineSeriesInput, type MachineWindow, type MachineWindowSeries } from './efficiency/elements-by-window.ts'
export { EFFECTIVENESS_GAPS, kpis, ratioOrNull, type EffectivenessGap, type Kpis } from './efficiency/kpis.ts'
export { batchCredit, UNKNOWN_BATCH_START, type BatchCarry, type BatchCredit, type BatchCreditInput } from './efficiency/batch-credit.ts'
export { idealQuantity } from './efficiency/ideal-quantity.ts'

// Textile measures.
export * from './textile/loom.ts'
export * from './textile/spinning.ts'
export * from './textile/knitting-sewing.ts'
export * from './textile/yarn-count.ts'

// Energy.
export { addEnergyTotals, co2Kg, COAL_BASES, ENERGY_MEDIA, ENERGY_MEDIUM_UNITS, standardCoalKgce, type CoalBasis, type Converted, type EnergyMedium, type EnergyTotals } from './energy/energy-totals.ts'
export { kgceToGj, kgceToKwh, kgceToMj, kwhToKgce, kwhToMj, mjToKgce, mjToKwh } from './energy/unit-conversions.ts'
export { SEC_BASIS, specificConsumption, type SpecificConsumption } from './energy/specific-energy.ts'
export { benchmarkGrades, quotaGrade, type QuotaGradeResult, type QuotaGrades } from './energy/quota-grade.ts'
export { benchmarkBasisSec, findSecBenchmark, secBenchmarkGrades, secBenchmarks, type BenchmarkRow } from './energy/sec-benchmarks.ts'
export { dataCompleteness, MONITORING_COMPLETENESS_SHARE, type DataCompleteness } from './energy/data-completeness.ts'
export { bandAt, bandSegments, bandTable, TARIFF_BANDS, type BandSegment, type TariffBand, type TariffInput } from './energy/tariff-bands.ts'
export { bandDurationsMs, tariffSplit, type TariffSplit } from './energy/tariff-split.ts'
export { idleEnergy, type IdleEnergy } from './energy/idle-energy.ts'
export { peakRate, type RateReading } from './energy/peak-rate.ts'
export { MIN_PLANTS_FOR_QUARTILES, peerBenchmark, type PeerBenchmark, type PeerValue } from './energy/peer-benchmark.ts'
export { allocateFamilyEnergy, type FamilyAllocation, type LineEnergy } from './energy/family-energy.ts'
export { loadShiftInput, type LoadShiftInput } from './energy/load-shift.ts'
export { baselineComparison, type BaselineComparison, type PeriodEnergy } from './energy/baseline-comparison.ts'
export { energyPerformance, enpiIndex, enpiRatio, expectedEnergy, fitLinearBaseline, type BaselineFit, type BaselinePoint, type EnergyPerformance, type LinearBaseline } from './energy/enpi.ts'

// Rollups: minutes into hours, hours into days.
export { addToRollup, rollUp, rollupRule, rollupValue, type RollupRule } from './rollup/rollup-fields.ts'

// Scores.
export { ramp, redistributeWeights } from './scores/ramp.ts'
export type { ComponentConfig, GateFailure, ScoreComponent, ScoreResult } from './scores/score-model.ts'
export { DEFAULT_DIGITALIZATION_CONFIG, type DigitalizationConfig } from './scores/digitalization-config.ts'
export { DEFAULT_ENERGY_SCORE_CONFIG, type EnergyScoreConfig, type SecBenchmark } from './scores/energy-config.ts'
export { digitalizationScore, stopAttributionInput, type DigitalizationInputs, type DigitalizationScore, type EvidenceBand, type RatioInput } from './scores/digitalization-score.ts'
export { energyScore, type EnergyScoreInputs, type FamilyEnergy } from './scores/energy-score.ts'
export { digitalizationConfigSchema, energyScoreConfigSchema, resolveDigitalizationConfig, resolveEnergyScoreConfig } from './scores/resolve-score-config.ts'
export { MIIT_EQUIPMENT_BANDS, MIIT_LINKS, MIIT_POINTS_PER_LINK, miitEquipmentIndicator, miitEvidence, type MiitEvidence, type MiitIndicator, type MiitInputs, type MiitLink } from './scores/miit-evidence.ts'
export { SCORE_LEVELS, scoreLevel, type ScoreLevel, type ScoreLevelId } from './scores/score-level.ts'
export { diagnose, type DiagnosisItem, type ShortfallSubject } from './scores/diagnosis.ts'
export { percentileRanks, rollupScores, type PeerScore, type Rollup } from './scores/peer-rollup.ts'

// Process gauges (issue 16).
export { gaugeMean, mergeGaugeSummaries, summarizeGauge, type GaugeRange, type GaugeSummary } from './process/gauge-summary.ts'
