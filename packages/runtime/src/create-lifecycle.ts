import type { Logger } from 'pino'
import { AppError, isRetriable } from './app-error.ts'
import { handleSignals } from './handle-signals.ts'
import type { HandleSignalsOptions } from './handle-signals.ts'

/** A part of a service that must be started before use and stopped before exit. */
export interface Component {
  /** `signal` aborts when stop() is called during startup: long waits (a broker not up yet) should honour it. */
  start?: (signal: AbortSignal) => Promise<void> | void
  stop?: () => Promise<void> | void
}

export type LifecycleState = 'idle' | 'starting' | 'started' | 'stopping' | 'stopped'

export interface Lifecycle {
  /** Components start in the order added and stop in reverse. Chainable. */
  add(name: string, component: Component): Lifecycle
  /** Idempotent; concurrent calls share one promise. Rejects with `lifecycle_aborted` if stop() interrupts it. */
  start(): Promise<void>
  /** Idempotent; stops every started component even if some fail, then rejects listing the failures. */
  stop(): Promise<void>
  /** SIGTERM/SIGINT stop the service: exit 0 when drained, 1 on a failed or too-slow drain. */
  handleSignals(options: HandleSignalsOptions): () => void
  readonly state: LifecycleState
}

export const LIFECYCLE_ABORTED = 'lifecycle_aborted'

interface Entry {
  name: string
  component: Component
}

export function createLifecycle({ logger }: { logger: Logger }): Lifecycle {
  const log = logger.child({ component: 'lifecycle' })
  const entries: Entry[] = []
  const started: Entry[] = []
  const abort = new AbortController()
  let state: LifecycleState = 'idle'
  let startingAll: Promise<void> | undefined
  let starting: Promise<void> | undefined
  let stopping: Promise<void> | undefined

  async function startAll(): Promise<void> {
    for (const entry of entries) {
      if (abort.signal.aborted) return
      const startedAtMs = performance.now()
      try {
        await entry.component.start?.(abort.signal)
      } catch (err) {
        throw new AppError(`${entry.name} failed to start`, { code: 'start_failed', retriable: isRetriable(err), cause: err })
      }
      started.push(entry)
      log.info({ part: entry.name, durationMs: Math.round(performance.now() - startedAtMs) }, 'started')
    }
  }

  async function startOnce(): Promise<void> {
    state = 'starting'
    startingAll = startAll()
    try {
      await startingAll
    } catch (err) {
      if (abort.signal.aborted) throw abortedError(err)
      log.error({ err }, 'startup failed, stopping what had started')
      await lifecycle.stop().catch(() => undefined) // stop() logs each failure itself
      throw err
    }
    if (abort.signal.aborted) throw abortedError()
    state = 'started'
  }

  async function stopOnce(): Promise<void> {
    abort.abort()
    await startingAll?.catch(() => undefined)
    state = 'stopping'
    const failures: Entry[] = []
    const errors: unknown[] = []
    for (const entry of [...started].reverse()) {
      try {
        await entry.component.stop?.()
        log.info({ part: entry.name }, 'stopped')
      } catch (err) {
        log.error({ err, part: entry.name }, 'failed to stop')
        failures.push(entry)
        errors.push(err)
      }
    }
    state = 'stopped'
    if (failures.length > 0) {
      const names = failures.map(({ name }) => name).join(', ')
      throw new AppError(`failed to stop: ${names}`, { code: 'stop_failed', retriable: false, cause: new AggregateError(errors) })
    }
  }

  const lifecycle: Lifecycle = {
    add(name, component) {
      if (state !== 'idle') throw new Error(`cannot add ${name}: the lifecycle is ${state}`)
      entries.push({ name, component })
      return lifecycle
    },
    start() {
      if (starting === undefined && stopping !== undefined) {
        return Promise.reject(abortedError())
      }
      starting ??= startOnce()
      return starting
    },
    stop() {
      stopping ??= stopOnce()
      return stopping
    },
    handleSignals: (options) => handleSignals(lifecycle, log, options),
    get state() {
      return state
    },
  }
  return lifecycle
}

function abortedError(cause?: unknown): AppError {
  return new AppError('stopped before startup finished', { code: LIFECYCLE_ABORTED, retriable: false, cause })
}

/** True when start() was interrupted by stop(): not a startup failure, the stopper owns the exit. */
export function isLifecycleAborted(err: unknown): boolean {
  return err instanceof AppError && err.code === LIFECYCLE_ABORTED
}
