/**
 * Whether an error means the database cannot be reached right now (stopped, restarting, out of
 * connections, the network to it down) rather than that the request or the code is wrong. Such a
 * request may succeed if retried shortly: the HTTP layer answers 503 with Retry-After instead of a
 * 500, so clients and load balancers back off and retry (with the same Idempotency-Key).
 */
const unavailableSqlStates = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovering)
  '53300', // too_many_connections
  '53000', // insufficient_resources
]);
const unavailableSystemCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND']);
// node-postgres and its pool say so only in words.
const unavailableMessages = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection terminated unexpectedly',
  'the database system is',
];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (unavailableSqlStates.has(code) || code.startsWith('08')) return true;
    if (unavailableSystemCodes.has(code)) return true;
  }
  if (unavailableMessages.some((m) => error.message.includes(m))) return true;
  // AggregateError (a connect attempt on several addresses) and wrapped causes.
  const inner = (error as { errors?: unknown[] }).errors ?? [];
  return inner.some(isDatabaseUnavailable) || (error.cause !== undefined && error.cause !== error && isDatabaseUnavailable(error.cause));
}
