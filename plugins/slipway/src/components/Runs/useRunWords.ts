import { useApi } from '@backstage/core-plugin-api';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { SlipwayApi, slipwayApiRef } from '../../api';

interface Titles {
  actions: Map<string, string>;
  environments: Map<string, string>;
}

// Actions and environments change only with the backend's configuration: one lookup per page load is enough.
const loaded = new WeakMap<SlipwayApi, Promise<Titles>>();

function titlesOf(api: SlipwayApi): Promise<Titles> {
  let titles = loaded.get(api);
  if (!titles) {
    titles = Promise.resolve()
      .then(() => Promise.all([api.listActions(), api.getEnvironments()]))
      .then(([actions, environments]) => ({
        actions: new Map(actions.map(a => [a.name, a.title])),
        environments: new Map(environments.map(e => [e.name, e.title])),
      }));
    titles.catch(() => loaded.delete(api));
    loaded.set(api, titles);
  }
  return titles;
}

/**
 * Runs name their action and environment by id (`db-copy`, `dev`); people read titles ("Copy production database",
 * "Development"). Until the titles arrive, or if they cannot be read, the id stands in.
 */
export function useRunWords() {
  const api = useApi(slipwayApiRef);
  const { value } = useAsync(() => titlesOf(api), [api]);
  return useMemo(
    () => ({
      action: (name: string) => value?.actions.get(name) ?? name,
      environment: (name: string) => value?.environments.get(name) ?? name,
    }),
    [value],
  );
}
