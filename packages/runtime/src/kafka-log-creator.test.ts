import { describe, expect, it } from 'vitest'
import { captureLogger } from './capture-logger.ts'
import { KAFKA_LOG_LEVEL, kafkaLogCreator, toKafkaLogLevel } from './kafka-log-creator.ts'

function setup() {
  const { logger, lines } = captureLogger('trace')
  const log = kafkaLogCreator(logger)(KAFKA_LOG_LEVEL.DEBUG)
  return { lines, log }
}

describe('kafkaLogCreator', () => {
  it.each([
    [KAFKA_LOG_LEVEL.ERROR, 'ERROR', 'error'],
    [KAFKA_LOG_LEVEL.WARN, 'WARN', 'warn'],
    [KAFKA_LOG_LEVEL.INFO, 'INFO', 'info'],
    [KAFKA_LOG_LEVEL.DEBUG, 'DEBUG', 'debug'],
  ])('logs KafkaJS level %d (%s) at pino level %s', (level, label, expected) => {
    const { lines, log } = setup()
    log({ namespace: 'Consumer', level, label, log: { message: 'hello', timestamp: '2026-03-01T00:00:00.000Z', logger: 'kafkajs' } })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ level: expected, component: 'kafkajs', namespace: 'Consumer', msg: 'hello' })
  })

  it('writes nothing for level NOTHING', () => {
    const { lines, log } = setup()
    log({ namespace: 'Consumer', level: KAFKA_LOG_LEVEL.NOTHING, label: 'NOTHING', log: { message: 'hello' } })
    expect(lines).toEqual([])
  })

  it('keeps KafkaJS fields under kafka, so they cannot overwrite pino fields', () => {
    const { lines, log } = setup()
    const entry = { message: 'Crash', timestamp: 't', logger: 'kafkajs', groupId: 'aggregator', retryCount: 3, msg: 'clash', level: 'x' }
    log({ namespace: 'Runner', level: KAFKA_LOG_LEVEL.ERROR, label: 'ERROR', log: entry })
    expect(lines[0]).toMatchObject({ level: 'error', msg: 'Crash', kafka: { groupId: 'aggregator', retryCount: 3, msg: 'clash', level: 'x' } })
    expect(lines[0]?.kafka).not.toHaveProperty('timestamp')
  })
})

describe('toKafkaLogLevel', () => {
  it('lets KafkaJS build only the lines pino would print', () => {
    expect(toKafkaLogLevel('silent')).toBe(KAFKA_LOG_LEVEL.NOTHING)
    expect(toKafkaLogLevel('error')).toBe(KAFKA_LOG_LEVEL.ERROR)
    expect(toKafkaLogLevel('warn')).toBe(KAFKA_LOG_LEVEL.WARN)
    expect(toKafkaLogLevel('info')).toBe(KAFKA_LOG_LEVEL.INFO)
    expect(toKafkaLogLevel('trace')).toBe(KAFKA_LOG_LEVEL.DEBUG)
  })
})
