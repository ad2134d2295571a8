import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { applicationEntity, paymentsSystem } from '../__testUtils__/entities';
import { key, startSlipwayBackend } from '../__testUtils__/testBackend';
import { applicationWithDatabase } from '../dbcopy/__testUtils__/copyContext';
import {
  createSourceDatabase,
  describeWithPostgres,
  dropCopies,
  leftovers,
  sql,
  testServersConfig,
} from '../dbcopy/__testUtils__/postgres';

jest.setTimeout(180_000);

const as = (user: string) =>
  mockCredentials.user.header(`user:default/${user}`);

describeWithPostgres(
  'database copies through the API (copies on PostgreSQL 15)',
  () => {
    const databases = TestDatabases.create({
      ids: ['POSTGRES_15', 'SQLITE_3'],
    });
    let source: string;

    beforeAll(async () => {
      source = await createSourceDatabase(5000);
    });
    afterAll(async () => {
      await dropCopies('checkout_checkout_db_copy_').finally(() =>
        sql('postgres', `DROP DATABASE IF EXISTS ${source} WITH (FORCE)`),
      );
    });

    async function start(databaseId: Parameters<typeof databases.init>[0]) {
      const slipway = await startSlipwayBackend({
        knex: await databases.init(databaseId),
        // The test environments name a restart executor `test`; restart plays no part here.
        executors: [
          {
            id: 'test',
            action: 'restart',
            execute: async () => ({ summary: 'restarted' }),
          },
        ],
        entities: [
          applicationWithDatabase(source),
          applicationEntity('shop', {
            owner: 'group:default/storefront',
            system: 'system:default/storefront',
          }),
          paymentsSystem,
        ],
        slipway: {
          databases: {
            servers: testServersConfig('dev', 'prod'),
            ttl: { defaultHours: 8, maxHours: 24 },
            masking: {
              checkout: {
                'checkout-db': {
                  sql: "UPDATE sales.customers SET email = 'c' || id || '@masked.invalid'",
                  required: false,
                },
              },
            },
          },
        },
      });
      const call = (
        method: 'get' | 'post' | 'delete',
        user: string,
        path: string,
        body?: object,
      ) => {
        const req = request(slipway.server)
          [method](`/api/slipway${path}`)
          .set('Authorization', as(user));
        return body ? req.send(body) : req;
      };
      const copyRun = (user: string, parameters: object) =>
        slipway.post(user, {
          action: 'db-copy',
          entityRef: 'component:default/checkout',
          environment: 'dev',
          parameters,
          idempotencyKey: key(),
        });
      return { ...slipway, call, copyRun };
    }

    it.each(databases.eachSupportedId())(
      'copies through a run, shows the connection details to the requester only, extends within the maximum and destroys, on %p',
      async databaseId => {
        const { call, copyRun, finished } = await start(databaseId);

        // The buttons: available in dev, not in production, not for an application without a database.
        const actions = (
          await call('get', 'alice', '/applications/default/checkout/actions')
        ).body.actions.filter((a: any) => a.action === 'db-copy');
        expect(
          actions.map((a: any) => [a.environment, a.allowed, a.reason]),
        ).toEqual([
          ['dev', true, undefined],
          [
            'prod',
            false,
            'prod is a production environment: database copies go into non-production environments only',
          ],
        ]);
        const shop = (
          await call('get', 'bob', '/applications/default/shop/actions')
        ).body.actions.find(
          (a: any) => a.action === 'db-copy' && a.environment === 'dev',
        );
        expect(shop).toMatchObject({
          allowed: false,
          reason: 'The manifest declares no postgres component to copy',
        });

        // Bob (another team) may not copy payments' database.
        expect((await copyRun('bob', {})).status).toBe(403);

        const created = await copyRun('alice', { ttlHours: 2 });
        expect(created.status).toBe(201);
        expect(created.body.parameters).toEqual({
          component: 'checkout-db',
          ttlHours: 2,
          masking: true,
        });
        const run = await finished('alice', created.body.id);
        expect(run).toMatchObject({
          status: 'succeeded',
          result: { output: { masked: true } },
        });
        const name = run.result.output.database;
        expect(
          await sql(name, 'SELECT email FROM sales.customers WHERE id = 3'),
        ).toEqual([{ email: 'c3@masked.invalid' }]);

        // Everyone who sees the application sees the copy, without anything to connect with.
        const list = (user: string) =>
          call('get', user, '/applications/default/checkout/database-copies');
        const listed = await list('bob');
        expect(listed.status).toBe(200);
        expect(listed.body.items).toEqual([
          expect.objectContaining({
            id: run.id,
            database: name,
            environment: 'dev',
            status: 'ready',
            requester: 'user:default/alice',
            masked: true,
            mine: false,
            canManage: false,
          }),
        ]);
        expect((await list('alice')).body.items[0]).toMatchObject({
          mine: true,
          canManage: true,
        });
        expect((await list('carol')).body.items[0]).toMatchObject({
          mine: false,
          canManage: true,
        });

        // The connection details: Alice's only.
        const connection = await call(
          'get',
          'alice',
          `/database-copies/${run.id}/connection`,
        );
        expect(connection.status).toBe(200);
        expect(connection.headers['cache-control']).toBe('no-store');
        expect(connection.body).toMatchObject({
          database: name,
          user: name,
          port: expect.any(Number),
        });
        const { password } = connection.body;
        expect(
          await sql(name, 'SELECT count(*)::int AS n FROM sales.orders', [], {
            user: name,
            password,
          }),
        ).toEqual([{ n: 5000 }]);
        for (const user of ['bob', 'carol']) {
          const refused = await call(
            'get',
            user,
            `/database-copies/${run.id}/connection`,
          );
          expect([user, refused.status]).toEqual([user, 403]);
          expect(JSON.stringify(refused.body)).not.toContain(password);
        }
        // The password is nowhere else: not in the run, its log, the list.
        const log = await call('get', 'bob', `/runs/${run.id}/log`);
        const visible = JSON.stringify([
          log.body,
          (await list('bob')).body,
          run,
        ]);
        expect(visible).not.toContain(password);
        expect(visible).not.toContain('slipway-ci');
        expect(log.body.lines.map((l: any) => l.message)).toEqual(
          expect.arrayContaining([
            expect.stringMatching(
              /^Copied: 3 of 3 tables, [\d.]+ [kM]B streamed in \d+ s$/,
            ),
            'Masked: 1 statements changed 1000 rows',
          ]),
        );

        // Extend: within the maximum (24 h after it was made), by the requester or an admin, not by another team.
        const notBobs = await call(
          'post',
          'bob',
          `/database-copies/${run.id}/extend`,
          { ttlHours: 4 },
        );
        expect(notBobs.status).toBe(403);
        expect(notBobs.body.error.message).toMatch(
          /^Only alice, who asked for the copy \S+, or someone allowed to copy the databases of checkout title in dev may extend it$/,
        );
        const tooLong = await call(
          'post',
          'alice',
          `/database-copies/${run.id}/extend`,
          { ttlHours: 30 },
        );
        expect(tooLong.status).toBe(400);
        expect(tooLong.body.error.message).toMatch(
          new RegExp(
            `^ttlHours: the copy ${name} may live until .* at most \\(24 hours after it was made\\), so at most 2[34] more hours$`,
          ),
        );
        const extended = await call(
          'post',
          'alice',
          `/database-copies/${run.id}/extend`,
          { ttlHours: 20 },
        );
        expect(extended.status).toBe(200);
        const expiresAt = new Date(extended.body.expiresAt).getTime();
        expect(Math.abs(expiresAt - (Date.now() + 20 * 3600_000))).toBeLessThan(
          60_000,
        );
        const [role] = await sql(
          'postgres',
          'SELECT rolvaliduntil FROM pg_roles WHERE rolname = $1',
          [name],
        );
        expect(new Date(role.rolvaliduntil).getTime()).toBe(expiresAt);
        expect(
          (
            await call('post', 'carol', `/database-copies/${run.id}/extend`, {
              ttlHours: 1,
            })
          ).status,
        ).toBe(200);

        // Destroy: not by another team; by an admin.
        expect(
          (await call('delete', 'bob', `/database-copies/${run.id}`)).status,
        ).toBe(403);
        const destroyed = await call(
          'delete',
          'carol',
          `/database-copies/${run.id}`,
        );
        expect(destroyed.status).toBe(200);
        expect(destroyed.body).toMatchObject({
          status: 'dropped',
          dropReason: 'destroyed by user:default/carol',
        });
        expect(await leftovers(name)).toEqual([]);
        expect((await list('alice')).body.items).toEqual([]);
        expect(
          (await call('delete', 'alice', `/database-copies/${run.id}`)).status,
        ).toBe(409);
        expect(
          (await call('get', 'alice', `/database-copies/${run.id}/connection`))
            .status,
        ).toBe(409);
        const after = await call('get', 'alice', `/runs/${run.id}/log`);
        expect(after.body.lines.at(-1).message).toBe(
          `The copy ${name} was dropped: destroyed by user:default/carol`,
        );
      },
    );

    it.each(databases.eachSupportedId())(
      'rejects injection attempts in every name with 400 and makes nothing, on %p',
      async databaseId => {
        const { call, copyRun } = await start(databaseId);
        const bad: object[] = [
          { component: 'checkout-db; DROP DATABASE postgres' },
          { component: '"; DROP ROLE postgres; --' },
          { component: '../../checkout-db' },
          { component: 'checkout-db\u0000' },
          { component: 'CHECKOUT-DB' },
          { component: 'ledger-db' },
          { ttlHours: '1; DROP DATABASE postgres' },
          { ttlHours: 25 },
          { ttlHours: 0 },
          { ttlHours: 2.5 },
          { ttlHours: 1e308 },
          { masking: "true' OR '1'='1" },
          { database: 'postgres' },
          { host: 'evil.example' },
        ];
        for (const parameters of bad) {
          const res = await copyRun('alice', parameters);
          expect([parameters, res.status]).toEqual([parameters, 400]);
          expect(res.body.error.message).toMatch(
            /^Invalid parameters of db-copy: parameters|^parameters\./,
          );
        }
        // Paths and bodies of the copies API.
        const id = '00000000-0000-4000-8000-000000000000';
        const paths: Array<['get' | 'post' | 'delete', string, object?]> = [
          ['get', "/database-copies/1' OR '1'='1/connection"],
          ['get', '/database-copies/..%2F..%2Fruns/connection'],
          ['delete', '/database-copies/%22%3B%20DROP%20DATABASE%20x'],
          ['post', `/database-copies/${id}/extend`, { ttlHours: '5; DROP' }],
          ['post', `/database-copies/${id}/extend`, { ttlHours: 0 }],
          [
            'post',
            `/database-copies/${id}/extend`,
            { ttlHours: 5, database: 'postgres' },
          ],
          ['get', "/applications/default/checkout';--/database-copies"],
        ];
        for (const [method, path, body] of paths) {
          const res = await call(method, 'alice', path, body);
          expect([path, res.status]).toEqual([path, 400]);
        }
        expect(
          (await call('get', 'alice', `/database-copies/${id}/connection`))
            .status,
        ).toBe(404);
        expect(await leftovers('checkout_checkout_db_copy_')).toEqual([]);
        expect(
          (
            await call(
              'get',
              'alice',
              '/applications/default/checkout/database-copies',
            )
          ).body.items,
        ).toEqual([]);
      },
    );
  },
);
