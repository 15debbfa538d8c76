import type { AggregatorConfig } from './config.ts'
import type { EngineOptions } from './engine/engine-options.ts'

export function engineOptions(config: AggregatorConfig): EngineOptions {
  return {
    latenessMs: config.AGG_ALLOWED_LATENESS,
    stalenessMs: config.AGG_STALENESS,
    maxSpreadMs: config.AGG_MAX_SPREAD,
    horizonMs: config.AGG_SILENT_HORIZON,
    partitionGraceMs: config.AGG_PARTITION_GRACE,
    emitDelayMs: config.AGG_EMIT_DELAY,
  }
}
