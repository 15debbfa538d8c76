import { ID_PATTERN, type DeviceRef } from './ids.ts'

export const TOPIC_PREFIX = 'mill/v1'
export const CHANNELS = ['state', 'count', 'energy', 'process'] as const
export type Channel = (typeof CHANNELS)[number]

/**
 * The subscription that covers everything a gateway may publish (issue 10): not only well-formed
 * v1 topics but any level count under `mill/`, so that a trailing slash or a missing level reaches
 * ingest and is dead-lettered as `topic_grammar` instead of vanishing with PUBACK 16.
 */
export const TELEMETRY_TOPIC_FILTER = 'mill/#'

export type TopicParse =
  | { ok: true; ref: DeviceRef; channel: Channel }
  | { ok: false; reason: 'topic_grammar' | 'unknown_channel'; message: string }

const ID_NAMES = ['firm', 'plant', 'line', 'machine'] as const

/** Parses `mill/v1/{firm}/{plant}/{line}/{machine}/{channel}`. Never throws. */
export function parseTopic(topic: string): TopicParse {
  const parts = topic.split('/')
  if (parts.length !== 7 || parts[0] !== 'mill' || parts[1] !== 'v1') {
    return { ok: false, reason: 'topic_grammar', message: `topic must be ${TOPIC_PREFIX}/{firm}/{plant}/{line}/{machine}/{channel}` }
  }
  const ids = parts.slice(2, 6)
  for (const [i, id] of ids.entries()) {
    if (!ID_PATTERN.test(id)) {
      return { ok: false, reason: 'topic_grammar', message: `${ID_NAMES[i]} id "${id.slice(0, 80)}" must match [a-z0-9][a-z0-9_-]{0,63}` }
    }
  }
  const channel = parts[6] as string
  if (!(CHANNELS as readonly string[]).includes(channel)) {
    return { ok: false, reason: 'unknown_channel', message: `channel "${channel.slice(0, 80)}" is not one of ${CHANNELS.join(', ')}` }
  }
  const [firm, plant, line, device] = ids as [string, string, string, string]
  return { ok: true, ref: { firm, plant, line, device }, channel: channel as Channel }
}

export function formatTopic(ref: DeviceRef, channel: Channel): string {
  return `${TOPIC_PREFIX}/${ref.firm}/${ref.plant}/${ref.line}/${ref.device}/${channel}`
}
