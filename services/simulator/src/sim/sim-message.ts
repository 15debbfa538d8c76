import type { Channel, RejectionCode } from '@millstream/contract'
import type { BadKind } from '../chaos/bad-payloads.ts'
import type { RegisterFaultInjection, RegisterMark } from '../chaos/register-faults.ts'

/** One MQTT publish the simulator makes, with what the report needs to know about it. */
export interface SimMessage {
  /** Simulated time at which it is published (= ts unless chaos delays it). */
  atMs: number
  topic: string
  payload: string
  deviceKey: string
  channel: Channel
  /** Event time of the payload (epoch ms); for bad messages the ts they carry, if any. */
  ts: number
  seq?: number
  kind: 'telemetry' | 'duplicate' | 'bad'
  delay?: 'late' | 'out_of_order'
  bad?: { kind: BadKind; expectedReason: RejectionCode }
  /** Cumulative readings: which series (`count`, `energy:<medium>`) and the published total. */
  reading?: { series: string; total: number; mark?: RegisterMark }
  /** Process readings: the gauges read (the report counts them per gauge, issue 16). */
  gauges?: string[]
}

/** Faults injected outside the message stream itself: lost stretches and restarts. */
export interface Injections {
  gaps: { device: string; fromMs: number; toMs: number; droppedSeqs: [number, number] }[]
  resets: { device: string; atMs: number }[]
  /** Register discontinuities injected (chaos, issue 9). */
  discontinuities: RegisterFaultInjection[]
}

export type TsFormat = 'rfc3339' | 'epoch'
