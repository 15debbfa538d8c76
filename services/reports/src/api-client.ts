import { AppError } from '@millstream/runtime'

/** One row of an API table answer (docs/api.md): group tags, window, values. */
export interface ApiRow<V = Record<string, unknown>> {
  group: Record<string, string>
  from: string
  to: string
  values: V
}
export interface ApiAnswer<V = Record<string, unknown>> {
  unit: Record<string, string>
  rows: ApiRow<V>[]
}
export interface PlantSummary {
  id: string
  name: string
  timeZone: string
}
export interface FirmSummary {
  id: string
  name: string
  plants: PlantSummary[]
}

export interface ApiClient {
  get<T>(path: string, query?: Record<string, string>): Promise<T>
  firms(): Promise<FirmSummary[]>
}

/**
 * The reports service reads every figure from the API with its own API key (docs/reports.md):
 * the API stays the one place where views are computed, and the key's role and scopes decide
 * which plants it may see, so tenancy holds by construction.
 */
export function createApiClient(o: { baseUrl: string; apiKey: string; timeoutMs: number }): ApiClient {
  const get = async <T>(path: string, query: Record<string, string> = {}): Promise<T> => {
    const url = new URL(path, o.baseUrl)
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v)
    let res: Response
    try {
      res = await fetch(url, { headers: { authorization: `Bearer ${o.apiKey}` }, signal: AbortSignal.timeout(o.timeoutMs) })
    } catch (cause) {
      throw new AppError(`API unreachable: GET ${url.pathname}`, { code: 'api_unreachable', retriable: true, cause })
    }
    if (!res.ok) {
      const body = await res.text()
      throw new AppError(`API answered ${res.status} to GET ${url.pathname}${url.search}: ${body.slice(0, 200)}`, { code: `api_${res.status}`, retriable: res.status >= 500 || res.status === 429 })
    }
    return (await res.json()) as T
  }
  return { get, firms: () => get<FirmSummary[]>('/v1/firms') }
}
