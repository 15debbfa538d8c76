export interface AppErrorOptions {
  /** Stable, lower_snake_case: alerts and log queries match on it. */
  code: string
  /** Whether trying the same operation again may succeed (a broker down), or never will (bad config). */
  retriable: boolean
  cause?: unknown
}

/**
 * An unexpected failure, carrying what the caller needs to decide what to do next
 * (KafkaJS's `retriable`, tRPC's `code` + `cause`). Expected bad input is not an AppError:
 * it is a value, a rejection with a reason.
 */
export class AppError extends Error {
  override name = 'AppError'
  readonly code: string
  readonly retriable: boolean

  constructor(message: string, { code, retriable, cause }: AppErrorOptions) {
    super(message, cause === undefined ? undefined : { cause })
    this.code = code
    this.retriable = retriable
  }
}

/**
 * True when `err` says that retrying may help: an AppError with `retriable: true`, or any error
 * object carrying `retriable: true` (KafkaJS errors do). Anything else is not retriable.
 */
export function isRetriable(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'retriable' in err && err.retriable === true
}

/** Normalises anything thrown into an AppError at a boundary, keeping the original as `cause`. */
export function toAppError(err: unknown, code = 'internal'): AppError {
  if (err instanceof AppError) return err
  const message = err instanceof Error ? err.message : `non-error thrown: ${String(err)}`
  return new AppError(message, { code, retriable: isRetriable(err), cause: err })
}
