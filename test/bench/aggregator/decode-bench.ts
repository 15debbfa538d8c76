import { decodeTelemetryValue } from '@millstream/contract'
import { benchRegistry } from './bench-registry.ts'
import { benchInput, type BenchEncoding } from './bench-stream.ts'

export interface DecodeBenchResult {
  encoding: BenchEncoding
  batchSamples: number
  records: number
  samples: number
  /** Best of the rounds, per sample: JSON parse and contract check of the records (decodeTelemetryValue). */
  usPerSample: number
  rounds: number
}

const ROUNDS = 7

/**
 * The part of the input's cost that depends on the record form: reading the same samples from v1
 * records and from device batch records with the contract's decoder, which is what the aggregator
 * and the API's live feed run per record (the registry check after it is per sample in both forms).
 * Encodings alternate round by round and the best round counts, so a shared machine's load
 * disturbs the comparison as little as it can.
 */
export function decodeBench(o: { machines: number; minutes: number; encodings: readonly BenchEncoding[]; batchSamples: number }): DecodeBenchResult[] {
  const registry = benchRegistry(o.machines)
  const inputs = o.encodings.map((encoding) => {
    const input = benchInput({ registry, startMs: Date.parse('2025-06-02T06:00:00+08:00'), minutes: o.minutes, encoding, batchSamples: o.batchSamples })
    return { ...input, buffers: input.records.map((r) => Buffer.from(r.value)) }
  })
  const best = new Map<BenchEncoding, number>()
  for (let round = 0; round < ROUNDS; round++) {
    for (const input of inputs) {
      const started = performance.now()
      let samples = 0
      for (const b of input.buffers) {
        const decoded = decodeTelemetryValue(b)
        if (decoded.ok) samples += decoded.records.length
      }
      if (samples !== input.samples) throw new Error(`decoded ${samples} of ${input.samples} samples (${input.encoding})`)
      best.set(input.encoding, Math.min(best.get(input.encoding) ?? Infinity, ((performance.now() - started) * 1000) / input.samples))
    }
  }
  return inputs.map((input) => ({ encoding: input.encoding, batchSamples: input.batchSamples, records: input.records.length, samples: input.samples, usPerSample: best.get(input.encoding) ?? NaN, rounds: ROUNDS }))
}
