export * from './create-kafka.ts'
export * from './create-missing-topics.ts'
export * from './ensure-topics.ts'
