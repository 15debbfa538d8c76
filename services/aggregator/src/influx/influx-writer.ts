import { gzipSync } from 'node:zlib'
import { AppError } from '@millstream/runtime'

export interface InfluxWriterOptions {
  url: string
  token: string
  org: string
  bucket: string
  timeoutMs: number
  /** Lines per HTTP request. */
  batchLines: number
}

export interface InfluxWriter {
  /** Writes every line or rejects with an AppError; a rejected call may have written some batches. */
  write(lines: readonly string[]): Promise<void>
  /** GET /health: whether the server answers and says it is ready. */
  healthy(): Promise<boolean>
}

/**
 * The InfluxDB v2 write API (`POST /api/v2/write`, precision s, gzip). Thin on purpose: retries
 * belong to the caller, whose step must not commit before every write has succeeded. A point with
 * the same measurement, tags and time as a stored one overwrites its fields: writing a point twice
 * is harmless, which is what makes replays safe.
 */
export function createInfluxWriter(options: InfluxWriterOptions): InfluxWriter {
  const base = options.url.replace(/\/$/, '')
  const query = new URLSearchParams({ org: options.org, bucket: options.bucket, precision: 's' })
  const headers = { Authorization: `Token ${options.token}`, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Encoding': 'gzip' }
  const post = async (body: string): Promise<void> => {
    let res: Response
    try {
      res = await fetch(`${base}/api/v2/write?${query}`, { method: 'POST', headers, body: gzipSync(body), signal: AbortSignal.timeout(options.timeoutMs) })
    } catch (cause) {
      throw new AppError('InfluxDB write failed', { code: 'influx_unreachable', retriable: true, cause })
    }
    if (res.status === 204) return
    const text = (await res.text().catch(() => '')).slice(0, 500)
    // 4xx other than 408/429 mean a bad point: a bug to fix, not a reason to drop data silently.
    const retriable = res.status >= 500 || res.status === 408 || res.status === 429
    throw new AppError(`InfluxDB write answered ${res.status}: ${text}`, { code: retriable ? 'influx_unavailable' : 'influx_rejected', retriable })
  }
  return {
    async write(lines) {
      for (let i = 0; i < lines.length; i += options.batchLines) await post(lines.slice(i, i + options.batchLines).join('\n'))
    },
    async healthy() {
      try {
        const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(Math.min(options.timeoutMs, 2_000)) })
        return res.ok
      } catch {
        return false
      }
    },
  }
}
