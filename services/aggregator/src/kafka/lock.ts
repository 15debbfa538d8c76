/** A promise-chain mutex: the consumer and the clock never work on one partition at once. */
export interface Lock {
  run<T>(fn: () => Promise<T>): Promise<T>
  /** Whether something holds or waits for the lock. */
  readonly busy: boolean
}

export function createLock(): Lock {
  let tail: Promise<unknown> = Promise.resolve()
  let holders = 0
  return {
    run(fn) {
      holders += 1
      const result = tail.then(fn, fn).finally(() => {
        holders -= 1
      })
      tail = result.catch(() => undefined)
      return result
    },
    get busy() {
      return holders > 0
    },
  }
}
