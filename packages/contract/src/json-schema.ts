import { z } from 'zod'
import { countPayloadSchema, energyPayloadSchema, processPayloadSchema, statePayloadSchema } from './payloads.ts'
import { processOutOfRangeRecordSchema } from './process.ts'
import { liveMinuteSchema } from './live-minute.ts'
import { registrySchema } from './registry.ts'
import { connectionLostRecordSchema, telemetryAnomalyRecordSchema } from './anomalies.ts'
import { scoreRecordSchema } from './scores.ts'
import { scoreRollupRecordSchema } from './score-rollups.ts'
import { benchmarkSetSchema } from './benchmarks.ts'
import { batchMessageSchema } from './batch.ts'

/** JSON Schemas (draft 2020-12) for device makers, registry authors and live-topic consumers. */
export function jsonSchemas(): Record<string, unknown> {
  const opts = { io: 'input', unrepresentable: 'any' } as const
  return {
    'state.schema.json': { title: 'MillStream v1 state payload', ...z.toJSONSchema(statePayloadSchema, opts) },
    'count.schema.json': { title: 'MillStream v1 count payload', ...z.toJSONSchema(countPayloadSchema, opts) },
    'energy.schema.json': { title: 'MillStream v1 energy payload', ...z.toJSONSchema(energyPayloadSchema, opts) },
    'process.schema.json': { title: 'MillStream v1 process payload (gauges)', ...z.toJSONSchema(processPayloadSchema, opts) },
    'batch.schema.json': { title: 'MillStream v1.1 batch message (mill/v1/{firm}/{plant}/batch)', ...z.toJSONSchema(batchMessageSchema, opts) },
    'machine-minute.schema.json': { title: 'MillStream mill.machine-minute.v1 record', ...z.toJSONSchema(liveMinuteSchema, { ...opts, io: 'output' }) },
    'registry.schema.json': { title: 'MillStream registry', ...z.toJSONSchema(registrySchema, opts) },
    'score.schema.json': { title: 'MillStream mill.scores.v1 record', ...z.toJSONSchema(scoreRecordSchema, { ...opts, io: 'output' }) },
    'score-rollup.schema.json': { title: 'MillStream mill.score-rollups.v1 record', ...z.toJSONSchema(scoreRollupRecordSchema, { ...opts, io: 'output' }) },
    'benchmarks.schema.json': { title: 'MillStream energy benchmark rows (seeds/benchmarks.json)', ...z.toJSONSchema(benchmarkSetSchema, opts) },
    'anomaly.schema.json': { title: 'MillStream v1 telemetry anomaly record (mill.telemetry.anomaly.v1)', ...z.toJSONSchema(telemetryAnomalyRecordSchema, opts) },
    'process-out-of-range.schema.json': { title: 'MillStream v1 process out-of-range event (mill.telemetry.anomaly.v1, reason out_of_range)', ...z.toJSONSchema(processOutOfRangeRecordSchema, opts) },
    'connection-lost.schema.json': { title: 'MillStream v1 connection-lost event (mill.telemetry.anomaly.v1, reason connection_lost)', ...z.toJSONSchema(connectionLostRecordSchema, opts) },
  }
}
