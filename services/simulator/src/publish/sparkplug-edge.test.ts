import { loadRegistry, TEST_REGISTRY_PATH } from '@millstream/seeds'
import sparkplugPayload from 'sparkplug-payload'
import { describe, expect, it } from 'vitest'
import type { SimMessage } from '../sim/sim-message.ts'
import { createSparkplugEdge } from './sparkplug-edge.ts'

const spB = sparkplugPayload.get('spBv1.0')!
const plant = loadRegistry(TEST_REGISTRY_PATH).firms[0]!.plants[0]!
const msg = (topic: string, payload: object | string): SimMessage => ({ atMs: 0, topic, payload: typeof payload === 'string' ? payload : JSON.stringify(payload), deviceKey: '', channel: 'count', ts: 0, kind: 'telemetry' })
const plain = (v: unknown) => (typeof v === 'object' && v !== null && 'toNumber' in v ? (v as { toNumber(): number }).toNumber() : v)

describe('the simulator as a Sparkplug B edge node', () => {
  it('births every machine and meter with aliases, then sends each reading as alias-only DDATA with its ts and the next seq', () => {
    const edge = createSparkplugEdge({ firm: 'test-firm', plant, bdSeq: 9 })
    const births = edge.births(1000)
    expect(births[0]?.topic).toBe('spBv1.0/test-firm/NBIRTH/test-plant')
    expect(births.length).toBe(1 + plant.lines.reduce((n, l) => n + l.machines.length, 0) + plant.meters.length)
    const jd = spB.decodePayload(births.find((b) => b.topic.endsWith('/jd-01'))!.payload)
    const steam = jd.metrics?.find((m) => m.name === 'Energy/steam/Total')
    expect(steam).toMatchObject({ type: 'Double', value: null })

    const out = edge.encode(msg('mill/v1/test-firm/test-plant/dyeing/jd-01/energy', { ts: '2026-03-02T08:00:00+08:00', total: 12.5, medium: 'steam', seq: 4 }))
    expect(out.topic).toBe('spBv1.0/test-firm/DDATA/test-plant/jd-01')
    const data = spB.decodePayload(out.payload)
    expect(plain(data.seq)).toBe(births.length)
    expect(data.metrics?.map((m) => [m.name, plain(m.alias), m.value, plain(m.timestamp)])).toEqual([[undefined, plain(steam?.alias), 12.5, Date.parse('2026-03-02T00:00:00Z')]])
  })

  it('sends what is not a v1 reading (chaos) as its raw bytes, and knows a rebirth command', () => {
    const edge = createSparkplugEdge({ firm: 'test-firm', plant, bdSeq: 1 })
    expect(edge.encode(msg('mill/v1/test-firm/test-plant/weaving/loom-01/count', '{"ts":')).payload.toString()).toBe('{"ts":')
    expect(edge.isRebirth(Buffer.from(spB.encodePayload({ metrics: [{ name: 'Node Control/Rebirth', type: 'Boolean', value: true }] })))).toBe(true)
    expect(edge.isRebirth(Buffer.from('x'))).toBe(false)
  })
})
