import { redactSecretText } from './secretText';

describe('redactSecretText', () => {
  it.each([
    ['password=hunter2 then', 'password=[REDACTED] then'],
    ['PWD: "s3 cret" ok', 'PWD: [REDACTED] ok'],
    ['api_key=abc123&x=1', 'api_key=[REDACTED]&x=1'],
    ['client-secret: xyz', 'client-secret: [REDACTED]'],
    [
      'postgresql://app:pw@db.internal:5432/checkout',
      'postgresql://app:[REDACTED]@db.internal:5432/checkout',
    ],
    ['https://x:tok@github.com/acme', 'https://x:[REDACTED]@github.com/acme'],
    ['Bearer abcdefgh12345678', '[REDACTED]'],
  ])('%p', (text, redacted) => expect(redactSecretText(text)).toBe(redacted));

  it('leaves ordinary text alone', () => {
    for (const text of [
      'restart after the 1.4.2 rollout',
      'see https://grafana.example.com/d/abc?orgId=1',
      'the password policy changed',
      'ssh git@github.com:acme/gitops.git',
    ])
      expect(redactSecretText(text)).toBe(text);
  });
});
