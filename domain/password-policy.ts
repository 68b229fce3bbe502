/**
 * @module
 * The password rule of staff accounts (docs/accounts.md): at least 12 characters, of which at least 8 are not
 * spaces, and not the account's own e-mail address (or its name part). Length over complexity, as NIST SP 800-63B
 * advises; no composition rules. Spaces are allowed (passphrases) but do not count towards the 8.
 */

export const MIN_PASSWORD_LENGTH = 12;
/** Twelve spaces are long but guessed first: the characters that carry the secret must be at least this many. */
export const MIN_PASSWORD_NON_SPACE = 8;
/** PBKDF2 hashes every byte; a cap keeps one sign-in from costing unbounded work. */
export const MAX_PASSWORD_LENGTH = 256;

/** Why `password` is refused for the account `email`, or null when it is acceptable. */
export function passwordProblem(password: string, email: string): string | null {
  // Counted in code points, so a password of emoji or Javanese script is measured as a person sees it.
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  // \s covers every Unicode space (NBSP, ideographic space) and line breaks; controls and invisible formats (ZWSP) count as nothing either.
  if ([...password.replace(/[\s\p{Cc}\p{Cf}]/gu, '')].length < MIN_PASSWORD_NON_SPACE) {
    return `Use at least ${MIN_PASSWORD_NON_SPACE} characters that are not spaces.`;
  }
  const normalized = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  const local = address.split('@')[0] ?? '';
  if (normalized === address || (local.length > 0 && normalized === local)) {
    return 'The password may not be the e-mail address.';
  }
  return null;
}
