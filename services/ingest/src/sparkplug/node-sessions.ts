import type { SparkplugMetric, SparkplugPayload } from './sparkplug-payload-decode.ts'

/** What the host knows of one edge node between its NBIRTH and its NDEATH (Sparkplug B 3.0, 7.1). */
interface NodeSession {
  bdSeq: number | undefined
  /** The seq the next message of this node must carry (0-255, wrapping). */
  expectedSeq: number | undefined
  /** Device id -> alias -> metric name, from each DBIRTH (kept across an NBIRTH, see nodeBirth). */
  devices: Map<string, Map<number, string>>
  /**
   * Devices of this session: born (DBIRTH) since its NBIRTH and not dead since, or restored. An
   * NDEATH turns these to unknown (issue 16), not every device whose aliases are kept.
   */
  born: Set<string>
  /** Restored from the births topic after a restart (restore()): no NBIRTH seen by this process yet. */
  restored: boolean
}

export type SeqCheck = { gap: false } | { gap: true; expected: number; got: number | undefined }
export type SessionStep =
  | { ok: true; seq: SeqCheck; aliases: ReadonlyMap<number, string>; restored: boolean }
  | { ok: false; why: 'no_node_birth' | 'no_device_birth' }

/**
 * Sessions of every edge node the host has seen born. Pure bookkeeping: the handler decides what
 * to send; this says whether a message fits the session (birth seen, seq in order) and resolves
 * aliases. A gap does not refuse the message: its metrics are still good, only the node's
 * stream is no longer known to be whole, which the rebirth repairs.
 */
export function createNodeSessions() {
  const nodes = new Map<string, NodeSession>()

  const checkSeq = (session: NodeSession, seq: number | undefined): SeqCheck => {
    const expected = session.expectedSeq
    session.expectedSeq = seq === undefined ? undefined : (seq + 1) % 256
    if (expected === undefined || seq === expected) return { gap: false }
    return { gap: true, expected, got: seq }
  }

  const aliasesOf = (metrics: readonly SparkplugMetric[]): Map<number, string> => {
    const aliases = new Map<number, string>()
    for (const m of metrics) if (m.alias !== undefined && m.name !== undefined) aliases.set(m.alias, m.name)
    return aliases
  }

  return {
    /**
     * A new session: bdSeq and seq start again. Each device keeps its last alias table until its
     * own DBIRTH replaces it: an NBIRTH (QoS 0) overtakes the QoS 1 DATA the broker still queues
     * from the session before, and those must be read with the aliases they were sent under.
     */
    nodeBirth(node: string, payload: SparkplugPayload): void {
      const bd = payload.metrics.find((m) => m.name === 'bdSeq')?.value
      const devices = new Map(nodes.get(node)?.devices)
      nodes.set(node, { bdSeq: typeof bd === 'number' ? bd : undefined, expectedSeq: payload.seq === undefined ? undefined : (payload.seq + 1) % 256, devices, born: new Set(), restored: false })
    },
    /**
     * After a restart: the alias tables of the devices' last births (the births topic), for a node
     * this process has not seen born. Its seq is not known until its first message.
     */
    restore(node: string, devices: ReadonlyMap<string, ReadonlyMap<number, string>>): void {
      if (nodes.has(node)) return
      nodes.set(node, { bdSeq: undefined, expectedSeq: undefined, devices: new Map([...devices].map(([d, a]) => [d, new Map(a)])), born: new Set(devices.keys()), restored: true })
    },
    /**
     * Ends the session when the NDEATH's bdSeq is the birth's (spec 7.4: a will left over from an
     * earlier connection must not kill the new session). Returns the devices that died with it:
     * those born in this session (or restored) and not already dead by a DDEATH.
     */
    nodeDeath(node: string, payload: SparkplugPayload): { ended: boolean; devices: string[] } {
      const session = nodes.get(node)
      if (!session) return { ended: false, devices: [] }
      const bd = payload.metrics.find((m) => m.name === 'bdSeq')?.value
      if (session.bdSeq !== undefined && typeof bd === 'number' && bd !== session.bdSeq) return { ended: false, devices: [] }
      nodes.delete(node)
      return { ended: true, devices: [...session.born] }
    },
    deviceBirth(node: string, device: string, payload: SparkplugPayload): SessionStep {
      const session = nodes.get(node)
      if (!session) return { ok: false, why: 'no_node_birth' }
      const aliases = aliasesOf(payload.metrics)
      session.devices.set(device, aliases)
      session.born.add(device)
      return { ok: true, seq: checkSeq(session, payload.seq), aliases, restored: session.restored }
    },
    deviceDeath(node: string, device: string, payload: SparkplugPayload): SessionStep {
      const session = nodes.get(node)
      if (!session) return { ok: false, why: 'no_node_birth' }
      const seq = checkSeq(session, payload.seq)
      const aliases = session.devices.get(device)
      session.devices.delete(device)
      session.born.delete(device)
      return aliases ? { ok: true, seq, aliases, restored: session.restored } : { ok: false, why: 'no_device_birth' }
    },
    /** NDATA (device undefined) or DDATA. */
    data(node: string, device: string | undefined, payload: SparkplugPayload): SessionStep {
      const session = nodes.get(node)
      if (!session) return { ok: false, why: 'no_node_birth' }
      const seq = checkSeq(session, payload.seq)
      if (device === undefined) return { ok: true, seq, aliases: new Map(), restored: session.restored }
      const aliases = session.devices.get(device)
      return aliases ? { ok: true, seq, aliases, restored: session.restored } : { ok: false, why: 'no_device_birth' }
    },
    isAlive(node: string): boolean {
      return nodes.has(node)
    },
    get size() {
      return nodes.size
    },
  }
}
export type NodeSessions = ReturnType<typeof createNodeSessions>
