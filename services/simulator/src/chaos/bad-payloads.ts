import type { Channel, DeviceRef, RejectionCode } from '@millstream/contract'
import { formatTopic } from '@millstream/contract'
import type { Prng } from '../model/prng.ts'

export const BAD_KINDS = ['malformed_json', 'wrong_types', 'negative_total', 'unknown_machine'] as const
export type BadKind = (typeof BAD_KINDS)[number]

/** The reason ingest must give when it dead-letters each kind (contract rejections.ts). */
export const EXPECTED_REJECTION: Record<BadKind, RejectionCode> = {
  malformed_json: 'malformed_json',
  wrong_types: 'schema_violation',
  negative_total: 'negative_cumulative',
  unknown_machine: 'unknown_device',
}

export interface BadMessage {
  kind: BadKind
  topic: string
  payload: string
  deviceKey: string
  channel: Channel
}

/**
 * A bad message shaped after a good one of the same device: same topic or its counter channel,
 * a valid `ts`, and exactly one defect, so the expected rejection reason is unambiguous.
 */
export function makeBadMessage(options: {
  prng: Prng
  ref: DeviceRef
  /** `count` for machines, `energy` for meters: the channel with a cumulative `total`. */
  totalChannel: Channel
  goodTopic: string
  goodPayload: string
  ts: number | string
}): BadMessage {
  const { prng, ref, totalChannel, ts } = options
  const kind = BAD_KINDS[Math.floor(prng.next() * BAD_KINDS.length)] ?? 'malformed_json'
  const key = `${ref.firm}/${ref.plant}/${ref.line}/${ref.device}`
  const totalTopic = formatTopic(ref, totalChannel)
  switch (kind) {
    case 'malformed_json':
      return { kind, topic: options.goodTopic, payload: options.goodPayload.slice(0, Math.max(1, Math.floor(options.goodPayload.length / 2))), deviceKey: key, channel: channelOf(options.goodTopic) }
    case 'wrong_types':
      return { kind, topic: totalTopic, payload: JSON.stringify({ ts, total: String(Math.round(prng.uniform(1, 1e5))) }), deviceKey: key, channel: totalChannel }
    case 'negative_total':
      return { kind, topic: totalTopic, payload: JSON.stringify({ ts, total: -Math.round(prng.uniform(1, 1e5)) }), deviceKey: key, channel: totalChannel }
    case 'unknown_machine': {
      const ghost = { ...ref, device: `ghost-${String(Math.floor(prng.uniform(1, 100))).padStart(2, '0')}` }
      return { kind, topic: formatTopic(ghost, 'count'), payload: JSON.stringify({ ts, total: 1 }), deviceKey: `${ref.firm}/${ref.plant}/${ref.line}/${ghost.device}`, channel: 'count' }
    }
  }
}

function channelOf(topic: string): Channel {
  return topic.slice(topic.lastIndexOf('/') + 1) as Channel
}
