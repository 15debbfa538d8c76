import { describe, expect, it } from 'vitest'
import { formatTopic, parseTopic } from './topic.ts'

describe('parseTopic', () => {
  it('accepts a well-formed v1 topic and names its parts', () => {
    expect(parseTopic('mill/v1/acme/p1/weaving-1/loom_07/state')).toEqual({
      ok: true,
      ref: { firm: 'acme', plant: 'p1', line: 'weaving-1', device: 'loom_07' },
      channel: 'state',
    })
  })

  it.each([
    ['mill/v1/acme/p1/l1/m1', 'topic_grammar'],
    ['mill/v1/acme/p1/l1/m1/state/extra', 'topic_grammar'],
    ['mill/v2/acme/p1/l1/m1/state', 'topic_grammar'],
    ['mill/v1/Acme/p1/l1/m1/state', 'topic_grammar'],
    ['mill/v1/acme/p1/-l1/m1/state', 'topic_grammar'],
    ['mill/v1/acme/p1//m1/state', 'topic_grammar'],
    [`mill/v1/acme/p1/l1/${'m'.repeat(65)}/state`, 'topic_grammar'],
    ['mill/v1/acme/p1/l1/m1/temperature', 'unknown_channel'],
  ])('rejects %s as %s', (topic, reason) => {
    const parsed = parseTopic(topic)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.reason).toBe(reason)
  })

  it('round-trips through formatTopic', () => {
    const ref = { firm: 'f', plant: 'p', line: 'l', device: 'd' }
    expect(parseTopic(formatTopic(ref, 'energy'))).toEqual({ ok: true, ref, channel: 'energy' })
  })
})
