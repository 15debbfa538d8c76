import { z } from 'zod'
import { parseDurationMs } from './parse-duration-ms.ts'

/**
 * A variable whose text `parse` turns into a value, or refuses with `undefined`; the refusal
 * reads "expected <expected>". The building block of the helpers below.
 */
export function envField<T>(expected: string, parse: (text: string) => T | undefined) {
  return z.string().transform((raw, ctx) => {
    const value = parse(raw.trim())
    if (value !== undefined) return value
    ctx.issues.push({ code: 'custom', message: `expected ${expected}`, input: raw })
    return z.NEVER
  })
}

export interface IntRange {
  min?: number
  max?: number
}

/** An integer variable, e.g. `intFromEnv({ min: 1 }).default(64)`. */
export function intFromEnv({ min, max }: IntRange = {}) {
  return envField(describeIntRange({ min, max }), (text) => {
    if (!/^[+-]?\d+$/.test(text)) return undefined
    const value = Number(text)
    const inRange = Number.isSafeInteger(value) && (min === undefined || value >= min) && (max === undefined || value <= max)
    return inRange ? value : undefined
  })
}

function describeIntRange({ min, max }: IntRange): string {
  if (min !== undefined && max !== undefined) return `an integer from ${min} to ${max}`
  if (min === 1) return 'a positive integer'
  if (min === 0) return 'a non-negative integer'
  if (min !== undefined) return `an integer >= ${min}`
  if (max !== undefined) return `an integer <= ${max}`
  return 'an integer'
}

/** A duration in milliseconds: "500ms", "30s", "5m", "1h", "7d", or a plain number of milliseconds (parseDurationMs). */
export function durationMsFromEnv() {
  return envField('a duration such as 500ms, 30s, 5m, 1h or 7d (a plain number is milliseconds)', parseDurationMs)
}

/** A boolean: true/false, 1/0, yes/no, on/off, y/n, enabled/disabled (zod's stringbool; "false" is false). */
export function boolFromEnv() {
  return z.stringbool({ error: 'expected true or false (or 1/0, yes/no, on/off)' })
}

/** A TCP port; 0 asks the OS for a free one (tests use it). */
export function portFromEnv() {
  return intFromEnv({ min: 0, max: 65535 })
}

/** "host:port" with a hostname, IPv4 address or [IPv6] address. */
const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.-]+):(\d{1,5})$/

/** Parses a comma-separated host:port list; blanks around entries and a trailing comma are forgiven. */
export function parseHostPortList(text: string): string[] | undefined {
  const entries = text.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '')
  const valid = entries.every((entry) => {
    const port = Number(HOST_PORT.exec(entry)?.[2])
    return port >= 1 && port <= 65535
  })
  return entries.length > 0 && valid ? entries : undefined
}

export const kafkaBrokersSchema = envField('a comma-separated list of host:port, e.g. kafka-1:9092,kafka-2:9092', parseHostPortList)

export const mqttUrlSchema = z.url({
  protocol: /^(mqtts?|tcp|tls|ssl|wss?)$/,
  error: 'expected an mqtt://, mqtts://, ws:// or wss:// URL',
})

export const httpUrlSchema = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' })

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]
export const logLevelSchema = z.enum(LOG_LEVELS)
