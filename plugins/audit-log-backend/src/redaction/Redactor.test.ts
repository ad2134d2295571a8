import { Redactor, REDACTED } from './Redactor';

describe('Redactor', () => {
  const redactor = new Redactor({
    secretKeys: ['vaultPath'],
    patterns: ['acct-\\d{6}'],
    secretValues: ['s3cr3t-value', ' padded-secret ', 'x'],
  });

  it('redacts values under secret keys, whatever their spelling or type', () => {
    expect(
      redactor.redactObject({
        Password: 'a',
        client_secret: { nested: 'b' },
        'X-Api-Key': 42,
        githubToken: ['c'],
        dbPassword: 'd',
        vault_path: 'e',
        tokenType: 'bearer',
        keyName: 'DATABASE_URL',
        emptyToken: '',
        nullSecret: null,
      }),
    ).toEqual({
      Password: REDACTED,
      client_secret: REDACTED,
      'X-Api-Key': REDACTED,
      githubToken: REDACTED,
      dbPassword: REDACTED,
      vault_path: REDACTED,
      tokenType: 'bearer',
      keyName: 'DATABASE_URL',
      emptyToken: '',
      nullSecret: null,
    });
  });

  it('redacts secret values, configured patterns and well-known secret shapes inside text', () => {
    expect(
      redactor.redactText(
        'db s3cr3t-value, padded-secret, acct-123456, Authorization: Bearer abc.def-123456789 and eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl and ghp_abcdefghijklmnopqrstuvwxyz0123 x',
      ),
    ).toBe(
      `db ${REDACTED}, ${REDACTED}, ${REDACTED}, Authorization: ${REDACTED} and ${REDACTED} and ${REDACTED} x`,
    );
    expect(
      redactor.redactText(
        'key: -----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY----- end',
      ),
    ).toBe(`key: ${REDACTED} end`);
  });

  it('redacts secret query parameters of URLs', () => {
    expect(
      redactor.redactUrl('/api/x?access_token=abc&page=2&api%5Fkey=zz&flag'),
    ).toBe(
      '/api/x?access_token=%5BREDACTED%5D&page=2&api%5Fkey=%5BREDACTED%5D&flag',
    );
    expect(redactor.redactUrl('/api/s3cr3t-value/path')).toBe(
      `/api/${REDACTED}/path`,
    );
  });

  it('turns anything into plain JSON that survives a round trip', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const shared = { a: 1 };
    const result = redactor.redactObject({
      when: new Date('2026-05-04T10:00:00Z'),
      invalid: new Date('nope'),
      big: BigInt(10),
      nan: NaN,
      fn: () => 1,
      undef: undefined,
      buffer: Buffer.from('secret bytes'),
      error: new Error('failed with s3cr3t-value'),
      url: new URL('https://example.com/a'),
      cyclic,
      twice: [shared, shared],
    });
    expect(result).toEqual({
      when: '2026-05-04T10:00:00.000Z',
      invalid: null,
      big: '10',
      nan: null,
      buffer: '[binary]',
      error: { name: 'Error', message: `failed with ${REDACTED}` },
      url: 'https://example.com/a',
      cyclic: { name: 'loop', self: '[circular]' },
      twice: [{ a: 1 }, { a: 1 }],
    });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('follows configuration changes of the secret values', () => {
    const changing = new Redactor({ secretValues: ['old-secret'] });
    changing.setSecretValues(['new-secret']);
    expect(changing.redactText('old-secret new-secret')).toBe(
      `old-secret ${REDACTED}`,
    );
  });
});
