import { z } from 'zod'
import { CONSTANT_STATUSES, type ConstantStatus } from '../constants/constant.ts'

/**
 * One scored sub-indicator (domain.md §5): a plain ratio mapped to s ∈ [0, 1] by a ramp from
 * `floor` (s = 0) to `target` (s = 1); target below floor means lower is better.
 */
export const componentConfigSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  floor: z.number().finite(),
  target: z.number().finite(),
  weight: z.number().min(0).max(1),
  /** Where this component's weight goes when it is unavailable; empty: all available, pro rata. */
  redistributeTo: z.array(z.string()).default([]),
  source: z.string().min(1),
  status: z.enum(CONSTANT_STATUSES),
  justification: z.string().min(1),
})
export type ComponentConfig = z.infer<typeof componentConfigSchema>

/** A component as published with the score: what it measured, how it scored, why. */
export interface ScoreComponent {
  id: string
  name: string
  state: 'scored' | 'unavailable'
  /** The sub-indicator's value (a ratio), or null when unavailable. */
  value: number | null
  /** s ∈ [0, 1], or null when unavailable. */
  subScore: number | null
  baseWeight: number
  /** Weight after redistribution; 0 when unavailable. */
  weight: number
  floor: number
  target: number
  inputs: Record<string, number | string | null>
  /** Why the component is unavailable. */
  reason?: string
  source: string
  status: ConstantStatus
}

/** A coverage gate that did not pass: the input, its value and what it needed. */
export interface GateFailure {
  input: string
  value: number | null
  required: string
}

export interface ScoreResult {
  kind: 'digitalization' | 'energy'
  modelVersion: string
  status: 'ok' | 'insufficient_data'
  /** 0-100, or null when insufficient data. */
  score: number | null
  components: ScoreComponent[]
  failing: GateFailure[]
  notes: string[]
}

/** What a score function computes for one component before weighting. */
export type Evaluation =
  | { value: number; subScore?: number; inputs: ScoreComponent['inputs']; floor?: number; target?: number }
  | { unavailable: string; inputs: ScoreComponent['inputs'] }
