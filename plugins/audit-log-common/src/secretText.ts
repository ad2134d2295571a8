/**
 * What replaces a secret in stored text: audit events, run parameters, approval comments, logs.
 *
 * @public
 */
export const REDACTED = '[REDACTED]';

/**
 * Secrets recognisable by their shape in free text (a reason or comment someone typed, an error message). Where a
 * secret sits next to what names it (`password=…`, `user:pw@` in a URL), only the secret is replaced, so the text
 * still says what was there.
 *
 * @public
 */
export const SECRET_TEXT_PATTERNS: readonly RegExp[] = [
  // Authorization header values.
  /\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/-]{8,}=*/g,
  // JSON Web Tokens (Backstage tokens among them).
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
  // GitHub tokens.
  /\b(?:gh[pousr]|github_pat)_[A-Za-z0-9_]{20,}/g,
  // PEM private keys.
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  // `password=…`, `token: …`, `api_key="…"`: the value after a secret's name (not one already redacted, as in a URL).
  /(?<=\b(?:password|passwd|pwd|passphrase|secret|token|api[_-]?key|access[_-]?key|client[_-]?secret)\s*[=:]\s*)(?!\[REDACTED\]|%5BREDACTED%5D)(?:"[^"]*"|'[^']*'|[^\s&;,"']+)/gi,
  // Credentials inside a URL: postgresql://user:pw@host/db keeps the user, loses the password.
  /(?<=\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:)[^\s@/]+(?=@)/gi,
];

/**
 * Replaces every secret of a recognisable shape in a text.
 *
 * @public
 */
export function redactSecretText(text: string): string {
  let result = text;
  for (const pattern of SECRET_TEXT_PATTERNS)
    result = result.replace(pattern, REDACTED);
  return result;
}
