import { MEASUREMENTS } from '@millstream/contract'
import type { ScorerConfig } from '@millstream/scorer'
import { servers, uniqueName } from '../support/servers.ts'
import { hourRollups, type TestPoint } from '../store/plant-points.ts'

/**
 * A scripted week (Mon 2026-03-02 to Sun 2026-03-08, Asia/Shanghai) of two plants with constant
 * minutes, so every score can be worked out by hand:
 * - plant `pa` (firm `fa`, cluster 德安): stenters m1, m2 of the dye line (family dyeing_woven)
 *   report every minute (45 s running, 10 s idle, 5 s down with a reason; 0.1 kWh, of it 0.01 idle
 *   and 0.005 off-shift; 0.5 Nm3 gas; 2.5 m of good fabric; 4 samples, 1 late); stenter m3 is
 *   registered but never reports; the plant incomer reads 0.25 kWh a minute (1 sample).
 *   Its baseline year (2025-03 to 2026-02) has hour points only: m1 makes x = 1 + 0.05 i ideal
 *   hours per hour in month i and the incomer reads 160 + 340 x kWh per hour.
 * - plant `pb` (firm `fb`, cluster 奉新): two stenters that never report; only the incomer.
 */
import { TZ } from './week-registry.ts'

export { TZ, WEEK_BENCHMARKS, WEEK_REGISTRY } from './week-registry.ts'
export const WEEK_START = Date.parse('2026-03-02T00:00:00+08:00')
export const WEEK_END = Date.parse('2026-03-09T00:00:00+08:00')

const MACHINE_MINUTE = {
  running_s: 45, idle_s: 10, down_s: 5, setup_s: 0, planned_stop_s: 0, off_s: 0, unknown_s: 0,
  apt_s: 45, asut_s: 0, adet_s: 5, adot_s: 10, pdt_s: 0, nonscheduled_s: 0, reasoned_s: 5,
  ideal_produced_s: 40, ideal_good_s: 40, ideal_inspected_s: 40,
  produced_qty: 2.5, good_qty: 2.5, inspected_qty: 2.5,
  electricity_kwh: 0.1, electricity_idle_kwh: 0.01, electricity_offshift_kwh: 0.005,
  gas_nm3: 0.5, gas_idle_nm3: 0, gas_offshift_nm3: 0,
}

/** The baseline year of plant pa: months 2025-03 .. 2026-02 (i = 0 .. 11) in the plant's zone. */
export const BASELINE_MONTHS = Array.from({ length: 12 }, (_, i) => {
  const start = (k: number) => Date.parse(`${2025 + Math.floor((2 + k) / 12)}-${String(((2 + k) % 12) + 1).padStart(2, '0')}-01T00:00:00+08:00`)
  return { i, startMs: start(i), endMs: start(i + 1), idealHPerH: 1 + 0.05 * i, kwhPerH: 160 + 340 * (1 + 0.05 * i) }
})

function baselinePoints(): TestPoint[] {
  const points: TestPoint[] = []
  for (const m of BASELINE_MONTHS) {
    for (let t = m.startMs; t < m.endMs; t += 3_600_000) {
      points.push({ measurement: MEASUREMENTS.machineHour, tags: { firm: 'fa', plant: 'pa', line: 'dye', machine: 'm1', machine_type: 'stenter', unit: 'm' }, fields: { ideal_produced_s: 3600 * m.idealHPerH, minutes: 60 }, timeMs: t })
      points.push({ measurement: MEASUREMENTS.meterHour, tags: { firm: 'fa', plant: 'pa', line: 'utilities', meter: 'incomer', scope: 'plant', medium: 'electricity' }, fields: { electricity_kwh: m.kwhPerH, minutes: 60 }, timeMs: t })
    }
  }
  return points
}

export function weekPoints(): TestPoint[] {
  const points: TestPoint[] = []
  for (let t = WEEK_START; t < WEEK_END; t += 60_000) {
    for (const machine of ['m1', 'm2']) {
      points.push({ measurement: MEASUREMENTS.machineMinute, tags: { firm: 'fa', plant: 'pa', line: 'dye', machine, machine_type: 'stenter', unit: 'm' }, fields: MACHINE_MINUTE, timeMs: t })
      points.push({ measurement: MEASUREMENTS.intakeMinute, tags: { firm: 'fa', plant: 'pa', line: 'dye', device: machine, kind: 'machine' }, fields: { samples: 4, late_samples: 1, duplicates: 0, too_late: 0, discontinuities: 0 }, timeMs: t })
    }
    for (const [firm, p] of [['fa', 'pa'], ['fb', 'pb']] as const) {
      points.push({ measurement: MEASUREMENTS.meterMinute, tags: { firm, plant: p, line: 'utilities', meter: 'incomer', scope: 'plant', medium: 'electricity' }, fields: { electricity_kwh: 0.25 }, timeMs: t })
      points.push({ measurement: MEASUREMENTS.intakeMinute, tags: { firm, plant: p, line: 'utilities', device: 'incomer', kind: 'meter' }, fields: { samples: 1, late_samples: 0, duplicates: 0, too_late: 0, discontinuities: 0 }, timeMs: t })
    }
  }
  return [...points, ...hourRollups(points, TZ), ...baselinePoints()]
}

/** Scorer configuration on the test servers, with its own bucket and topic. */
export function scorerConfig(bucket: string, overrides: Partial<ScorerConfig> = {}): ScorerConfig {
  const s = servers()
  return {
    KAFKA_BROKERS: s.kafkaBrokers.split(','), KAFKA_SECURITY: 'plaintext', KAFKA_SASL_MECHANISM: 'scram-sha-512', INFLUX_URL: s.influxUrl, INFLUX_TOKEN: s.influxToken, INFLUX_ORG: s.influxOrg, INFLUX_BUCKET: bucket,
    LOG_LEVEL: 'warn', HTTP_PORT: 0, HTTP_HOST: '127.0.0.1', SHUTDOWN_TIMEOUT_MS: 20_000,
    SCORER_TOPIC: uniqueName('scores'), SCORER_ROLLUP_TOPIC: uniqueName('score-rollups'), SCORER_SETTLE: 90 * 60_000, SCORER_HOURLY_SETTLE: 20 * 60_000,
    SCORER_CATCH_UP: 8 * 24 * 3_600_000, SCORER_MAX_CATCH_UP: 8, SCORER_RETRIES: 2,
    ...overrides,
  }
}
