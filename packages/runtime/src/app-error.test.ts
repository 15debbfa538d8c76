import { describe, expect, it } from 'vitest'
import { AppError, isRetriable, toAppError } from './app-error.ts'

describe('AppError', () => {
  it('carries code, retriable and cause', () => {
    const cause = new Error('ECONNREFUSED')
    const err = new AppError('cannot reach InfluxDB', { code: 'influx_unreachable', retriable: true, cause })
    expect(err).toBeInstanceOf(Error)
    expect(err).toMatchObject({ name: 'AppError', message: 'cannot reach InfluxDB', code: 'influx_unreachable', retriable: true })
    expect(err.cause).toBe(cause)
  })
})

describe('isRetriable', () => {
  it('follows the retriable flag of AppErrors and of foreign errors such as KafkaJS ones', () => {
    expect(isRetriable(new AppError('x', { code: 'a', retriable: true }))).toBe(true)
    expect(isRetriable(new AppError('x', { code: 'a', retriable: false }))).toBe(false)
    expect(isRetriable(Object.assign(new Error('leader not available'), { retriable: true }))).toBe(true)
  })

  it('treats anything without the flag as not retriable', () => {
    expect(isRetriable(new Error('x'))).toBe(false)
    expect(isRetriable('oops')).toBe(false)
    expect(isRetriable(null)).toBe(false)
  })
})

describe('toAppError', () => {
  it('returns an AppError unchanged', () => {
    const err = new AppError('x', { code: 'a', retriable: false })
    expect(toAppError(err)).toBe(err)
  })

  it('wraps anything else, keeping it as cause and its retriable flag', () => {
    const foreign = Object.assign(new Error('timeout'), { retriable: true })
    expect(toAppError(foreign, 'kafka_send_failed')).toMatchObject({ message: 'timeout', code: 'kafka_send_failed', retriable: true, cause: foreign })
    expect(toAppError('boom')).toMatchObject({ message: 'non-error thrown: boom', code: 'internal', retriable: false })
  })
})
