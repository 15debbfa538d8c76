import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { crc32C, encodeProduceRequest, type ProduceMessage } from './produce-request.ts'

/**
 * patches/kafkajs@2.2.4.patch changes how kafkajs encodes a Produce request (buffers sized once,
 * CRC-32C eight bytes at a time), never what it writes. The digests below are of the bytes the
 * unpatched release wrote for the same requests.
 */

/** Deterministic messages of every size class: empty, a few bytes, across the encoder's 512 and 4,096 byte steps, multi-byte UTF-8, Buffers. */
function fixtureMessages(partition: number, count: number): ProduceMessage[] {
  return Array.from({ length: count }, (_, i) => {
    const n = (partition * 131 + i * 977) % 9000
    const text = `{"device":"loom-${partition}-${i}","samples":[${Array.from({ length: n % 97 }, (_, j) => `{"ts":${1_780_000_000_000 + j * 1000},"total":${(i * j) % 65536}}`).join(',')}],"note":"纺纱 ${'x'.repeat(n % 13)}"}`
    const value = i % 5 === 0 ? Buffer.from(text) : i % 11 === 0 ? '' : text
    const key = i % 3 === 0 ? Buffer.from(`key-${partition}-${i % 7}`) : `test-firm/plant/line-${i % 4}/loom-${i % 7}`
    return { key, value, timestamp: 1_780_000_000_000 + i * 17 + partition }
  })
}

const fixture = () => [
  { topic: 'millstream.telemetry.v1', partitions: Array.from({ length: 12 }, (_, p) => ({ partition: p, messages: fixtureMessages(p, 3 + p * 9) })) },
  {
    topic: 'millstream.telemetry.dlq.v1',
    partitions: [
      { partition: 0, messages: fixtureMessages(99, 4) },
      // The release orders timestamps as strings ('1000' before '999'); numbers and strings mixed; headers.
      { partition: 1, messages: [1000, 999, '1780000000005', 5, '5', 1_780_000_000_003].map((timestamp, i) => ({ key: `k${i}`, value: `v${i}`, timestamp, ...(i % 2 === 0 ? { headers: { origin: 'ingest', tags: ['a', 'b'] } } : {}) })) },
    ],
  },
]

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

/** CRC-32C bit by bit (Castagnoli, reflected polynomial 0x82F63B78): the definition, not a table. */
function crc32cBitwise(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}

describe('kafkajs 2.2.4 as patched', () => {
  it('encodes a Produce request byte for byte as the release did', async () => {
    const plain = await encodeProduceRequest(fixture())
    expect(plain.byteLength).toBe(GOLDEN.plain.bytes)
    expect(sha256(plain)).toBe(GOLDEN.plain.sha256)
    const transactional = await encodeProduceRequest(fixture(), true)
    expect(transactional.byteLength).toBe(GOLDEN.transactional.bytes)
    expect(sha256(transactional)).toBe(GOLDEN.transactional.sha256)
  })

  it('computes CRC-32C as its definition does', () => {
    // The check value of CRC-32C (RFC 3720, appendix B.4 and the CRC catalogue): "123456789".
    expect(crc32C(Buffer.from('123456789'))).toBe(0xe3069283)
    expect(crc32C(Buffer.alloc(0))).toBe(0)
    expect(crc32C(Buffer.alloc(32))).toBe(0x8a9136aa)
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(7), (bytes, skip) => {
        // A view at every alignment within a larger buffer, as kafkajs passes slices.
        const backing = Buffer.alloc(bytes.length + skip)
        backing.set(bytes, skip)
        return crc32C(backing.subarray(skip)) === crc32cBitwise(bytes)
      }),
      { numRuns: 2000 },
    )
  })
})

const GOLDEN = {
  plain: { bytes: 989_004, sha256: 'e7b0570f3ec86c4b6eff56647dd161dd45a8bbcc3b6aba08430ccc2dd3d5d5e7' },
  transactional: { bytes: 989_012, sha256: '6c1ad8fab441529783f23074a9e8d89afddc3bae4025e5216e7b15cf9b7a8b46' },
}
