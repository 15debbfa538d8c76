import { describe, expect, it } from 'vitest'
import { AppError } from './app-error.ts'
import { captureLogger } from './capture-logger.ts'

describe('createLogger', () => {
  it('writes one JSON object per line with name, level word, ISO time and message', () => {
    const { logger, lines } = captureLogger()
    logger.info({ machine: 'loom-01' }, 'state changed')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ name: 'test', level: 'info', machine: 'loom-01', msg: 'state changed' })
    expect(lines[0]?.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  })

  it('drops lines below its level', () => {
    const { logger, lines } = captureLogger('info')
    logger.debug('noise')
    expect(lines).toEqual([])
  })

  it('pins the component on child loggers', () => {
    const { logger, lines } = captureLogger()
    logger.child({ component: 'ingest.mqtt' }).warn('reconnecting')
    expect(lines[0]).toMatchObject({ component: 'ingest.mqtt', level: 'warn', msg: 'reconnecting' })
  })

  it('serialises errors under err with code, retriable and the cause in the message', () => {
    const { logger, lines } = captureLogger()
    const err = new AppError('write failed', { code: 'influx_write_failed', retriable: true, cause: new Error('ECONNREFUSED') })
    logger.error({ err }, 'flush failed')
    expect(lines[0]?.err).toMatchObject({
      type: 'AppError',
      message: 'write failed: ECONNREFUSED',
      code: 'influx_write_failed',
      retriable: true,
    })
    expect((lines[0]?.err as { stack: string }).stack).toContain('caused by: Error: ECONNREFUSED')
  })

  it('redacts passwords and tokens, bare, nested and in a logged config', () => {
    const { logger, lines } = captureLogger()
    logger.info({ password: 'p1', token: 't1', mqtt: { password: 'p2' }, config: { INFLUX_TOKEN: 't2', MQTT_PASSWORD: 'p3', INFLUX_ORG: 'mill' } }, 'config')
    const text = JSON.stringify(lines[0])
    for (const secret of ['p1', 't1', 'p2', 't2', 'p3']) expect(text).not.toContain(`"${secret}"`)
    expect(lines[0]).toMatchObject({ password: '[redacted]', mqtt: { password: '[redacted]' }, config: { INFLUX_ORG: 'mill' } })
  })
})
