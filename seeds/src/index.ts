export { DEMO_REGISTRY_PATH, TEST_REGISTRY_PATH, RegistryLoadError, loadRegistry, parseRegistry } from './load-registry.ts'
export {
  DEV_CREDENTIALS_PATH,
  buildDevCredentials,
  devGatewayPassword,
  loadGatewayCredentials,
  type GatewayCredential,
  type GatewayCredentials,
} from './gateway-credentials.ts'
export { loadRegistries } from './load-registries.ts'
export { BENCHMARKS_PATH, loadBenchmarks } from './load-benchmarks.ts'
export { SPARKPLUG_MAPPING_PATH, loadSparkplugMapping } from './load-sparkplug-mapping.ts'
