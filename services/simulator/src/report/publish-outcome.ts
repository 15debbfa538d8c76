/** What became of one publish: PUBACK success, PUBACK with a reason code >= 0x80, or no PUBACK at all. */
export type PublishOutcome =
  | { kind: 'acked' }
  | { kind: 'refused'; reasonCode: number }
  | { kind: 'failed'; error: string }
