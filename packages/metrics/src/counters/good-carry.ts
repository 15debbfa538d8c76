import { finiteDeep, isNonNegative, nonNegative } from '../input/check-number.ts'

/**
 * Good output per window, never more than the output of that window, and none of it lost (issue 9).
 *
 * A machine's `good` register can tick at a reading where `total` does not (the good count lags the
 * total, or the two are rounded apart), so a window may show more good than produced. Capping each
 * window dropped that excess for good; instead it is carried forward to the next windows, which
 * count it as soon as their own output leaves room: good <= produced holds in every window, hence
 * over any union of windows (a shift, a day), and every good unit is counted once output catches
 * up. What waits at the end is `carryOutQty`, reported, not dropped.
 */
export function carryGood(windows: readonly { producedQty: number; goodQty: number }[], carryInQty = 0): { goodQty: number[]; carryOutQty: number } {
  nonNegative('carryInQty', carryInQty)
  windows.forEach((w, i) => {
    if (isNonNegative(w.producedQty) && isNonNegative(w.goodQty)) return
    nonNegative(`windows[${i}].producedQty`, w.producedQty)
    nonNegative(`windows[${i}].goodQty`, w.goodQty)
  })
  return finiteDeep('windows', carryForward(windows, carryInQty))
}

function carryForward(windows: readonly { producedQty: number; goodQty: number }[], carryInQty: number): { goodQty: number[]; carryOutQty: number } {
  let carry = Math.max(0, carryInQty)
  const goodQty = windows.map((w) => {
    const available = carry + Math.max(0, w.goodQty)
    const counted = Math.min(available, Math.max(0, w.producedQty))
    carry = available - counted
    return counted
  })
  return { goodQty, carryOutQty: carry }
}
