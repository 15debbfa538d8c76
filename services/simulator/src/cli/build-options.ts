import { writeFileSync } from 'node:fs'
import { gatewayUsername, type Registry } from '@millstream/contract'
import { DEMO_REGISTRY_PATH, devGatewayPassword, loadGatewayCredentials, loadRegistry } from '@millstream/seeds'
import { scaleRegistry } from '../scale-registry.ts'
import type { SimulatorOptions } from '../simulator-options.ts'
import type { CliSettings } from './parse-cli.ts'
import { CliError } from './parse-values.ts'

/**
 * The I/O half of configuration: reads the registry and the credentials the settings name.
 * Returns undefined when the run was only asked to export the registry.
 */
export function buildOptions(s: CliSettings): SimulatorOptions | undefined {
  const registrySource = s.registryPath ?? DEMO_REGISTRY_PATH
  let registry: Registry
  try {
    registry = scaleRegistry(loadRegistry(registrySource), { plants: s.plants, plantCopies: s.plantCopies, machinesPerLine: s.machinesPerLine })
  } catch (err) {
    throw new CliError((err as Error).message)
  }
  if (s.exportRegistryPath) {
    writeFileSync(s.exportRegistryPath, `${JSON.stringify(registry, null, 2)}\n`)
    return undefined
  }
  const options: SimulatorOptions = {
    registry, registrySource, seed: s.seed, ...(s.boot === undefined ? {} : { boot: s.boot }), mode: s.mode, fromMs: s.fromMs, ...(s.backfillMs === undefined ? {} : { backfillMs: s.backfillMs }), toMs: s.toMs, speed: s.speed, periodS: s.periodS,
    heartbeatS: s.heartbeatS, tsFormat: s.tsFormat, chaos: s.chaos, sink: s.sink, encoding: s.encoding, batchSize: s.batchSize, reportPath: s.reportPath, progressIntervalMs: s.progressIntervalMs,
  }
  if (s.sink === 'mqtt' && s.mqttUrl) {
    options.mqtt = { url: s.mqttUrl, credentials: credentialsFor(registry, s.credentialsPath), maxInflight: s.maxInflight, clientIdPrefix: s.clientIdPrefix, connectTimeoutMs: s.connectTimeoutMs }
  }
  return options
}

/** From a credentials file when one is named (every plant must be in it); else the dev-only derived passwords. */
function credentialsFor(registry: Registry, path: string | undefined): (firm: string, plant: string) => { username: string; password: string } {
  if (path === undefined) {
    return (firm, plant) => {
      const username = gatewayUsername(firm, plant)
      return { username, password: devGatewayPassword(username) }
    }
  }
  let file: ReturnType<typeof loadGatewayCredentials>
  try {
    file = loadGatewayCredentials(path)
  } catch (err) {
    throw new CliError(`--credentials: ${(err as Error).message}`)
  }
  const missing = registry.firms.flatMap((f) => f.plants.filter((p) => !file.forPlant(f.id, p.id)).map((p) => gatewayUsername(f.id, p.id)))
  if (missing.length > 0) throw new CliError(`--credentials: ${path} has no password for ${missing.join(', ')}`)
  return (firm, plant) => file.forPlant(firm, plant) as { username: string; password: string }
}
