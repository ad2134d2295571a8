import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  pbkdf2Sync,
  randomBytes,
} from 'node:crypto';

/** A new password for a copy's role: 32 URL-safe characters (192 random bits), nothing to escape anywhere. */
export function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802/7677, as libpq's PQencryptPasswordConn
 * makes it). Sending the verifier in ALTER ROLE … PASSWORD means the password itself never reaches the server, so it
 * cannot end up in its statement log.
 */
export function scramVerifier(password: string, iterations = 4096): string {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(
    password.normalize('NFKC'),
    salt,
    iterations,
    32,
    'sha256',
  );
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString(
    'base64',
  )}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

function key(secret: string, copyId: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', secret, copyId, 'slipway database copy password', 32),
  );
}

/**
 * Encrypts a copy's password for the copies table (AES-256-GCM, a key per copy derived from a configured secret).
 * Whoever reads the table without the configuration learns nothing; the copy id is bound in, so a ciphertext moved
 * to another row does not decrypt.
 */
export function encryptPassword(
  password: string,
  secret: string,
  copyId: string,
): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(secret, copyId), iv);
  const data = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
  return [
    'v1',
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    data.toString('base64url'),
  ].join(':');
}

/** The password, or undefined when it cannot be read (the secret changed, or the value was tampered with). */
export function decryptPassword(
  stored: string,
  secret: string,
  copyId: string,
): string | undefined {
  const [version, iv, tag, data] = stored.split(':');
  if (version !== 'v1' || !iv || !tag || data === undefined) return undefined;
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      key(secret, copyId),
      Buffer.from(iv, 'base64url'),
    );
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(data, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    return undefined;
  }
}
