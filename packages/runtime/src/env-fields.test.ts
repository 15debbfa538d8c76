import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import {
  boolFromEnv,
  durationMsFromEnv,
  intFromEnv,
  kafkaBrokersSchema,
  logLevelSchema,
  mqttUrlSchema,
  httpUrlSchema,
  portFromEnv,
} from './env-fields.ts'

function reasonFor(schema: z.ZodType, text: string): string | undefined {
  return schema.safeParse(text).error?.issues[0]?.message
}

describe('boolFromEnv', () => {
  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['on', true],
    ['false', false],
    ['0', false],
    ['no', false],
    ['off', false],
    ['FALSE', false],
  ])('reads %j as %s', (text, expected) => {
    expect(boolFromEnv().parse(text)).toBe(expected)
  })

  it('refuses anything else instead of calling it true', () => {
    expect(reasonFor(boolFromEnv(), 'maybe')).toBe('expected true or false (or 1/0, yes/no, on/off)')
  })
})

describe('intFromEnv', () => {
  it('reads integers with surrounding blanks', () => {
    expect(intFromEnv().parse(' -42 ')).toBe(-42)
  })

  it.each(['abc', '1.5', '1e3', '', '0x10', '99999999999999999999'])('refuses %j', (text) => {
    expect(reasonFor(intFromEnv(), text)).toBe('expected an integer')
  })

  it('says which range it wanted', () => {
    expect(reasonFor(intFromEnv({ min: 1 }), '0')).toBe('expected a positive integer')
    expect(reasonFor(intFromEnv({ min: 0 }), '-1')).toBe('expected a non-negative integer')
    expect(reasonFor(intFromEnv({ min: 1, max: 10 }), '11')).toBe('expected an integer from 1 to 10')
  })
})

describe('portFromEnv', () => {
  it('accepts 0 for an ephemeral port and refuses ports above 65535', () => {
    expect(portFromEnv().parse('0')).toBe(0)
    expect(reasonFor(portFromEnv(), '65536')).toBe('expected an integer from 0 to 65535')
  })
})

describe('durationMsFromEnv', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['1.5s', 1_500],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['7d', 604_800_000],
    ['250', 250],
    ['0', 0],
  ])('reads %j as %d ms', (text, expectedMs) => {
    expect(durationMsFromEnv().parse(text)).toBe(expectedMs)
  })

  it.each(['-5s', '5 minutes', '5w', 'soon', '1e3'])('refuses %j', (text) => {
    expect(reasonFor(durationMsFromEnv(), text)).toMatch(/^expected a duration such as 500ms, 30s/)
  })
})

describe('kafkaBrokersSchema', () => {
  it('splits a comma-separated host:port list', () => {
    expect(kafkaBrokersSchema.parse('kafka-1:9092, 10.0.0.2:9093,[::1]:9094,')).toEqual(['kafka-1:9092', '10.0.0.2:9093', '[::1]:9094'])
  })

  it.each(['kafka-1', 'kafka-1:0', 'kafka-1:99999', ',', 'a:1 b:2'])('refuses %j', (text) => {
    expect(reasonFor(kafkaBrokersSchema, text)).toMatch(/^expected a comma-separated list of host:port/)
  })
})

describe('URL and level fields', () => {
  it('accept MQTT and HTTP URLs with the right schemes only', () => {
    expect(mqttUrlSchema.parse('mqtt://127.0.0.1:1883')).toBe('mqtt://127.0.0.1:1883')
    expect(mqttUrlSchema.safeParse('http://127.0.0.1:1883').success).toBe(false)
    expect(httpUrlSchema.parse('https://influx.example:8086')).toBe('https://influx.example:8086')
    expect(httpUrlSchema.safeParse('mqtt://influx:8086').success).toBe(false)
  })

  it('accept only pino level names', () => {
    expect(logLevelSchema.parse('debug')).toBe('debug')
    expect(logLevelSchema.safeParse('verbose').success).toBe(false)
  })
})
