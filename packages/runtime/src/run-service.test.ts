import { describe, expect, it, vi } from 'vitest'
import { captureLogger } from './capture-logger.ts'
import { createLifecycle } from './create-lifecycle.ts'
import type { ExitIo } from './exit-on-config-error.ts'
import { ConfigError } from './load-config.ts'
import { runService } from './run-service.ts'

function fakeIo() {
  const stderr: string[] = []
  const exit = vi.fn<(code: number) => void>()
  const io = { writeStderr: (text: string) => void stderr.push(text), exit: exit as unknown as ExitIo['exit'] }
  return { io, stderr, exit }
}

describe('runService', () => {
  it('lets a service that started keep running', async () => {
    const { io, exit } = fakeIo()
    const { logger } = captureLogger()
    await runService(() => Promise.resolve(), { name: 'ingest', logger, io })
    expect(exit).not.toHaveBeenCalled()
  })

  it('prints a configuration error to stderr and exits 2', async () => {
    const { io, stderr, exit } = fakeIo()
    const { logger, lines } = captureLogger()
    await runService(() => {
      throw new ConfigError([{ variable: 'MQTT_URL', reason: 'required' }])
    }, { name: 'ingest', logger, io })
    expect(stderr).toEqual(['invalid configuration:\n  MQTT_URL: required\n'])
    expect(exit).toHaveBeenCalledExactlyOnceWith(2)
    expect(lines).toEqual([])
  })

  it('logs any other startup error as fatal and exits 1', async () => {
    const { io, exit } = fakeIo()
    const { logger, lines } = captureLogger()
    await runService(() => Promise.reject(new Error('kafka unreachable')), { name: 'ingest', logger, io })
    expect(exit).toHaveBeenCalledExactlyOnceWith(1)
    expect(lines).toEqual([expect.objectContaining({ level: 'fatal', msg: 'startup failed', err: expect.objectContaining({ message: 'kafka unreachable' }) })])
  })

  it('leaves the exit to the signal handler when a stop interrupted startup', async () => {
    const { io, exit } = fakeIo()
    const { logger } = captureLogger()
    const lifecycle = createLifecycle({ logger })
    lifecycle.add('slow', { start: (signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve())) })
    const running = runService(() => lifecycle.start(), { name: 'ingest', logger, io })
    await lifecycle.stop()
    await running
    expect(exit).not.toHaveBeenCalled()
  })
})
