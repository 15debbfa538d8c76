import type { Logger } from 'pino'

/** The part of `process` signal handling uses; tests pass a fake. */
export interface SignalProcess {
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown
  off(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown
  exit(code: number): void
}

export interface HandleSignalsOptions {
  /** How long the drain may take before the process gives up and exits 1. */
  timeoutMs: number
  signals?: readonly NodeJS.Signals[]
  process?: SignalProcess
}

/**
 * On the first SIGTERM or SIGINT, stops `target` and exits: 0 when it drained, 1 when it failed
 * or took longer than `timeoutMs`. Later signals are logged and ignored: `pnpm run` and a terminal
 * both deliver Ctrl-C, and a second signal must not cut the drain short. Returns an uninstaller.
 */
export function handleSignals(
  target: { stop(): Promise<void> },
  logger: Logger,
  { timeoutMs, signals = ['SIGTERM', 'SIGINT'], process: proc = process }: HandleSignalsOptions,
): () => void {
  let stopping = false

  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'already stopping, signal ignored')
      return
    }
    stopping = true
    logger.info({ signal, timeoutMs }, 'stopping on signal')
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown took too long, exiting')
      proc.exit(1)
    }, timeoutMs)
    target.stop().then(
      () => {
        clearTimeout(timer)
        logger.info('stopped, exiting')
        proc.exit(0)
      },
      (err: unknown) => {
        clearTimeout(timer)
        logger.error({ err }, 'stopped with errors, exiting')
        proc.exit(1)
      },
    )
  }

  for (const signal of signals) proc.on(signal, onSignal)
  return () => {
    for (const signal of signals) proc.off(signal, onSignal)
  }
}
