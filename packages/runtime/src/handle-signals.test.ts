import { EventEmitter } from 'node:events'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { captureLogger } from './capture-logger.ts'
import { handleSignals } from './handle-signals.ts'

class FakeProcess extends EventEmitter {
  exit = vi.fn<(code: number) => void>()
}

function setup(stop: () => Promise<void>) {
  const proc = new FakeProcess()
  const { logger, lines } = captureLogger()
  const target = { stop: vi.fn(stop) }
  const uninstall = handleSignals(target, logger, { timeoutMs: 5_000, process: proc })
  return { proc, target, lines, uninstall }
}

describe('handleSignals', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it.each(['SIGTERM', 'SIGINT'])('on %s stops gracefully and exits 0', async (signal) => {
    const { proc, target } = setup(() => Promise.resolve())
    proc.emit(signal, signal)
    await vi.runAllTimersAsync()
    expect(target.stop).toHaveBeenCalledTimes(1)
    expect(proc.exit).toHaveBeenCalledExactlyOnceWith(0)
  })

  it('exits 1 when the drain takes longer than the timeout', async () => {
    const { proc, lines } = setup(() => new Promise(() => {}))
    proc.emit('SIGTERM', 'SIGTERM')
    await vi.advanceTimersByTimeAsync(4_999)
    expect(proc.exit).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(proc.exit).toHaveBeenCalledExactlyOnceWith(1)
    expect(lines).toContainEqual(expect.objectContaining({ level: 'error', msg: 'shutdown took too long, exiting' }))
  })

  it('exits 1 when a component failed to stop', async () => {
    const { proc } = setup(() => Promise.reject(new Error('flush failed')))
    proc.emit('SIGTERM', 'SIGTERM')
    await vi.runAllTimersAsync()
    expect(proc.exit).toHaveBeenCalledExactlyOnceWith(1)
  })

  it('ignores a second signal while draining instead of cutting the drain short', async () => {
    let drained!: () => void
    const { proc, target } = setup(() => new Promise((resolve) => (drained = resolve)))
    proc.emit('SIGINT', 'SIGINT')
    proc.emit('SIGINT', 'SIGINT')
    expect(target.stop).toHaveBeenCalledTimes(1)
    expect(proc.exit).not.toHaveBeenCalled()
    drained()
    await vi.runAllTimersAsync()
    expect(proc.exit).toHaveBeenCalledExactlyOnceWith(0)
  })

  it('removes its handlers when uninstalled', () => {
    const { proc, uninstall } = setup(() => Promise.resolve())
    expect(proc.listenerCount('SIGTERM')).toBe(1)
    uninstall()
    expect(proc.listenerCount('SIGTERM')).toBe(0)
    expect(proc.listenerCount('SIGINT')).toBe(0)
  })
})
