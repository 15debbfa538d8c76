import { createStore, type Store, type StoreOptions } from '@millstream/store'
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
