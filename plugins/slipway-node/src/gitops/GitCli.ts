import { execFile } from 'node:child_process';

/** Username and password (or token) git sends over HTTPS. @public */
export interface GitCredentials {
  username: string;
  password: string;
}

/*
 * The credential helper is a constant: the username and password reach git through its environment, never through
 * its command line (where `ps` would show them) and never through a string built from input.
 */
const CREDENTIAL_HELPER =
  '!f() { test "$1" = get && echo "username=$SLIPWAY_GIT_USERNAME" && echo "password=$SLIPWAY_GIT_PASSWORD"; }; f';

/**
 * Runs the git command line with arguments as an array (no shell), a time limit, no prompts, and credentials that
 * never appear in its arguments or in error messages.
 *
 * @public
 */
export class GitCli {
  constructor(
    private readonly options: {
      credentials?: GitCredentials;
      timeoutMs?: number;
    } = {},
  ) {}

  run(args: string[], cwd?: string): Promise<string> {
    const { credentials } = this.options;
    const config = credentials
      ? [
          '-c',
          'credential.helper=',
          '-c',
          `credential.helper=${CREDENTIAL_HELPER}`,
        ]
      : [];
    return new Promise((resolve, reject) => {
      execFile(
        'git',
        [...config, ...args],
        {
          cwd,
          timeout: this.options.timeoutMs ?? 120_000,
          maxBuffer: 64 * 1024 * 1024,
          env: {
            ...process.env,
            GIT_TERMINAL_PROMPT: '0',
            GIT_ASKPASS: 'true',
            SLIPWAY_GIT_USERNAME: credentials?.username ?? '',
            SLIPWAY_GIT_PASSWORD: credentials?.password ?? '',
          },
        },
        (error, stdout, stderr) => {
          if (error) {
            const detail = this.redact(String(stderr || error.message).trim());
            reject(new Error(`git ${args[0]} failed: ${detail}`));
          } else {
            resolve(stdout);
          }
        },
      );
    });
  }

  private redact(text: string) {
    const secret = this.options.credentials?.password;
    return secret ? text.split(secret).join('***') : text;
  }
}
