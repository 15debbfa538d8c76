import { SPARKPLUG_NAMESPACE } from '@millstream/contract'

/** Message types of Sparkplug B 3.0 (spec 4.1.2) that travel under a group. */
export const SPARKPLUG_MESSAGE_TYPES = ['NBIRTH', 'NDEATH', 'DBIRTH', 'DDEATH', 'NDATA', 'DDATA', 'NCMD', 'DCMD'] as const
export type SparkplugMessageType = (typeof SPARKPLUG_MESSAGE_TYPES)[number]
const TYPES = new Set<string>(SPARKPLUG_MESSAGE_TYPES)
const DEVICE_TYPES = new Set<string>(['DBIRTH', 'DDEATH', 'DDATA', 'DCMD'])

export type SparkplugTopic =
  | { ok: true; kind: 'state'; hostId: string }
  | { ok: true; kind: 'message'; type: SparkplugMessageType; groupId: string; edgeNodeId: string; deviceId?: string }
  | { ok: false; message: string }

/** Reads a topic of the spBv1.0 namespace; anything else is a value with a reason, never a throw. */
export function parseSparkplugTopic(topic: string): SparkplugTopic {
  const parts = topic.split('/')
  if (parts[0] !== SPARKPLUG_NAMESPACE) return { ok: false, message: `topic does not start with ${SPARKPLUG_NAMESPACE}/` }
  // Host application state (spec 3.0: spBv1.0/STATE/{host_id}): other hosts', or our own.
  if (parts[1] === 'STATE' && parts.length === 3 && parts[2]) return { ok: true, kind: 'state', hostId: parts[2] }
  const [, groupId, type, edgeNodeId, deviceId, ...rest] = parts
  if (!groupId || !type || !edgeNodeId || rest.length > 0) return { ok: false, message: 'topic is not spBv1.0/{group}/{type}/{edge node}[/{device}]' }
  if (!TYPES.has(type)) return { ok: false, message: `message type ${type.slice(0, 40)} is not one of ${SPARKPLUG_MESSAGE_TYPES.join(', ')}` }
  const needsDevice = DEVICE_TYPES.has(type)
  if (needsDevice !== (deviceId !== undefined && deviceId !== '')) return { ok: false, message: needsDevice ? `${type} needs a device id` : `${type} takes no device id` }
  return { ok: true, kind: 'message', type: type as SparkplugMessageType, groupId, edgeNodeId, ...(deviceId ? { deviceId } : {}) }
}
