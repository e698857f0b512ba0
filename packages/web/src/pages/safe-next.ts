/** Only same-app paths are followed after login, never another origin (`//evil`, `https:`). */
export function safeNext(next: string | null, fallback: string): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
