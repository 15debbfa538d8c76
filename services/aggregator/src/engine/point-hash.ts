import { createHash } from 'node:crypto'

/** A short digest of points' text: whether a minute must be written again (96 bits). */
export function hashLines(lines: readonly string[]): string {
  const h = createHash('sha1')
  for (const line of lines) h.update(line).update('\n')
  return h.digest('base64').slice(0, 16)
}
