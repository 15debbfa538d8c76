import type { Plant } from '@millstream/contract'
import type { MqttClient } from 'mqtt'
import { createMqttSink, type MqttSinkOptions } from './mqtt-sink.ts'
import type { Sink } from './sink.ts'
import { createSparkplugEdge } from './sparkplug-edge.ts'

/**
 * A plant's MQTT connection as a Sparkplug B edge node: its will is the NDEATH, every CONNACK is
 * followed by the births, an NCMD Node Control/Rebirth by the births again, and each v1 message
 * goes out as a DDATA. DATA is published at QoS 1 (Sparkplug's usual is 0): the simulator's totals
 * must reach the pipeline whole, and the host acknowledges only what Kafka has (docs/sparkplug.md).
 */
export function createSparkplugSink(options: Omit<MqttSinkOptions, 'encode' | 'onConnect'> & { firm: string; plant: Plant }): Sink {
  // A new bdSeq per run (0-255, spec 7.2): the host must not take an old will for this session's death.
  const edge = createSparkplugEdge({ firm: options.firm, plant: options.plant, bdSeq: Math.floor(Date.now() / 1000) % 256 })
  const will = edge.will()
  const birth = (c: MqttClient) => {
    for (const b of edge.births(Date.now())) c.publish(b.topic, b.payload, { qos: 0 })
  }
  return createMqttSink({
    ...options,
    clientOptions: { ...options.clientOptions, will: { topic: will.topic, payload: will.payload, qos: 0, retain: false } },
    encode: (message) => edge.encode(message),
    onConnect: (c) => {
      birth(c)
      c.subscribe(edge.commandTopic, { qos: 0 })
      if (c.listenerCount('message') === 0) c.on('message', (topic, payload) => (topic === edge.commandTopic && edge.isRebirth(payload) ? birth(c) : undefined))
    },
  })
}
