import type { Platform } from './platform/context.ts';

export type DemoLogin = { role: string; username: string; password: string; note: string };

export async function seedDemoIfEmpty(_platform: Platform): Promise<{ logins: DemoLogin[] } | undefined> {
  return undefined;
}
