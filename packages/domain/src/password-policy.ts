/**
 * Password rules, after NIST SP 800-63B section 5.1.1.2: at least 12 characters (we ask more
 * than its minimum of 8 because accounts guard confidential evaluations), at most 200, not
 * all one character, not the email. Composition rules are deliberately absent, as the
 * guideline advises.
 */
export function passwordProblems(password: string, email = ''): string[] {
  const problems: string[] = [];
  if (password.length < 12) problems.push('must be at least 12 characters');
  if (password.length > 200) problems.push('must be at most 200 characters');
  if (password.length > 0 && new Set(password).size === 1)
    problems.push('must not repeat one character');
  if (email && password.toLowerCase() === email.toLowerCase())
    problems.push('must not be the email address');
  return problems;
}

/**
 * Lockout policy: after `maxFailures` consecutive failed logins an account is locked for
 * `lockMinutes`. Returns the time the lock ends, or null.
 */
export function lockUntil(
  consecutiveFailures: number,
  now: number,
  policy = { maxFailures: 5, lockMinutes: 15 },
): number | null {
  return consecutiveFailures >= policy.maxFailures ? now + policy.lockMinutes * 60_000 : null;
}
