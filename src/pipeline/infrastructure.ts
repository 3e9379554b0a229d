/**
 * Errors that say the database or Redis is unreachable, restarting or overloaded, rather than that the work
 * itself is wrong: the same work will succeed once they are back, so it waits instead of failing.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// PostgreSQL: connection exceptions (08), insufficient resources (53), operator intervention (57: shutdown,
// cannot connect now), serialization failures and deadlocks (40001, 40P01) that a retry resolves.
const SQLSTATE = /^(08|53|57P|40001$|40P01$)/;
const MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection is closed/i,
  /Stream isn't writeable/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /Command timed out/i,
  /max retries per request/i,
  /READONLY|LOADING|MASTERDOWN|CLUSTERDOWN|TRYAGAIN/,
];

export function isInfrastructureError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, syscall } = error as { code?: unknown; syscall?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATE.test(code))) return true;
  // A Unix socket that is not there: the database server is not running.
  if (code === 'ENOENT' && syscall === 'connect') return true;
  if (MESSAGES.some((pattern) => pattern.test(error.message))) return true;
  return error.cause !== undefined && isInfrastructureError(error.cause);
}
