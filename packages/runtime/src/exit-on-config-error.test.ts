import { describe, expect, it } from 'vitest'
import { exitOnConfigError } from './exit-on-config-error.ts'
import type { ExitIo } from './exit-on-config-error.ts'
import { ConfigError } from './load-config.ts'

class Exited extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`)
  }
}

function fakeIo(): ExitIo & { stderr: string[] } {
  const stderr: string[] = []
  return {
    stderr,
    writeStderr: (text) => void stderr.push(text),
    exit: (code) => {
      throw new Exited(code)
    },
  }
}

describe('exitOnConfigError', () => {
  it('prints a ConfigError to stderr and exits with code 2', () => {
    const io = fakeIo()
    const run = () => exitOnConfigError(() => {
      throw new ConfigError([{ variable: 'KAFKA_BROKERS', reason: 'required' }])
    }, io)
    expect(run).toThrow(expect.objectContaining({ code: 2 }))
    expect(io.stderr).toEqual(['invalid configuration:\n  KAFKA_BROKERS: required\n'])
  })

  it('returns the value when nothing is wrong', () => {
    expect(exitOnConfigError(() => 42, fakeIo())).toBe(42)
  })

  it('rethrows errors that are not about configuration', () => {
    const io = fakeIo()
    expect(() => exitOnConfigError(() => {
      throw new TypeError('bug')
    }, io)).toThrow(TypeError)
    expect(io.stderr).toEqual([])
  })
})
