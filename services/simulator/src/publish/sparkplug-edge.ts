import { parseTopic, SPARKPLUG_NAMESPACE, type Plant } from '@millstream/contract'
import sparkplugPayload from 'sparkplug-payload'
import type { SimMessage } from '../sim/sim-message.ts'

const codec = sparkplugPayload.get('spBv1.0')
if (!codec) throw new Error('sparkplug-payload has no spBv1.0 codec')
const spB = codec
type Metric = NonNullable<Parameters<typeof spB.encodePayload>[0]['metrics']>[number]

/** v1 payload field -> Sparkplug metric name, as seeds/sparkplug.json maps them back (docs/sparkplug.md). */
const STATE_METRICS = { state: 'State', reason: 'State/Reason' } as const
const COUNT_METRICS = { total: 'Count/Total', good: 'Count/Good' } as const
const energyMetric = (medium: string, field: 'total' | 'power') => `Energy/${medium}/${field === 'total' ? 'Total' : medium === 'electricity' ? 'Power' : 'Flow'}`

export interface Publication {
  topic: string
  payload: Buffer
}

/**
 * A plant gateway as a Sparkplug B edge node (group = firm id, edge node = plant id, a device per
 * machine and meter, the defaults of seeds/sparkplug.json): births that declare every metric with
 * an alias, then each v1 message as a DDATA carrying aliases only. One seq counter for the node,
 * in publish order (0-255); bdSeq fixed for the connection, as its will carries it.
 */
export function createSparkplugEdge(o: { firm: string; plant: Plant; bdSeq: number }) {
  const group = o.firm
  const node = o.plant.id
  const base = `${SPARKPLUG_NAMESPACE}/${group}`
  let seq = 0
  const nextSeq = () => {
    const s = seq
    seq = (seq + 1) % 256
    return s
  }
  /** Device id -> metric name -> [alias, Sparkplug type]. */
  const devices = new Map<string, Map<string, [number, 'String' | 'Double']>>()
  const declare = (device: string, names: [string, 'String' | 'Double'][]) => devices.set(device, new Map(names.map(([n, t], i) => [n, [i + 1, t]])))
  for (const line of o.plant.lines) {
    for (const m of line.machines) {
      declare(m.id, [
        [STATE_METRICS.state, 'String'], [STATE_METRICS.reason, 'String'], [COUNT_METRICS.total, 'Double'], [COUNT_METRICS.good, 'Double'],
        ...m.meters.flatMap((medium): [string, 'Double'][] => [[energyMetric(medium, 'total'), 'Double'], [energyMetric(medium, 'power'), 'Double']]),
      ])
    }
  }
  for (const meter of o.plant.meters) declare(meter.id, [[energyMetric(meter.medium, 'total'), 'Double'], [energyMetric(meter.medium, 'power'), 'Double']])
  const bdSeqMetric = (): Metric => ({ name: 'bdSeq', type: 'UInt64', value: o.bdSeq })

  return {
    commandTopic: `${base}/NCMD/${node}`,
    will: (): Publication => ({ topic: `${base}/NDEATH/${node}`, payload: Buffer.from(spB.encodePayload({ timestamp: Date.now(), metrics: [bdSeqMetric()] })) }),
    /** NBIRTH then a DBIRTH per device; values are null (not known at birth), aliases declared. */
    births(nowMs: number): Publication[] {
      seq = 0
      const out: Publication[] = [{
        topic: `${base}/NBIRTH/${node}`,
        payload: Buffer.from(spB.encodePayload({ timestamp: nowMs, seq: nextSeq(), metrics: [bdSeqMetric(), { name: 'Node Control/Rebirth', type: 'Boolean', value: false }] })),
      }]
      for (const [device, metrics] of devices) {
        const declared: Metric[] = [...metrics].map(([name, [alias, type]]) => ({ name, alias, type, value: null, isNull: true }))
        out.push({ topic: `${base}/DBIRTH/${node}/${device}`, payload: Buffer.from(spB.encodePayload({ timestamp: nowMs, seq: nextSeq(), metrics: declared })) })
      }
      return out
    },
    /** The DDATA for one v1 message; a message that is not a v1 reading (chaos) goes as its raw bytes. */
    encode(message: SimMessage): Publication {
      const topic = parseTopic(message.topic)
      let body: Record<string, unknown> | undefined
      try {
        body = JSON.parse(message.payload) as Record<string, unknown>
      } catch {
        body = undefined
      }
      const device = topic.ok ? devices.get(topic.ref.device) : undefined
      const ddata = `${base}/DDATA/${node}/${topic.ok ? topic.ref.device : 'unknown'}`
      if (!topic.ok || !device || typeof body !== 'object' || body === null) return { topic: ddata, payload: Buffer.from(message.payload) }
      const ts = typeof body.ts === 'string' ? Date.parse(body.ts) : Number(body.ts)
      const metrics: Metric[] = []
      const put = (name: string, value: unknown) => {
        const declared = device.get(name)
        if (declared && value !== undefined) metrics.push({ alias: declared[0], type: declared[1], value: value as number | string, timestamp: ts })
      }
      if (topic.channel === 'state') for (const [field, name] of Object.entries(STATE_METRICS)) put(name, body[field])
      if (topic.channel === 'count') for (const [field, name] of Object.entries(COUNT_METRICS)) put(name, body[field])
      if (topic.channel === 'energy') {
        // A device metering one medium may leave it out of the payload (docs/ingest.md): take its own.
        const own = [...device.keys()].find((n) => n.startsWith('Energy/') && n.endsWith('/Total'))?.split('/')[1]
        const medium = typeof body.medium === 'string' ? body.medium : (own ?? 'electricity')
        put(energyMetric(medium, 'total'), body.total)
        put(energyMetric(medium, 'power'), body.power)
      }
      return { topic: ddata, payload: Buffer.from(spB.encodePayload({ timestamp: ts, seq: nextSeq(), metrics })) }
    },
    isRebirth(payload: Buffer): boolean {
      try {
        return (spB.decodePayload(payload).metrics ?? []).some((m) => m.name === 'Node Control/Rebirth' && m.value === true)
      } catch {
        return false
      }
    },
  }
}
export type SparkplugEdge = ReturnType<typeof createSparkplugEdge>
