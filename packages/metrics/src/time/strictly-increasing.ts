/** Whether every element's `tsMs` is greater than the one before it: in order, one per instant. */
export function strictlyIncreasing(items: readonly { tsMs: number }[]): boolean {
  for (let i = 1; i < items.length; i++) if (!((items[i] as { tsMs: number }).tsMs > (items[i - 1] as { tsMs: number }).tsMs)) return false
  return true
}
