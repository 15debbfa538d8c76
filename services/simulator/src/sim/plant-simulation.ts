import type { Firm, Machine, Plant } from '@millstream/contract'
import { deviceKey } from '@millstream/contract'
import type { ChaosConfig } from '../chaos/chaos-config.ts'
import { createPoissonSchedule } from '../chaos/event-schedule.ts'
import { createMachineDevice, type MachineDevice } from '../model/machine-device.ts'
import { MACHINE_PROFILES } from '../model/machine-profiles.ts'
import { createMachineTimeline, type Segment } from '../model/machine-timeline.ts'
import { createGaugeDevice, type GaugeDevice } from '../model/gauge-device.ts'
import { createMeterDevice, type MeterDevice } from '../model/meter-device.ts'
import { DISTRIBUTION_LOSS_FACTOR, lineAuxiliaryPerH, plantAuxiliaryPerH, type LoadMember } from '../model/plant-loads.ts'
import { createPrng } from '../model/prng.ts'
import { ceilToStep, type Emit } from '../model/raw-event.ts'
import { createShiftCalendar } from '../model/shift-calendar.ts'
import { formatRfc3339 } from '@millstream/metrics'
import { createDeviceChannel } from './device-channel.ts'
import { createRegisterFaults } from '../chaos/register-faults.ts'
import type { Injections, SimMessage, TsFormat } from './sim-message.ts'

export interface PlantSimulationOptions {
  firm: Firm
  plant: Plant
  seed: number
  /** Sent as every device's `boot` (simulator-options.ts). */
  boot?: string
  startMs: number
  periodS: number
  heartbeatS: number
  tsFormat: TsFormat
  chaos: ChaosConfig
  /** Publish the process channel (gauges, hall sensors); default true. */
  processChannel?: boolean
  /** Sees every machine segment as it begins (tests: time conservation). */
  onSegment?: (deviceKey: string, segment: Segment) => void
}

export interface PlantSimulation {
  /** Simulates up to `toMs` and returns every message due by then, in publish order. */
  advance(toMs: number): SimMessage[]
  /** Messages still held back by chaos delays (late, out of order, duplicates), in publish order: the end of a fast run. */
  flush(): SimMessage[]
  readonly nowMs: number
  readonly deviceKeys: readonly string[]
  readonly injections: Injections
}

interface MachineSlot { device: MachineDevice; emit: Emit; lineId: string; member: () => LoadMember }
interface MeterSlot { device: MeterDevice; emit: Emit }
interface GaugeSlot { device: GaugeDevice; emit: Emit }

/** Every device of a plant samples at the same instants: formatting each instant once is enough. */
function lastValueCache<T>(format: (ms: number) => T): (ms: number) => T {
  let lastMs = Number.NaN
  let last: T
  return (ms) => {
    if (ms !== lastMs) {
      last = format(ms)
      lastMs = ms
    }
    return last
  }
}

/**
 * Merges per-device lists (each ordered by atMs) into one: by atMs, then device order, then
 * each device's own order. Buckets by instant: nearly all messages share the sampling instants.
 */
function mergeByPublishTime(perDevice: SimMessage[][]): SimMessage[] {
  const buckets = new Map<number, SimMessage[]>()
  for (const list of perDevice) {
    for (const m of list) {
      const bucket = buckets.get(m.atMs)
      if (bucket) bucket.push(m)
      else buckets.set(m.atMs, [m])
    }
  }
  const instants = [...buckets.keys()].sort((a, b) => a - b)
  return instants.flatMap((t) => buckets.get(t) as SimMessage[])
}

/**
 * One plant: a device per machine and meter, sampled on a shared epoch-aligned grid so that
 * meters read their machines at the same instant. The output depends only on the options and
 * the instants reached, never on how the period was cut into advance() calls.
 */
export function createPlantSimulation(options: PlantSimulationOptions): PlantSimulation {
  const { firm, plant, seed, startMs, chaos } = options
  const periodMs = options.periodS * 1000
  const calendar = createShiftCalendar(plant.shiftCalendar, plant.timeZone)
  const injections: Injections = { gaps: [], resets: [], discontinuities: [] }
  const formatTs = options.tsFormat === 'epoch' ? (ms: number) => ms : lastValueCache((ms: number) => formatRfc3339(ms, plant.timeZone))
  const channels: ReturnType<typeof createDeviceChannel>[] = []
  const keys: string[] = []
  const machines: MachineSlot[] = []
  const meters: MeterSlot[] = []
  const gauges: GaugeSlot[] = []
  const prng = (key: string, stream: string) => createPrng(seed, `${key}/${stream}`)
  const restartsOf = (key: string) => {
    const schedule = createPoissonSchedule(prng(key, 'restarts'), chaos.resetPerDeviceH, startMs)
    return { peek: () => schedule.peek(), takeDue: (ms: number) => schedule.takeDue(ms) }
  }

  const open = (line: string, device: string, totalChannel: 'count' | 'energy' | 'process', scaleOf: (series: string) => number) => {
    const ref = { firm: firm.id, plant: plant.id, line, device }
    const key = deviceKey(ref)
    // Own random stream: the other chaos draws do not change when discontinuities are switched on.
    const registerFaults = chaos.discontinuityPerDeviceH > 0
      ? createRegisterFaults({ device: key, ratePerH: chaos.discontinuityPerDeviceH, startMs, prng: prng(key, 'discontinuities'), scaleOf, injected: injections.discontinuities })
      : undefined
    // A sensor has no counter to send a bad total on: its chaos is delays, duplicates, gaps and out-of-range readings.
    const channel = createDeviceChannel({ ref, totalChannel, chaos: totalChannel === 'process' ? { ...chaos, bad: 0 } : chaos, startMs, periodMs, formatTs, injections, prng: prng(key, 'chaos'), gapPrng: prng(key, 'gaps'), ...(registerFaults ? { registerFaults } : {}), ...(options.boot === undefined ? {} : { boot: options.boot }) })
    keys.push(key)
    channels.push(channel)
    return { key, emit: channel.accept }
  }

  for (const line of plant.lines) {
    for (const machine of line.machines) {
      const { key, emit } = open(line.id, machine.id, 'count', (series) => machineScale(machine, series))
      const profile = MACHINE_PROFILES[machine.type]
      const timeline = createMachineTimeline({ machine, profile, calendar, startMs, prng: prng(key, 'model'), restarts: restartsOf(key), restartDurationMs: chaos.restartS * 1000 })
      const device = createMachineDevice({
        machine, timeline, startMs, periodMs, heartbeatMs: options.heartbeatS * 1000, prng: prng(key, 'initial'), goodShare: profile.goodShare,
        typicalDrawPerH: {
          electricity: machine.ratedPowerKw * profile.power.running,
          steam: profile.media?.steam?.running ?? 0, water: profile.media?.water?.running ?? 0, gas: profile.media?.gas?.running ?? 0,
        },
        onSegment: (segment) => {
          if (segment.state === 'off' && segment.reason === 'restart') injections.resets.push({ device: key, atMs: segment.startMs })
          options.onSegment?.(key, segment)
        },
      })
      machines.push({ device, emit, lineId: line.id, member: () => ({ process: line.process, machine, segment: device.current() }) })
      // Its gauges (a jet dyer's liquor temperature) on the same device channel: one seq per device.
      if (options.processChannel !== false && machine.gauges && Object.keys(machine.gauges).length > 0) gauges.push({ device: createGaugeDevice({ gauges: machine.gauges, prng: prng(key, 'gauges'), outOfRange: chaos.outOfRange }), emit })
    }
  }

  // Hall sensors (issue 16): humidity and temperature on the process channel only.
  for (const sensor of options.processChannel === false ? [] : plant.sensors) {
    const { key, emit } = open(sensor.line, sensor.id, 'process', () => 1)
    gauges.push({ device: createGaugeDevice({ gauges: sensor.gauges, prng: prng(key, 'gauges'), outOfRange: chaos.outOfRange }), emit })
  }

  for (const meter of plant.meters) {
    const { key, emit } = open(meter.line, meter.id, 'energy', () => meter.maxFlowPerH ?? 1)
    const scoped = meter.scope === 'plant' ? machines : machines.filter((m) => m.lineId === meter.line)
    const auxiliary = meter.scope === 'plant' ? plantAuxiliaryPerH : lineAuxiliaryPerH
    const restarts = restartsOf(key)
    const device = createMeterDevice({
      meter, members: scoped.map((m) => m.device), prng: prng(key, 'initial'),
      lossFactor: meter.scope === 'plant' ? DISTRIBUTION_LOSS_FACTOR[meter.medium] : meter.medium === 'steam' ? 1.03 : 1,
      auxiliaryPerH: (ms) => auxiliary(meter.medium, { calendarKind: calendar.at(ms).kind, members: scoped.map((m) => m.member()) }),
      restarts: {
        takeDue: (ms) => {
          const due = restarts.takeDue(ms)
          for (const atMs of due) injections.resets.push({ device: key, atMs })
          return due
        },
      },
    })
    meters.push({ device, emit })
  }

  let nowMs = startMs - 1
  let nextTickMs = ceilToStep(startMs, periodMs)

  return {
    advance(toMs) {
      if (toMs <= nowMs) return []
      for (; nextTickMs <= toMs; nextTickMs += periodMs) {
        for (const m of machines) m.device.advanceTo(nextTickMs, m.emit)
        for (const m of meters) m.device.sample(nextTickMs, m.emit)
        for (const g of gauges) g.device.sample(nextTickMs, g.emit)
      }
      for (const m of machines) m.device.advanceTo(toMs, m.emit)
      nowMs = toMs
      return mergeByPublishTime(channels.map((c) => c.release(toMs)))
    },
    flush() {
      return mergeByPublishTime(channels.map((c) => c.release(Infinity)))
    },
    get nowMs() {
      return nowMs
    },
    deviceKeys: keys,
    injections,
  }
}

/** One hour of a machine register's registry maximum (ten batches for a batch machine's count): the size of an injected fault. */
function machineScale(machine: Machine, series: string): number {
  if (series === 'count') return Math.max(machine.idealRatePerMin * 60, 10 * (machine.batchQty ?? 0))
  const medium = series.slice('energy:'.length)
  if (medium === 'electricity') return Math.max(machine.ratedPowerKw, 0.001)
  return machine.maxFlowPerH?.[medium as keyof NonNullable<Machine['maxFlowPerH']>] ?? 1
}
