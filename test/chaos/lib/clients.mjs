// The harness's clients: logged-in sessions (cookies + CSRF token, as the web app holds them) and
// workers that file applications under an Idempotency-Key and retry with the same key until the
// server acknowledges (answers 201), however often the server or its database dies meanwhile.

export { Session } from '../../../bench/lib/http-session.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Answers that say "try again later": the server or its database was down or restarting. A 500 is
 * not among them: a database outage must be answered 503 with Retry-After, so a 500 is a violation.
 */
const RETRYABLE = new Set([408, 409, 425, 429, 502, 503, 504]);

/**
 * Files one application and retries it with the same key and body until it is acknowledged.
 * Returns the acknowledgement, or a violation when the server answers something no retry fixes.
 */
export async function submitUntilAcknowledged(submission, { stats, shouldGiveUp }) {
  const { session, path, body, key } = submission;
  let delay = 50;
  for (let attempt = 1; ; attempt++) {
    let res;
    try {
      res = await session.request('POST', path, { body, headers: { 'idempotency-key': key } });
    } catch (error) {
      stats.networkErrors++;
      res = { status: 0, text: String(error.cause?.code ?? error.name ?? error) };
    }
    if (res.status === 201) {
      const answer = JSON.parse(res.text);
      return {
        ack: {
          ...submission,
          session: undefined,
          attempts: attempt,
          answer,
          replayedOnFirstAck: res.headers.get('idempotent-replayed') === 'true',
        },
      };
    }
    if (res.status === 403 && /CSRF|csrf/.test(res.text)) {
      // A CSRF token is stateless (the secret is in the cookie): never expected, but recoverable.
      stats.csrfRefreshes++;
      await session.refreshCsrf().catch(() => {});
    } else if (res.status !== 0 && !RETRYABLE.has(res.status)) {
      return { violation: { kind: 'unexpected_answer', key, status: res.status, body: res.text.slice(0, 500) } };
    }
    if (res.status !== 0) stats.statusCounts[res.status] = (stats.statusCounts[res.status] ?? 0) + 1;
    stats.retries++;
    if (shouldGiveUp()) return { unacknowledged: { key, lastStatus: res.status, lastBody: res.text.slice(0, 300), attempts: attempt } };
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 1000);
  }
}

/**
 * A worker files applications one after another while `running()` says so; each is retried to
 * acknowledgement before the next (a person waits for the answer before doing something else).
 */
export async function runWorker({ id, session, next, running, results, stats, shouldGiveUp, prefix }) {
  for (let n = 0; running(); n++) {
    const { path, body } = next(n);
    const key = `${prefix}-w${id}-${n}`;
    stats.issued++;
    const outcome = await submitUntilAcknowledged({ session, path, body, key, scopeActor: session.label }, { stats, shouldGiveUp });
    if (outcome.ack) {
      results.acks.push({ ...outcome.ack, sessionIndex: id });
      if (outcome.ack.replayedOnFirstAck) stats.lostAnswersRecovered++;
    } else if (outcome.violation) results.violations.push(outcome.violation);
    else results.unacknowledged.push(outcome.unacknowledged);
  }
}
