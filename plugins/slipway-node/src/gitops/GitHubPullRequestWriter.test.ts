import { Octokit } from '@octokit/rest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { GitHubPullRequestWriter } from './GitHubPullRequestWriter';

const API = 'https://api.github.com';
const manifest = 'spec:\n  environments:\n    prod: { version: "1.0.0" }\n';

describe('GitHubPullRequestWriter', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const writer = new GitHubPullRequestWriter({
    owner: 'acme',
    repo: 'gitops',
    branch: 'main',
    octokit: async () => new Octokit({ auth: 'test-token' }),
  });
  const change = {
    title: 'Promote checkout to prod',
    description: 'From staging',
    author: { name: 'Alice', email: 'alice@example.com' },
    files: [
      {
        path: 'apps/checkout.yaml',
        edit: (text?: string) => text!.replace('1.0.0', '1.1.0'),
      },
    ],
  };

  function github(
    options: { onPut?: (body: any) => void; onPull?: (body: any) => void } = {},
  ) {
    server.use(
      http.get(
        `${API}/repos/acme/gitops/contents/apps%2Fcheckout.yaml`,
        ({ request }) => {
          expect(request.headers.get('authorization')).toBe('token test-token');
          expect(new URL(request.url).searchParams.get('ref')).toBe('main');
          return HttpResponse.json({
            type: 'file',
            sha: 'file-sha-1',
            encoding: 'base64',
            content: Buffer.from(manifest).toString('base64'),
          });
        },
      ),
      http.get(`${API}/repos/acme/gitops/git/ref/heads%2Fmain`, () =>
        HttpResponse.json({
          ref: 'refs/heads/main',
          object: { sha: 'base-sha', type: 'commit' },
        }),
      ),
      http.post(`${API}/repos/acme/gitops/git/refs`, async ({ request }) => {
        const body = (await request.json()) as any;
        expect(body.sha).toBe('base-sha');
        expect(body.ref).toMatch(
          /^refs\/heads\/slipway\/promote-checkout-to-prod-[0-9a-f]{6}$/,
        );
        return HttpResponse.json(
          { ref: body.ref, object: { sha: 'base-sha' } },
          { status: 201 },
        );
      }),
      http.put(
        `${API}/repos/acme/gitops/contents/apps%2Fcheckout.yaml`,
        async ({ request }) => {
          const body = (await request.json()) as any;
          options.onPut?.(body);
          return HttpResponse.json({
            content: {},
            commit: { sha: 'new-commit-sha' },
          });
        },
      ),
      http.post(`${API}/repos/acme/gitops/pulls`, async ({ request }) => {
        const body = (await request.json()) as any;
        options.onPull?.(body);
        return HttpResponse.json(
          { number: 42, html_url: 'https://github.com/acme/gitops/pull/42' },
          { status: 201 },
        );
      }),
    );
  }

  it('opens a pull request with one commit that changes the file', async () => {
    let put: any;
    let pull: any;
    github({ onPut: body => (put = body), onPull: body => (pull = body) });
    const result = await writer.change(change);
    expect(result).toMatchObject({
      status: 'pull-request',
      url: 'https://github.com/acme/gitops/pull/42',
      revision: 'new-commit-sha',
    });
    expect(result.diff).toContain('+    prod: { version: "1.1.0" }');
    expect(Buffer.from(put.content, 'base64').toString()).toContain('1.1.0');
    expect(put).toMatchObject({
      sha: 'file-sha-1',
      branch: result.branch,
      author: change.author,
    });
    expect(pull).toEqual({
      base: 'main',
      head: result.branch,
      title: change.title,
      body: change.description,
    });
  });

  it('only computes the diff in a dry run', async () => {
    const writes: string[] = [];
    github({
      onPut: () => writes.push('file'),
      onPull: () => writes.push('pull request'),
    });
    const result = await writer.change({ ...change, dryRun: true });
    expect(result.status).toBe('dry-run');
    expect(writes).toEqual([]);
    expect(result.diff).toContain('-    prod: { version: "1.0.0" }');
  });

  it("fails with GitHub's message when the branch cannot be created", async () => {
    github();
    server.use(
      http.post(`${API}/repos/acme/gitops/git/refs`, () =>
        HttpResponse.json(
          { message: 'Resource not accessible by integration' },
          { status: 403 },
        ),
      ),
    );
    await expect(writer.change(change)).rejects.toThrow(
      'Resource not accessible by integration',
    );
  });

  describe('with a key (a resumed run)', () => {
    const keyed = { ...change, key: '0b5e7c1e-aaaa-4bbb-8ccc-000000000001' };
    // The branch is named by a hash of the key: the same on every retry.
    const head = 'slipway/promote-checkout-to-prod-aa741fe290e0';

    it('returns the pull request opened before instead of opening a second', async () => {
      const writes: string[] = [];
      github({
        onPut: () => writes.push('file'),
        onPull: () => writes.push('pull request'),
      });
      let asked: string | null = null;
      server.use(
        http.get(`${API}/repos/acme/gitops/pulls`, ({ request }) => {
          asked = new URL(request.url).searchParams.get('head');
          return HttpResponse.json([
            {
              number: 41,
              html_url: 'https://github.com/acme/gitops/pull/41',
              head: { ref: head, sha: 'earlier-commit-sha' },
            },
          ]);
        }),
        http.post(`${API}/repos/acme/gitops/git/refs`, () => {
          writes.push('branch');
          return HttpResponse.json({}, { status: 201 });
        }),
      );
      const result = await writer.change(keyed);
      expect(asked).toBe(`acme:${head}`);
      expect(writes).toEqual([]);
      expect(result).toMatchObject({
        status: 'pull-request',
        url: 'https://github.com/acme/gitops/pull/41',
        revision: 'earlier-commit-sha',
        branch: head,
      });
    });

    it('starts over on the branch a stopped attempt left without a pull request', async () => {
      let pull: any;
      let reset: any;
      github({ onPull: body => (pull = body) });
      server.use(
        http.get(`${API}/repos/acme/gitops/pulls`, () => HttpResponse.json([])),
        http.post(`${API}/repos/acme/gitops/git/refs`, () =>
          HttpResponse.json(
            { message: 'Reference already exists' },
            { status: 422 },
          ),
        ),
        http.patch(
          `${API}/repos/acme/gitops/git/refs/${encodeURIComponent(
            `heads/${head}`,
          )}`,
          async ({ request }) => {
            reset = await request.json();
            return HttpResponse.json({ ref: `refs/heads/${head}` });
          },
        ),
      );
      const result = await writer.change(keyed);
      expect(reset).toEqual({ sha: 'base-sha', force: true });
      expect(pull.head).toBe(head);
      expect(result.url).toBe('https://github.com/acme/gitops/pull/42');
    });
  });

  it('parses repository URLs', () => {
    expect(
      GitHubPullRequestWriter.parseRepositoryUrl(
        'https://github.com/acme/gitops.git',
      ),
    ).toEqual({
      owner: 'acme',
      repo: 'gitops',
    });
    expect(() =>
      GitHubPullRequestWriter.parseRepositoryUrl('https://github.com/acme'),
    ).toThrow('is not a GitHub repository URL');
  });
});
