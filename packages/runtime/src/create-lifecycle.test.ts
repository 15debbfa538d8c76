import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { captureLogger } from './capture-logger.ts'
import { createLifecycle, isLifecycleAborted } from './create-lifecycle.ts'
import type { Component } from './create-lifecycle.ts'

function setup() {
  const { logger, lines } = captureLogger()
  const calls: string[] = []
  const lifecycle = createLifecycle({ logger })
  const recorded = (name: string, overrides: Partial<Component> = {}): Component => ({
    start: () => void calls.push(`start ${name}`),
    stop: () => void calls.push(`stop ${name}`),
    ...overrides,
  })
  return { lifecycle, calls, lines, recorded }
}

/** A promise and the function that settles it, to hold a component mid-start. */
function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

describe('createLifecycle', () => {
  it('starts components in order and stops them in reverse order', async () => {
    const { lifecycle, calls, recorded } = setup()
    lifecycle.add('ops', recorded('ops')).add('kafka', recorded('kafka')).add('consumer', recorded('consumer'))
    await lifecycle.start()
    expect(lifecycle.state).toBe('started')
    await lifecycle.stop()
    expect(lifecycle.state).toBe('stopped')
    expect(calls).toEqual(['start ops', 'start kafka', 'start consumer', 'stop consumer', 'stop kafka', 'stop ops'])
  })

  it('starts and stops once however often, and concurrently, it is asked', async () => {
    const { lifecycle, calls, recorded } = setup()
    lifecycle.add('kafka', recorded('kafka'))
    const [first, second] = [lifecycle.start(), lifecycle.start()]
    expect(first).toBe(second)
    await first
    await lifecycle.start()
    const [stop1, stop2] = [lifecycle.stop(), lifecycle.stop()]
    expect(stop1).toBe(stop2)
    await stop1
    await lifecycle.stop()
    expect(calls).toEqual(['start kafka', 'stop kafka'])
  })

  it('keeps stopping the others when one stop fails, then reports the failure', async () => {
    const { lifecycle, calls, lines, recorded } = setup()
    lifecycle
      .add('ops', recorded('ops'))
      .add('influx', recorded('influx', { stop: () => Promise.reject(new Error('flush failed')) }))
      .add('consumer', recorded('consumer'))
    await lifecycle.start()
    await expect(lifecycle.stop()).rejects.toMatchObject({ code: 'stop_failed', message: 'failed to stop: influx' })
    expect(calls).toEqual(['start ops', 'start influx', 'start consumer', 'stop consumer', 'stop ops'])
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'failed to stop', part: 'influx', level: 'error' }))
  })

  it('stops what had started, in reverse, when a component fails to start', async () => {
    const { lifecycle, calls, recorded } = setup()
    const refused = Object.assign(new Error('ECONNREFUSED'), { retriable: true })
    lifecycle
      .add('ops', recorded('ops'))
      .add('kafka', recorded('kafka'))
      .add('influx', recorded('influx', { start: () => Promise.reject(refused) }))
      .add('consumer', recorded('consumer'))
    await expect(lifecycle.start()).rejects.toMatchObject({ code: 'start_failed', message: 'influx failed to start', retriable: true, cause: refused })
    expect(calls).toEqual(['start ops', 'start kafka', 'stop kafka', 'stop ops'])
    expect(lifecycle.state).toBe('stopped')
  })

  it('when stopped during startup, aborts the component starting, starts no more and stops what started', async () => {
    const { lifecycle, calls, recorded } = setup()
    const kafkaUp = deferred()
    let kafkaSignal: AbortSignal | undefined
    lifecycle
      .add('ops', recorded('ops'))
      .add('kafka', recorded('kafka', {
        start: (signal) => {
          kafkaSignal = signal
          calls.push('start kafka')
          return kafkaUp.promise
        },
      }))
      .add('consumer', recorded('consumer'))
    const starting = lifecycle.start()
    await vi.waitFor(() => expect(calls).toContain('start kafka'))
    const stopping = lifecycle.stop()
    expect(kafkaSignal?.aborted).toBe(true)
    kafkaUp.resolve()
    await expect(starting).rejects.toSatisfy(isLifecycleAborted)
    await stopping
    expect(calls).toEqual(['start ops', 'start kafka', 'stop kafka', 'stop ops'])
  })

  it('refuses to start after it was stopped', async () => {
    const { lifecycle, calls, recorded } = setup()
    lifecycle.add('kafka', recorded('kafka'))
    await lifecycle.stop()
    await expect(lifecycle.start()).rejects.toSatisfy(isLifecycleAborted)
    expect(calls).toEqual([])
  })

  it('refuses components added after start', async () => {
    const { lifecycle, recorded } = setup()
    await lifecycle.start()
    expect(() => lifecycle.add('late', recorded('late'))).toThrow('cannot add late: the lifecycle is started')
  })

  it('on SIGTERM stops its components and exits 0', async () => {
    const { lifecycle, calls, recorded } = setup()
    const proc = Object.assign(new EventEmitter(), { exit: vi.fn<(code: number) => void>() })
    lifecycle.add('ops', recorded('ops')).add('kafka', recorded('kafka'))
    lifecycle.handleSignals({ timeoutMs: 1_000, process: proc })
    await lifecycle.start()
    proc.emit('SIGTERM', 'SIGTERM')
    await vi.waitFor(() => expect(proc.exit).toHaveBeenCalledExactlyOnceWith(0))
    expect(calls).toEqual(['start ops', 'start kafka', 'stop kafka', 'stop ops'])
  })
})
