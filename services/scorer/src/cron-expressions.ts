import type { ScorePeriod } from '@millstream/contract'

/**
 * node-cron expressions (in the plant's zone) that fire a job once its period has settled:
 * hourly at minute `settle`, daily at local midnight + settle, monthly on the 1st at the same time.
 * A missed or early firing costs nothing: each run scores whatever is due (duePeriods).
 */
export function cronExpression(period: ScorePeriod, settleMs: number): string {
  const totalMin = Math.ceil(settleMs / 60_000)
  if (period === 'rolling_24h') return `${totalMin % 60} * * * *`
  if (totalMin >= 24 * 60) throw new RangeError('settle delay of a day or month job must be under 24 h')
  const time = `${totalMin % 60} ${Math.floor(totalMin / 60)}`
  return period === 'day' ? `${time} * * *` : `${time} 1 * *`
}
