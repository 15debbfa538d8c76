import { clearSession, saveSession, session, type Me } from './session.ts'

/** An answer of the API that is not 2xx: its JSON `{code, message}` and the HTTP status. */
export class ApiRequestError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message)
  }
}

/** What the API's table routes answer: units and rows of group, window and values. */
export interface TableRow<V = Record<string, unknown>> {
  group: Record<string, string>
  from: string
  to: string
  values: V
}
export interface Table<V = Record<string, unknown>> {
  unit: Record<string, string>
  rows: TableRow<V>[]
}

let onUnauthorized: () => void = () => undefined
/** What to do when the session is refused (expired token): the router sends the person to sign in. */
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler
}

async function refusal(res: Response): Promise<ApiRequestError> {
  const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string }
  return new ApiRequestError(res.status, body.code ?? 'http', body.message ?? res.statusText)
}

export async function apiGet<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: session.token ? { authorization: `Bearer ${session.token}` } : {} })
  if (res.status === 401) {
    clearSession()
    onUnauthorized()
  }
  if (!res.ok) throw await refusal(res)
  return (await res.json()) as T
}

export async function signIn(name: string, password: string): Promise<void> {
  const res = await fetch('/v1/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) })
  if (!res.ok) throw await refusal(res)
  const { token, expiresInS } = (await res.json()) as { token: string; expiresInS: number }
  const me = await (await fetch('/v1/me', { headers: { authorization: `Bearer ${token}` } })).json() as Me
  saveSession(token, expiresInS, me)
}

/** Fetches the API's XLSX export of a table and hands it to the browser as a download. */
export function downloadXlsx(path: string, fileName: string): Promise<void> {
  return downloadFile(`${path}${path.includes('?') ? '&' : '?'}format=xlsx`, fileName)
}

/** Fetches a file of the API (it needs the session's Authorization header, which a plain link cannot send) and hands it to the browser as a download. */
export async function downloadFile(url: string, fileName: string): Promise<void> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${session.token ?? ''}` } })
  if (!res.ok) throw await refusal(res)
  const link = document.createElement('a')
  link.href = URL.createObjectURL(await res.blob())
  link.download = fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000)
}

export const plantPath = (firm: string, plant: string) => `/v1/firms/${encodeURIComponent(firm)}/plants/${encodeURIComponent(plant)}`
