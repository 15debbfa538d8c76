import type { Channel, DeviceRef } from '@millstream/contract'
import { deviceKey, formatTopic } from '@millstream/contract'
import { EXPECTED_REJECTION, makeBadMessage } from '../chaos/bad-payloads.ts'
import type { ChaosConfig } from '../chaos/chaos-config.ts'
import { createPoissonSchedule } from '../chaos/event-schedule.ts'
import type { Prng } from '../model/prng.ts'
import type { RawEvent } from '../model/raw-event.ts'
import type { RegisterFaults } from '../chaos/register-faults.ts'
import type { Injections, SimMessage } from './sim-message.ts'

export interface DeviceChannelOptions {
  ref: DeviceRef
  /** `count` for machines, `energy` for meters. */
  totalChannel: Channel
  chaos: ChaosConfig
  /** Chaos draws only: the model's own stream never depends on chaos settings. */
  prng: Prng
  gapPrng: Prng
  startMs: number
  periodMs: number
  formatTs: (ms: number) => number | string
  injections: Injections
  /** Register discontinuities (chaos); none without. */
  registerFaults?: RegisterFaults
  /** The device's boot id, sent before `seq` when given. */
  boot?: string
}

/**
 * Turns a device's raw events into MQTT messages: per-device `seq`, the v1 payload, and the
 * chaos decisions (gaps, delays, duplicates, bad messages), holding delayed messages until due.
 */
export function createDeviceChannel(options: DeviceChannelOptions) {
  const { ref, chaos, prng } = options
  const key = deviceKey(ref)
  const gaps = createPoissonSchedule(options.gapPrng, chaos.gapPerDeviceH, options.startMs)
  let gap: Injections['gaps'][number] | undefined
  let seq = 0
  /** Messages not yet due, in generation order; `inOrder` stays true while no chaos delay reorders them. */
  let held: SimMessage[] = []
  let inOrder = true

  function hold(message: SimMessage): void {
    const last = held.at(-1)
    if (last && last.atMs > message.atMs) inOrder = false
    held.push(message)
  }

  function inGap(ts: number, seqNo: number): boolean {
    if (gap && ts >= gap.toMs) gap = undefined
    if (!gap) {
      const started = gaps.takeDue(ts).at(-1)
      if (started !== undefined && ts < started + chaos.gapS * 1000) {
        gap = { device: key, fromMs: started, toMs: started + chaos.gapS * 1000, droppedSeqs: [seqNo, seqNo] }
        options.injections.gaps.push(gap)
        return true
      }
      return false
    }
    gap.droppedSeqs[1] = seqNo
    return true
  }

  return {
    accept(raw: RawEvent): void {
      const seqNo = seq++
      const { event, mark } = options.registerFaults ? options.registerFaults.apply(raw, seqNo) : { event: raw, mark: undefined }
      if (inGap(event.ts, seqNo)) return
      const ts = options.formatTs(event.ts)
      const topic = formatTopic(ref, event.channel)
      const payload = JSON.stringify(payloadOf(event, ts, seqNo, options.boot))
      const marked = mark ? { mark } : {}
      const reading = event.channel === 'count' ? { series: 'count', total: event.total, ...marked } : event.channel === 'energy' ? { series: `energy:${event.medium}`, total: event.total, ...marked } : undefined
      const gauges = event.channel === 'process' ? { gauges: Object.keys(event.values) } : {}
      const base: SimMessage = { atMs: event.ts, topic, payload, deviceKey: key, channel: event.channel, ts: event.ts, seq: seqNo, kind: 'telemetry', ...(reading ? { reading } : {}), ...gauges }
      const u = prng.next()
      if (u < chaos.late) {
        base.atMs = event.ts + Math.round(chaos.lateDelayS * 1000 * prng.uniform(1, 1.5))
        base.delay = 'late'
      } else if (u < chaos.late + chaos.outOfOrder) {
        base.atMs = event.ts + Math.round(options.periodMs * prng.uniform(1.2, 3))
        base.delay = 'out_of_order'
      }
      hold(base)
      if (prng.chance(chaos.duplicate)) hold({ ...base, kind: 'duplicate', atMs: base.atMs + Math.round(prng.uniform(0, 30_000)) })
      if (prng.chance(chaos.bad)) {
        const bad = makeBadMessage({ prng, ref, totalChannel: options.totalChannel, goodTopic: topic, goodPayload: payload, ts })
        hold({ atMs: base.atMs, topic: bad.topic, payload: bad.payload, deviceKey: bad.deviceKey, channel: bad.channel, ts: event.ts, kind: 'bad', bad: { kind: bad.kind, expectedReason: EXPECTED_REJECTION[bad.kind] } })
      }
    },

    /** Messages due by `toMs`, ordered by publish time, ties in generation order. */
    release(toMs: number): SimMessage[] {
      if (inOrder && (held.at(-1)?.atMs ?? -Infinity) <= toMs) {
        const due = held
        held = []
        return due
      }
      const due: SimMessage[] = []
      const kept: SimMessage[] = []
      for (const m of held) (m.atMs <= toMs ? due : kept).push(m)
      held = kept
      inOrder = kept.every((m, i) => i === 0 || (kept[i - 1] as SimMessage).atMs <= m.atMs)
      return due.sort((a, b) => a.atMs - b.atMs) // Array.prototype.sort is stable (ES2019)
    },
  }
}

/** The v1 payload: `ts` first, `boot` (when given) and `seq` last, exactly the fields the contract defines. */
function payloadOf(event: RawEvent, ts: number | string, seq: number, boot?: string): Record<string, unknown> {
  const fields = fieldsOf(event, ts)
  return boot === undefined ? { ...fields, seq } : { ...fields, boot, seq }
}

function fieldsOf(event: RawEvent, ts: number | string): Record<string, unknown> {
  switch (event.channel) {
    case 'state':
      return event.reason === undefined ? { ts, state: event.state } : { ts, state: event.state, reason: event.reason }
    case 'count':
      return event.good === undefined ? { ts, total: event.total, unit: event.unit } : { ts, total: event.total, good: event.good, unit: event.unit }
    case 'energy':
      return { ts, medium: event.medium, total: event.total, power: event.power }
    case 'process':
      return { ts, values: event.values }
  }
}
