import { rmSync } from 'node:fs';

/** Removes the run's temporary database folder (the server has stopped or is stopping). */
export default function globalTeardown() {
  const dir = process.env.E2E_DATA_DIR;
  if (dir?.includes('tongban-e2e-')) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
