import { describe, expect, it } from 'vitest'
import { parseSparkplugTopic } from './sparkplug-topic.ts'

describe('parseSparkplugTopic', () => {
  it('reads node, device and host STATE topics of the spBv1.0 namespace', () => {
    expect(parseSparkplugTopic('spBv1.0/g/NBIRTH/e')).toEqual({ ok: true, kind: 'message', type: 'NBIRTH', groupId: 'g', edgeNodeId: 'e' })
    expect(parseSparkplugTopic('spBv1.0/g/DDATA/e/d')).toEqual({ ok: true, kind: 'message', type: 'DDATA', groupId: 'g', edgeNodeId: 'e', deviceId: 'd' })
    expect(parseSparkplugTopic('spBv1.0/STATE/host')).toEqual({ ok: true, kind: 'state', hostId: 'host' })
  })

  it('refuses with a reason a wrong namespace, an unknown type, a device on a node type or none on a device type, and extra levels', () => {
    for (const t of ['spAv1.0/g/NBIRTH/e', 'spBv1.0/g/NFOO/e', 'spBv1.0/g/NDATA/e/d', 'spBv1.0/g/DDATA/e', 'spBv1.0/g/DDATA/e/d/x', 'spBv1.0/g', 'spBv1.0//NDATA/e']) {
      const parsed = parseSparkplugTopic(t)
      expect(parsed.ok, t).toBe(false)
    }
  })
})
