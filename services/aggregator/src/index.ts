export * from './app.ts'
export * from './config.ts'
export * from './live-minute.ts'
export { MEASUREMENTS } from '@millstream/contract'
// The pure engine: records in, points and changelog records out (backfills, benchmarks, tests).
export { createPartitionEngine, type PartitionEngine, type EngineOutputs } from './engine/partition-engine.ts'
export { restorePartition } from './engine/changelog-records.ts'
export type { EngineOptions } from './engine/engine-options.ts'
export { engineOptions } from './engine-options-from-config.ts'
// The line roll-up of plant hours (issue 13): backfills of history, benchmarks, tests.
export { rollupHour, rollupRange, type HourRangeSource, type HourSumsSource } from './rollup/rollup-hour.ts'
export { createInfluxWriter } from './influx/influx-writer.ts'
