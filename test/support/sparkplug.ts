import { decodeTelemetryValue, type TelemetryRecord } from '@millstream/contract'
import sparkplugClient, { type UPayload } from 'sparkplug-client'
import { TEST_PLANT_USER } from './ingest.ts'
import type { ConsumedRecord } from './kafka.ts'
import { mqttPassword, servers, uniqueName } from './servers.ts'

type Metric = NonNullable<UPayload['metrics']>[number]
export type TahuNode = ReturnType<typeof sparkplugClient.newClient>

/** The device births of a loom, a ring frame and the dyeing machine, with aliases as Tahu's examples declare them. */
export function testDeviceBirths(tsMs: number): Record<string, Metric[]> {
  const m = (name: string, alias: number, type: Metric['type'], value: Metric['value']): Metric => ({ name, alias, type, value, timestamp: tsMs })
  return {
    'loom-01': [m('State', 1, 'String', 'running'), m('Picks', 2, 'UInt64', 1000), m('Energy/electricity/Total', 3, 'Double', 50.5), m('Vendor/Firmware', 4, 'String', '2.1')],
    'rf-01': [m('State', 1, 'String', 'idle'), m('State/Reason', 2, 'String', 'doffing'), m('Count/Total', 3, 'Double', 12.5)],
  }
}

/**
 * A Sparkplug B edge node for the test plant written by Eclipse Tahu (sparkplug-client from npm):
 * it births on connect and again on every NCMD Node Control/Rebirth, as Tahu's own example does.
 */
export function startTahuNode(options: { births: (tsMs: number) => Record<string, Metric[]> }): { node: TahuNode; rebirths: () => number; born: () => Promise<void>; stop: () => void } {
  const node = sparkplugClient.newClient({
    serverUrl: servers().mqttUrl,
    username: TEST_PLANT_USER,
    password: mqttPassword(TEST_PLANT_USER),
    groupId: 'test-firm',
    edgeNode: 'test-plant',
    clientId: uniqueName('tahu'),
    publishDeath: true,
  })
  let rebirths = 0
  let births = 0
  const birth = () => {
    const ts = Date.now()
    node.publishNodeBirth({ timestamp: ts, metrics: [{ name: 'Node Control/Rebirth', type: 'Boolean', value: false }] })
    for (const [device, metrics] of Object.entries(options.births(ts))) node.publishDeviceBirth(device, { timestamp: ts, metrics })
    births += 1
  }
  node.on('birth', birth)
  node.on('ncmd', (payload) => {
    if (payload.metrics?.some((m) => m.name === 'Node Control/Rebirth' && m.value === true)) {
      rebirths += 1
      birth()
    }
  })
  return {
    node,
    rebirths: () => rebirths,
    born: () => waitFor(() => births > 0, 20_000, 'the Tahu node to connect and birth'),
    stop: () => node.stop(),
  }
}

/** The telemetry records in consumed values, either encoding (one v1 record or a device batch). */
export function telemetryRecords(consumed: ConsumedRecord<unknown>[]): TelemetryRecord[] {
  return consumed.flatMap((c) => {
    const decoded = decodeTelemetryValue(Buffer.from(JSON.stringify(c.value)))
    return decoded.ok ? decoded.records : []
  })
}

export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}
