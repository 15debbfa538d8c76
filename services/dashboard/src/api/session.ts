import { reactive } from 'vue'

export type Role = 'plant_manager' | 'energy_officer' | 'platform' | 'admin'
export interface Me {
  subject: string
  role: Role
  firms: string[]
  plants: { firm: string; plant: string }[]
}

const STORAGE_KEY = 'millstream.session'

/**
 * The signed-in person: the API's session token (a short-lived JWT) and who it says they are.
 * Kept in sessionStorage: it ends with the tab, and a reload keeps the person signed in.
 */
export const session = reactive<{ token: string | null; expiresAtMs: number; me: Me | null }>(load())

function load(): { token: string | null; expiresAtMs: number; me: Me | null } {
  try {
    const saved = JSON.parse(globalThis.sessionStorage?.getItem(STORAGE_KEY) ?? 'null') as { token: string; expiresAtMs: number; me: Me } | null
    if (saved && saved.expiresAtMs > Date.now()) return saved
  } catch {
    // A damaged entry is the same as none: sign in again.
  }
  return { token: null, expiresAtMs: 0, me: null }
}

export function saveSession(token: string, expiresInS: number, me: Me): void {
  Object.assign(session, { token, expiresAtMs: Date.now() + expiresInS * 1000, me })
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session))
}

export function clearSession(): void {
  Object.assign(session, { token: null, expiresAtMs: 0, me: null })
  sessionStorage.removeItem(STORAGE_KEY)
}

export const signedIn = (): boolean => session.token !== null && session.expiresAtMs > Date.now()
