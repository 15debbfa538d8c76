/**
 * What the running API offers, read from its OpenAPI document (public, fetched once): panels for
 * routes that are still being added ask here first, so a missing route shows "not available yet"
 * without a failing request (a 4xx would also be logged in the browser's console).
 */
interface OpenApiDocument {
  paths?: Record<string, Record<string, { parameters?: { name: string; in: string; schema?: unknown }[] }>>
}

let document: Promise<OpenApiDocument> | undefined
const load = (): Promise<OpenApiDocument> =>
  (document ??= fetch('/openapi.json').then((r) => (r.ok ? (r.json() as Promise<OpenApiDocument>) : {})).catch((): OpenApiDocument => ({})))

/** Asks for the document at start, beside the first view's own calls, so no panel waits for it after them. */
export function prefetchCapabilities(): void {
  void load()
}

/** Whether the API has a GET route at `path` (OpenAPI form: `/v1/firms/{firm}/...`). */
export async function hasRoute(path: string): Promise<boolean> {
  return (await load()).paths?.[path]?.get !== undefined
}

/** Whether the GET route at `path` accepts `value` for its query parameter `name` (an enum member). */
export async function acceptsQuery(path: string, name: string, value: string): Promise<boolean> {
  const parameter = (await load()).paths?.[path]?.get?.parameters?.find((p) => p.in === 'query' && p.name === name)
  return parameter !== undefined && JSON.stringify(parameter.schema ?? {}).includes(JSON.stringify(value))
}
