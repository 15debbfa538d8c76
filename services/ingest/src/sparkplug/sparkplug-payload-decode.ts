import sparkplugPayload from 'sparkplug-payload'

/** A decoded metric with 64-bit integers made plain numbers (Long objects never leave here). */
export interface SparkplugMetric {
  name?: string
  alias?: number
  type: string
  value: unknown
  timestampMs?: number
  isNull: boolean
}
export interface SparkplugPayload {
  timestampMs?: number
  seq?: number
  metrics: SparkplugMetric[]
}

const codec = sparkplugPayload.get('spBv1.0')
if (!codec) throw new Error('sparkplug-payload has no spBv1.0 codec')
const spB = codec

/** Long values of the protobuf decoder, as numbers; beyond 2^53 precision is lost, as in JSON. */
function plain(v: unknown): unknown {
  if (typeof v === 'object' && v !== null && 'toNumber' in v && typeof (v as { toNumber: unknown }).toNumber === 'function') return (v as { toNumber(): number }).toNumber()
  return v
}

export type PayloadDecode = { ok: true; payload: SparkplugPayload } | { ok: false; message: string }

/**
 * Decodes a Sparkplug B payload with Eclipse Tahu's codec (the published sparkplug_b.proto).
 * Any failure of the decoder, which throws on malformed bytes and on some valid-looking data sets,
 * is a value; so are payloads past the limits (the host's memory bound for hostile input).
 */
export function decodeSparkplugPayload(bytes: Uint8Array, limits: { maxBytes: number; maxMetrics: number }): PayloadDecode {
  if (bytes.byteLength > limits.maxBytes) return { ok: false, message: `payload is ${bytes.byteLength} bytes, the limit is ${limits.maxBytes}` }
  let raw: ReturnType<typeof spB.decodePayload>
  try {
    raw = spB.decodePayload(bytes)
  } catch (err) {
    return { ok: false, message: `not a Sparkplug B payload: ${String((err as Error).message).slice(0, 160)}` }
  }
  const metrics = raw.metrics ?? []
  if (metrics.length > limits.maxMetrics) return { ok: false, message: `payload has ${metrics.length} metrics, the limit is ${limits.maxMetrics}` }
  const out: SparkplugPayload = { metrics: [] }
  const ts = plain(raw.timestamp)
  if (typeof ts === 'number') out.timestampMs = ts
  const seq = plain(raw.seq)
  if (typeof seq === 'number') out.seq = seq
  for (const m of metrics) {
    const alias = plain(m.alias)
    const mts = plain(m.timestamp)
    out.metrics.push({
      ...(typeof m.name === 'string' && m.name !== '' ? { name: m.name } : {}),
      ...(typeof alias === 'number' ? { alias } : {}),
      type: String(m.type ?? 'Unknown'),
      value: plain(m.value),
      ...(typeof mts === 'number' ? { timestampMs: mts } : {}),
      isNull: m.isNull === true || m.value === null || m.value === undefined,
    })
  }
  return { ok: true, payload: out }
}

/** The NCMD that asks an edge node to publish its births again (spec 6.4.11 "Node Control/Rebirth"). */
export function rebirthCommand(nowMs: number): Uint8Array {
  return spB.encodePayload({ timestamp: nowMs, metrics: [{ name: 'Node Control/Rebirth', type: 'Boolean', value: true }] })
}
