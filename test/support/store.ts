import { createStore, type Store, type StoreOptions } from '@millstream/store'
import { createInfluxWriter, rollupRange } from '@millstream/aggregator'
import { loadRegistry, TEST_REGISTRY_PATH } from '@millstream/seeds'
import { servers } from './servers.ts'

/** The store on a test bucket of the integration servers. */
export function testStore(bucket: string, options: Partial<StoreOptions> = {}): Store {
  const s = servers()
  return createStore({ url: s.influxUrl, token: s.influxToken, org: s.influxOrg, bucket, ...options })
}

const testPlant = loadRegistry(TEST_REGISTRY_PATH).firms[0]?.plants[0]
/** The plant of the test registry, as store queries name it. */
export const TEST_PLANT = { firm: 'test-firm', plant: 'test-plant', timeZone: testPlant?.timeZone ?? 'Asia/Shanghai' }

/**
 * Line and plant roll-ups of the machine hours in a bucket, written by the aggregator's own
 * roll-up code (rollupRange), for suites that write machine points themselves. `skipHours`: local
 * hour starts left without a roll-up, so the store's fallback to machine hours is exercised too.
 */
export async function rollUpHours(bucket: string, o: { firm: string; plant: string; timeZone: string; range: { startMs: number; endMs: number }; skipHours?: readonly number[]; rollupBucket?: string }): Promise<void> {
  const s = servers()
  const rollupBucket = o.rollupBucket ?? bucket
  const writer = createInfluxWriter({ url: s.influxUrl, token: s.influxToken, org: s.influxOrg, buckets: { minutes: bucket, rollups: rollupBucket }, timeoutMs: 30_000, batchLines: 5_000 })
  const written = await rollupRange({ source: testStore(bucket, { rollupBucket }), writer, firm: o.firm, plant: o.plant, timeZone: o.timeZone, range: o.range, skipHours: new Set(o.skipHours ?? []) })
  if (written === 0) throw new Error(`no machine hours to roll up in ${bucket}`)
}
