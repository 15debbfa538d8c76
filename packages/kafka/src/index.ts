export * from './create-kafka.ts'
export * from './ensure-topics.ts'
