/**
 * Why a message was dead-lettered. Codes are stable API: dashboards and alerts match on them.
 * docs/ingest.md lists them with examples.
 */
export const REJECTION_REASONS = {
  topic_grammar: 'topic is not mill/v1/{firm}/{plant}/{line}/{machine}/{channel} with valid ids',
  unknown_channel: 'channel is not state, count, energy or process',
  payload_too_large: 'payload exceeds the configured size limit',
  empty_payload: 'payload is empty',
  not_utf8: 'payload is not valid UTF-8 text',
  malformed_json: 'payload is not parseable JSON',
  not_an_object: 'payload JSON is not an object',
  schema_violation: 'payload fields have wrong types, missing required fields or invalid values',
  non_finite_number: 'a number is NaN or infinite',
  negative_cumulative: 'a cumulative counter or meter reading is negative',
  bad_timestamp: 'ts is missing or not RFC 3339 with offset nor epoch milliseconds',
  future_timestamp: 'ts is further in the future than the allowed clock skew',
  timestamp_before_min: 'ts is earlier than the configured lower bound (no plant data predates the platform)',
  unknown_device: 'firm, plant, line or machine is not in the registry',
  channel_not_allowed: 'this device does not publish this channel',
  unknown_gauge: 'a process message names a gauge the registry does not declare for this device',
  medium_mismatch: 'energy medium differs from the meter registered for this device',
  too_late: 'event time is older than the allowed lateness of its window',
  kafka_rejected: 'Kafka refused the record for a reason that retrying cannot cure (e.g. MESSAGE_TOO_LARGE)',
  // Sparkplug B host (docs/sparkplug.md): the message is kept whole, the reason names the metric.
  sparkplug_topic: 'topic is not spBv1.0/{group}/{type}/{edge node}[/{device}] with a known message type',
  sparkplug_undecodable: 'payload is not a Sparkplug B protobuf payload (or too large, or has too many metrics)',
  sparkplug_unmapped: 'group, edge node or device is not mapped to a registry machine (seeds/sparkplug.json)',
  sparkplug_no_birth: 'data from an edge node or device whose birth the host has not seen (a rebirth is requested)',
  sparkplug_unknown_alias: 'a metric alias that the birth did not declare (a rebirth is requested)',
  sparkplug_bad_metric: 'a mapped metric has a data type or value its channel field cannot take',
} as const

export type RejectionCode = keyof typeof REJECTION_REASONS
export const REJECTION_CODES = Object.keys(REJECTION_REASONS) as [RejectionCode, ...RejectionCode[]]
