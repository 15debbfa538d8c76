// Does a compressed batch encoding pay (issue 16)? Measures, for a 100-sample batch as the
// simulator and the benchmark send it, the bytes saved by deflate and brotli (node:zlib; Node 20
// has no zstd there) and the CPU
// ingest would spend inflating it, beside what ingest spends per sample today. See docs/performance.md.
import { brotliCompressSync, brotliDecompressSync, constants, deflateRawSync, inflateRawSync } from 'node:zlib'

const devices = ['weaving/loom-01', 'weaving/loom-02', 'spinning/rf-01', 'dyeing/jd-01', 'finishing/st-01', 'sewing/sw-01', 'sewing/sw-02']
const now = Date.now()
const batch = Buffer.from(JSON.stringify({
  samples: Array.from({ length: 100 }, (_, i) => {
    const [line, machine] = (devices[i % devices.length] as string).split('/')
    return { line, machine, channel: 'count', ts: now + i * 37, total: 1_000_000 + i * 613, seq: 5000 + Math.floor(i / 7) }
  }),
}))
const rounds = 3000
const cpuUs = (fn: () => void) => {
  const start = process.cpuUsage()
  for (let i = 0; i < rounds; i++) fn()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / rounds
}
const codecs = {
  'deflate level 1': { pack: (b: Buffer) => deflateRawSync(b, { level: 1 }), unpack: (b: Buffer) => inflateRawSync(b) },
  'deflate level 6': { pack: (b: Buffer) => deflateRawSync(b, { level: 6 }), unpack: (b: Buffer) => inflateRawSync(b) },
  'brotli quality 4': { pack: (b: Buffer) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }), unpack: (b: Buffer) => brotliDecompressSync(b) },
}
console.log(`batch of 100 samples: ${batch.byteLength} bytes of JSON; JSON.parse ${cpuUs(() => JSON.parse(batch.toString())).toFixed(1)} us`)
console.log('| codec | bytes | ratio | gateway CPU us per batch (compress) | ingest CPU us per batch (inflate) | ingest us per sample |')
console.log('| --- | --- | --- | --- | --- | --- |')
for (const [name, c] of Object.entries(codecs)) {
  const packed = c.pack(batch)
  if (!c.unpack(packed).equals(batch)) throw new Error(`${name} does not round-trip`)
  const inflate = cpuUs(() => c.unpack(packed))
  console.log(`| ${name} | ${packed.byteLength} | ${(batch.byteLength / packed.byteLength).toFixed(1)} | ${cpuUs(() => c.pack(batch)).toFixed(1)} | ${inflate.toFixed(1)} | ${(inflate / 100).toFixed(2)} |`)
}
