/** A readiness check answers quickly: `true`/`{ ok: true }`, or why the service is not ready. */
export type ReadinessResult = boolean | { ok: true } | { ok: false; reason: string }
export type ReadinessCheck = () => ReadinessResult | Promise<ReadinessResult>

export interface FailingCheck {
  name: string
  reason: string
}

/** A check that has not answered in this time counts as failing: a probe must not hang. */
export const READINESS_CHECK_TIMEOUT_MS = 2_000

/** Runs every check concurrently; returns those that failed, threw or timed out. */
export async function findFailingChecks(
  checks: Readonly<Record<string, ReadinessCheck>>,
  timeoutMs = READINESS_CHECK_TIMEOUT_MS,
): Promise<FailingCheck[]> {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      const reason = await failureReason(check, timeoutMs)
      return reason === undefined ? undefined : { name, reason }
    }),
  )
  return results.filter((result) => result !== undefined)
}

async function failureReason(check: ReadinessCheck, timeoutMs: number): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<ReadinessResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `no answer within ${timeoutMs} ms` }), timeoutMs)
  })
  try {
    const result = await Promise.race([Promise.resolve().then(check), timeout])
    if (result === true || (typeof result === 'object' && result.ok)) return undefined
    return result === false ? 'not ready' : result.reason
  } catch (err) {
    return err instanceof Error ? err.message : String(err)
  } finally {
    clearTimeout(timer)
  }
}
