/**
 * @module
 * The password rule of staff accounts (docs/accounts.md): at least 12 characters and not the account's own
 * e-mail address (or its name part). Length over complexity, as NIST SP 800-63B advises; no composition rules.
 */

export const MIN_PASSWORD_LENGTH = 12;
/** PBKDF2 hashes every byte; a cap keeps one sign-in from costing unbounded work. */
export const MAX_PASSWORD_LENGTH = 256;

/** Why `password` is refused for the account `email`, or null when it is acceptable. */
export function passwordProblem(password: string, email: string): string | null {
  // Counted in code points, so a password of emoji or Javanese script is measured as a person sees it.
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  const normalized = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  const local = address.split('@')[0] ?? '';
  if (normalized === address || (local.length > 0 && normalized === local)) {
    return 'The password may not be the e-mail address.';
  }
  return null;
}
