import type { Firm, Plant, ScorePeriod, ScoreRecord, ScoreResultRecord } from '@millstream/contract'
import { diagnose, digitalizationScore, DEFAULT_ENERGY_SCORE_CONFIG, energyScore, formatRfc3339, miitEvidence, scoreLevel, stopAttributionInput, type EnergyScoreConfig, type Interval, type ScoreResult, type SecBenchmark, type ShortfallSubject } from '@millstream/metrics'
import { energyInputs } from './energy-inputs.ts'
import type { PlantMeasures } from './plant-measures.ts'

/** The online-monitoring rule: at least 90 % of expected data (scores-and-views.md §2). */
export const MONITORING_RULE_SHARE = 0.9
const ratio = (numerator: number, denominator: number) => ({ numerator, denominator })
/** Rounded so the bytes do not depend on the order floating-point sums happened in. */
const r6 = (x: number) => Math.round(x * 1e6) / 1e6

/**
 * One plant's score record for one period from its measures (docs/scores.md §4 lists where each
 * input comes from). Pure: the same measures give the same record, byte for byte.
 */
export function buildScoreRecord(o: { firm: Firm; plant: Plant; period: ScorePeriod; range: Interval; measures: PlantMeasures; benchmarks: { version: string; rows: SecBenchmark[] } }): ScoreRecord {
  const m = o.measures
  const registered = m.machines.length
  const devices = registered + m.meters.length
  const reporting = [...m.machines, ...m.meters].filter((d) => (m.deviceMinutes[d.id] ?? 0) > 0).length
  const mainMeters = m.meters.filter((x) => x.scope === 'plant' && x.medium === 'electricity')
  const periodMin = m.periodS / 60
  const mainCompleteness = mainMeters.length === 0 || periodMin <= 0 ? null : Math.min(1, ...mainMeters.map((x) => (m.deviceMinutes[x.id] ?? 0) / periodMin))
  const completeness = registered > 0 && m.periodS > 0 ? m.knownS / (registered * m.periodS) : null
  const digitalization = digitalizationScore({
    networking: ratio(m.connected.length, registered),
    acquisition: ratio(reporting, devices),
    completeness: completeness === null ? undefined : ratio(m.knownS, registered * m.periodS),
    timeliness: ratio(Math.max(0, m.samples - m.lateSamples), m.samples),
    subMetering: ratio(m.machineKwh, m.mainMeterKwh),
    stopAttribution: m.elements ? partOfWhole(stopAttributionInput(m.elements)) : undefined,
    kpiComputability: ratio(m.kpiComputability.plannedRateMs, m.kpiComputability.pbtMs),
  })
  const fromStore = energyInputs({ plant: o.plant, range: o.range, measures: m.energy, baselineMonths: m.baselineMonths, benchmarks: o.benchmarks.rows })
  const energy = energyScore({
    mainMeterCompleteness: mainCompleteness,
    subMeteredShare: m.mainMeterKwh > 0 ? m.machineKwh / m.mainMeterKwh : null,
    idleShare: m.machineKwh > 0 ? Math.min(1, (m.idleKwh + m.offShiftKwh) / m.machineKwh) : null,
    families: fromStore.families,
    baseline: fromStore.baseline,
    ...(fromStore.loadShift ? { loadShift: fromStore.loadShift } : {}),
  }, energyConfig(o.benchmarks.rows))
  const media = new Set(m.meters.filter((x) => (m.deviceMinutes[x.id] ?? 0) > 0).map((x) => x.medium))
  const used = new Set(m.meters.map((x) => x.medium))
  const connectedSet = new Set(m.connected)
  const evidence = miitEvidence({
    machinesRegistered: registered,
    machinesConnected: m.connected.length,
    machinesDigital: 0,
    links: { production_control: m.connected.length > 0, equipment_management: m.elements !== null && m.connected.length > 0, energy_management: media.has('electricity'), quality_management: false },
    oeeComputed: m.oee !== null,
    realtimeMedia: { electricity: media.has('electricity'), water: used.has('water') ? media.has('water') : null, gas: used.has('gas') ? media.has('gas') : null },
    perMachineEnergy: m.machineKwh > 0,
  })
  return {
    firm: o.firm.id,
    plant: o.plant.id,
    cluster: o.plant.cluster ?? null,
    timeZone: o.plant.timeZone,
    period: o.period,
    periodStart: formatRfc3339(o.range.startMs, o.plant.timeZone),
    periodEnd: formatRfc3339(o.range.endMs, o.plant.timeZone),
    digitalization: resultRecord(digitalization),
    energy: resultRecord(energy),
    miitEvidence: { ...evidence, equipmentNetworkingRate: { ...evidence.equipmentNetworkingRate, value: nullableR6(evidence.equipmentNetworkingRate.value) }, equipmentDigitalRate: { ...evidence.equipmentDigitalRate, value: nullableR6(evidence.equipmentDigitalRate.value) } },
    energyKgce: r6(fromStore.energyKgce),
    benchmarkVersion: o.benchmarks.version,
    dataSufficiency: { machinesRegistered: registered, machinesConnected: m.connected.length, completeness: nullableR6(completeness), meetsMonitoringRule: completeness !== null && completeness >= MONITORING_RULE_SHARE },
    diagnosis: diagnose([digitalization, energy], { ...subjects(m, connectedSet), ...familySubject(o.plant) }),
  }
}

const configs = new WeakMap<readonly SecBenchmark[], EnergyScoreConfig>()
/** The default energy model with the benchmark rows of the data file (their version is in the record). */
function energyConfig(rows: SecBenchmark[]): EnergyScoreConfig {
  const known = configs.get(rows)
  if (known) return known
  const config = { ...DEFAULT_ENERGY_SCORE_CONFIG, benchmarks: rows }
  configs.set(rows, config)
  return config
}

/**
 * Sums read from separate InfluxDB fields can disagree by rounding (a part a hair above its
 * whole), which the metrics package refuses as impossible; the part is capped at its whole so one
 * plant's rounding never stops the run (STYLE.md 7).
 */
function partOfWhole(r: { numerator: number; denominator: number }) {
  return { numerator: Math.min(r.numerator, r.denominator), denominator: r.denominator }
}

function nullableR6(x: number | null): number | null {
  return x === null ? null : r6(x)
}

function resultRecord(r: ScoreResult): ScoreResultRecord {
  const score = r.score === null ? null : r6(r.score)
  return {
    modelVersion: r.modelVersion,
    status: r.status,
    score,
    level: scoreLevel(score),
    reasons: r.failing.map((f) => `${f.input} = ${f.value === null ? 'none' : r6(f.value)}, needs ${f.required}`),
    components: r.components.map((c) => ({
      id: c.id, name: c.name, state: c.state, value: nullableR6(c.value), floor: c.floor, target: c.target, baseWeight: c.baseWeight, weight: r6(c.weight),
      subScore: nullableR6(c.subScore), points: c.subScore === null ? null : r6(100 * c.weight * c.subScore),
      ...(c.reason ? { reason: c.reason } : {}),
      inputs: Object.fromEntries(Object.entries(c.inputs).map(([k, v]) => [k, typeof v === 'number' ? r6(v) : v])), source: c.source, status: c.status,
    })),
    notes: r.notes,
  }
}

/** Names of the machines and meters behind each shortfall, for the diagnosis sentences. */
function subjects(m: PlantMeasures, connected: ReadonlySet<string>): Record<string, ShortfallSubject> {
  const byLine = new Map<string, { type: string; n: number }>()
  for (const machine of m.machines) {
    if (connected.has(machine.id)) continue
    const entry = byLine.get(machine.line) ?? { type: machine.type, n: 0 }
    byLine.set(machine.line, { type: entry.type === machine.type ? entry.type : 'machine', n: entry.n + 1 })
  }
  const worst = [...byLine].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]))[0]
  const silentMeters = m.meters.filter((x) => !(m.deviceMinutes[x.id] ?? 0)).map((x) => x.id)
  return {
    D1: worst ? { en: `${worst[1].n} unconnected ${worst[1].type} machines of line ${worst[0]}`, zh: `${worst[0]}线的${worst[1].n}台未联网${worst[1].type}设备` } : { en: 'machines', zh: '设备' },
    D2: silentMeters.length ? { en: `meters ${silentMeters.join(', ')}`, zh: `计量表${silentMeters.join('、')}` } : { en: 'devices', zh: '设备' },
    D5: { en: 'machines without their own meter', zh: '无独立计量的设备' },
  }
}

/** E1's shortfall names the benchmarked family's lines, e.g. "dyeing_woven (lines dyeing, finishing)". */
function familySubject(plant: Plant): Record<string, ShortfallSubject> {
  const families = [...new Set(plant.lines.flatMap((l) => (l.productFamily ? [l.productFamily] : [])))].sort()
  const lines = (f: string) => plant.lines.filter((l) => l.productFamily === f).map((l) => l.id)
  if (families.length === 0) return {}
  return {
    E1: { en: families.map((f) => `${f} (lines ${lines(f).join(', ')})`).join('; '), zh: families.map((f) => `${f}（${lines(f).join('、')}线）`).join('；') },
  }
}
