import { HttpError, InfluxDB, type WriteOptions } from '@influxdata/influxdb-client'
import { linesByBucket, type InfluxBuckets } from '@millstream/contract'
import { AppError } from '@millstream/runtime'

export interface InfluxWriterOptions {
  url: string
  token: string
  org: string
  /** Minute points to `minutes`, hour roll-ups to `rollups` (contract `tierOf`); the same name twice is one bucket. */
  buckets: InfluxBuckets
  timeoutMs: number
  /** Lines per HTTP request. */
  batchLines: number
}

export interface InfluxWriter {
  /** Resolves once InfluxDB acknowledged every line in every bucket; else rejects with an AppError (some batches may be written). */
  write(lines: readonly string[]): Promise<void>
}

/**
 * Writes through the client's WriteApi (precision s, gzip). Retries belong to the caller, whose
 * step must not commit before every write has succeeded: the client's own retries are off, and
 * each batch is flushed and awaited in turn, because the client swallows the errors of batches it
 * sends on its own when its buffer fills (so the buffer is made larger than a batch). A point
 * with the same measurement, tags and time as a stored one overwrites its fields: writing a point
 * twice is harmless, which is what makes replays safe. Lines go to the bucket of their
 * measurement's tier, one bucket after the other: the caller commits only after both (issue 17).
 * Points older than a bucket's retention are dropped by InfluxDB (HTTP 422 "partial write: dropped
 * N points outside retention policy") while the rest of the batch is kept: that is the retention
 * doing its job (a replay of old input), not a failure to retry for ever.
 */
export function createInfluxWriter(options: InfluxWriterOptions): InfluxWriter {
  const influx = new InfluxDB({ url: options.url, token: options.token, timeout: options.timeoutMs })
  const writeOptions: Partial<WriteOptions> = {
    batchSize: options.batchLines + 1,
    maxBatchBytes: Number.MAX_SAFE_INTEGER,
    flushInterval: 0,
    maxRetries: 0,
    maxBufferLines: 0,
    gzipThreshold: 0,
    // Returning a rejection makes it the flush's result, and keeps the client from logging it itself.
    writeFailed: (error) => (isBeyondRetention(error) ? Promise.resolve() : Promise.reject(toWriteError(error))),
  }
  const writeBucket = async (bucket: string, lines: readonly string[]) => {
    // One WriteApi per call: concurrent steps of several partitions never share a buffer.
    const api = influx.getWriteApi(options.org, bucket, 's', writeOptions)
    for (let i = 0; i < lines.length; i += options.batchLines) {
      api.writeRecords(lines.slice(i, i + options.batchLines))
      await api.flush()
    }
  }
  return {
    async write(lines) {
      for (const [bucket, ofBucket] of linesByBucket(options.buckets, lines)) await writeBucket(bucket, ofBucket)
    },
  }
}

/**
 * InfluxDB's answer when some points of a batch were older than the bucket's retention (the others
 * were written): 2.7.12 says "partial write: dropped N points outside retention policy of duration ...".
 */
function isBeyondRetention(cause: Error): boolean {
  return cause instanceof HttpError && cause.statusCode === 422 && /partial write: dropped \d+ points outside retention policy/.test(cause.body ?? cause.message)
}

function toWriteError(cause: Error): AppError {
  if (!(cause instanceof HttpError)) return new AppError('InfluxDB write failed', { code: 'influx_unreachable', retriable: true, cause })
  // 4xx other than 408/429 mean a bad point: a bug to fix, not a reason to drop data silently.
  const retriable = cause.statusCode >= 500 || cause.statusCode === 408 || cause.statusCode === 429
  return new AppError(`InfluxDB write answered ${cause.statusCode}: ${(cause.body ?? cause.message).slice(0, 500)}`, { code: retriable ? 'influx_unavailable' : 'influx_rejected', retriable, cause })
}
