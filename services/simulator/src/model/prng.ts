/**
 * Seeded randomness for the models: sfc32 (Chris Doty-Humphrey's Small Fast Counter, from
 * PractRand), seeded through a string hash so every device gets its own independent stream
 * derived from (seed, label). The same seed and label always give the same numbers.
 */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number
  uniform(min: number, max: number): number
  /** True with probability p. */
  chance(p: number): boolean
  /** Exponential with the given mean (a Poisson process's gaps). */
  exponential(mean: number): number
  /** Log-normal with the given mean and coefficient of variation: repair and stop durations. */
  lognormal(mean: number, cv: number): number
  /** Normal via Box-Muller. */
  normal(mean: number, sd: number): number
  /** Index drawn with probability proportional to its weight. */
  weighted(weights: readonly number[]): number
}

/** cyrb53-style 53-bit string hash folded into four 32-bit seed words. */
function seedWords(text: string): [number, number, number, number] {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return [h1 >>> 0, h2 >>> 0, (h1 ^ 0x9e3779b9) >>> 0, (h2 ^ 0x7f4a7c15) >>> 0]
}

/** A stream for `label` under `seed`, e.g. createPrng(42, 'firm/plant/line/loom-01/model'). */
export function createPrng(seed: number, label: string): Prng {
  let [a, b, c, d] = seedWords(`${seed}:${label}`)
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0
    let t = (a + b) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    d = (d + 1) | 0
    t = (t + d) | 0
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
  for (let i = 0; i < 12; i++) next() // warm-up, as PractRand's reference seeding does
  const normal = (mean: number, sd: number): number => {
    const u = 1 - next() // (0, 1]: log(0) never happens
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next())
  }
  return {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    chance: (p) => next() < p,
    exponential: (mean) => -mean * Math.log(1 - next()),
    lognormal: (mean, cv) => {
      const sigma2 = Math.log(1 + cv * cv)
      return Math.exp(normal(Math.log(mean) - sigma2 / 2, Math.sqrt(sigma2)))
    },
    normal,
    weighted: (weights) => {
      const total = weights.reduce((s, w) => s + w, 0)
      let r = next() * total
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i] ?? 0
        if (r < 0) return i
      }
      return weights.length - 1
    },
  }
}
