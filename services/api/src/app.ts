import compress from '@fastify/compress'
import cors from '@fastify/cors'
import jwt from '@fastify/jwt'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { BenchmarkSet, Registry } from '@millstream/contract'
import { secBenchmarks } from '@millstream/metrics'
import { loadBenchmarks } from '@millstream/seeds'
import { createStore, type Store } from '@millstream/store'
import type { Logger } from '@millstream/runtime'
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import { createUserStore } from './auth/user-store.ts'
import type { ApiConfig } from './config.ts'
import { installErrorHandler } from './http/api-error.ts'
import { installAuthentication } from './http/authenticate.ts'
import { createTenancy } from './http/tenancy.ts'
import { authRoutes } from './routes/auth-routes.ts'
import { registryRoutes } from './routes/registry-routes.ts'
import { dataRoutes } from './routes/data-routes.ts'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { createKafka, kafkaSecurity } from '@millstream/kafka'
import { createLiveHub, type LiveHub } from './live/live-hub.ts'
import { createLiveConsumer } from './live/live-consumer.ts'
import { liveRoutes } from './routes/live-routes.ts'
import { platformRoutes } from './routes/platform-routes.ts'
import { energySummaryRoute } from './routes/energy-summary-route.ts'
import { createPlantRangeOf } from './range/plant-range-of.ts'
import { textileRoutes } from './routes/textile-routes.ts'
import { energyRoutes } from './routes/energy-routes.ts'
import { enpiRoute } from './routes/enpi-route.ts'
import { meteringRoutes } from './routes/metering-routes.ts'
import { scoreRoutes } from './routes/score-routes.ts'
import { rankingRoute } from './routes/ranking-route.ts'
import { seriesRoute } from './routes/series-route.ts'
import { processRoutes } from './routes/process-routes.ts'
import { reportRoutes } from './routes/report-routes.ts'
import { productionRoute } from './routes/production-route.ts'
import { uploadsRoute } from './routes/uploads-route.ts'
import { idleCostRoute } from './routes/idle-cost-route.ts'
import { peerBenchmarkRoute } from './routes/peer-benchmark-route.ts'
import { DEFAULT_DASHBOARD_DIR, dashboardStatic } from './http/dashboard-static.ts'

export interface ApiDeps {
  config: ApiConfig
  logger: Logger
  registry: Registry
  /** Energy benchmark rows energy/specific grades against; default: BENCHMARKS_PATH or seeds/benchmarks.json, as the scorer. */
  benchmarks?: BenchmarkSet
  now?: () => number
}

export interface Api {
  app: FastifyInstance
  hub: LiveHub
  /** Whether the live consumers are running (topics found). */
  readonly liveRunning: boolean
  /** Each live feed: consuming or not (readiness names the one that is not). */
  readonly liveFeeds: { minutes: boolean; states: boolean }
  /** SSE clients dropped for falling behind. */
  readonly droppedClients: number
  port: number
  stop(): Promise<void>
}

/** Builds the Fastify app (not listening): every route typed by zod, documented by OpenAPI. */
export async function buildApi({ config, logger, registry, benchmarks, now = Date.now }: ApiDeps, store: Store, hub: LiveHub, onDrop: () => void): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: logger.child({ component: 'http' }) as FastifyBaseLogger, bodyLimit: 64 * 1024, forceCloseConnections: true, requestTimeout: config.API_QUERY_TIMEOUT + 5_000 }).withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  installErrorHandler(app)
  const users = createUserStore(join(config.API_DATA_DIR, 'users.json'))
  // Exports and long tables compress well; SSE is left alone (no-transform, and it must flush per event).
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip', 'deflate'] })
  await app.register(cors, { origin: config.API_CORS_ORIGINS ? config.API_CORS_ORIGINS.split(',') : false })
  await app.register(rateLimit, { global: false })
  await app.register(jwt, { secret: config.API_JWT_SECRET, sign: { algorithm: 'HS256' }, verify: { algorithms: ['HS256'] } })
  await app.register(swagger, {
    openapi: { openapi: '3.1.0', info: { title: 'MillStream API', version: '1.0.0' }, components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } }, security: [{ bearer: [] }] },
    transform: jsonSchemaTransform,
  })
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: false } })
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger())
  installAuthentication(app, users, now)
  const tenancy = createTenancy(registry, users.sharing)
  await app.register(authRoutes({ users, sessionTtlMs: config.API_SESSION_TTL, signInPerMinute: config.API_SIGN_IN_PER_MINUTE }))
  await app.register(registryRoutes(tenancy))
  const plantRange = createPlantRangeOf(tenancy, { maxRangeDays: config.API_MAX_RANGE_DAYS, maxWindows: config.API_MAX_WINDOWS, maxPoints: config.API_MAX_POINTS })
  await app.register(dataRoutes({ store, plantRange }))
  await app.register(energySummaryRoute({ store, plantRange }))
  await app.register(textileRoutes({ store, plantRange }))
  await app.register(energyRoutes({ store, plantRange, benchmarks: secBenchmarks((benchmarks ?? loadBenchmarks(config.BENCHMARKS_PATH)).rows) }))
  await app.register(enpiRoute({ store, plantRange }))
  await app.register(meteringRoutes({ store, tenancy, plantRange }))
  await app.register(seriesRoute({ store, plantRange }))
  await app.register(processRoutes({ store, plantRange }))
  await app.register(scoreRoutes({ store, tenancy }))
  await app.register(rankingRoute({ store, tenancy }))
  await app.register(platformRoutes({ tenancy, store, now }))
  await app.register(reportRoutes({ tenancy, dir: config.API_REPORTS_DIR }))
  // Figures the reports print (issue 15): output per shift, 15-minute uploads, idle cost, anonymised peers.
  await app.register(productionRoute({ store, plantRange }))
  await app.register(uploadsRoute({ store, plantRange }))
  await app.register(idleCostRoute({ store, plantRange }))
  await app.register(peerBenchmarkRoute({ store, plantRange, registry, sharing: users.sharing }))
  await app.register(liveRoutes({ tenancy, hub, heartbeatMs: config.API_SSE_HEARTBEAT, maxPendingBytes: config.API_SSE_MAX_PENDING_BYTES, onDrop }))
  if (config.API_DASHBOARD_DIR !== 'off') await app.register(dashboardStatic({ root: config.API_DASHBOARD_DIR ?? DEFAULT_DASHBOARD_DIR, logger }))
  return app
}

export async function startApi(deps: ApiDeps): Promise<Api> {
  const { config } = deps
  const store = createStore({ url: config.INFLUX_URL, token: config.INFLUX_TOKEN, org: config.INFLUX_ORG, bucket: config.INFLUX_BUCKET, rollupBucket: config.INFLUX_ROLLUP_BUCKET, timeoutMs: config.API_QUERY_TIMEOUT, cacheRows: config.API_CACHE_ROWS, cacheTtlMs: config.API_CACHE_TTL, ...(deps.now ? { now: deps.now } : {}) })
  const now = deps.now ?? Date.now
  const hub = createLiveHub({ bufferSize: config.API_SSE_BUFFER, staleMs: config.API_LIVE_STALE, now })
  let dropped = 0
  const app = await buildApi(deps, store, hub, () => void (dropped += 1))
  const live = createLiveConsumer({
    kafka: createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'millstream-api', logger: deps.logger, security: kafkaSecurity(config) }),
    hub, logger: deps.logger, minuteTopic: config.API_LIVE_TOPIC, telemetryTopic: config.API_TELEMETRY_TOPIC,
    groupPrefix: `millstream-api-live-${hostname()}-${process.pid}-${now().toString(36)}`,
  })
  live.start()
  await app.listen({ port: config.API_PORT, host: config.API_HOST })
  const address = app.server.address()
  return {
    app, hub,
    get liveRunning() {
      return live.running
    },
    get liveFeeds() {
      return live.feeds
    },
    get droppedClients() {
      return dropped
    },
    port: typeof address === 'object' && address ? address.port : config.API_PORT,
    stop: async () => {
      await app.close()
      await live.stop()
    },
  }
}
