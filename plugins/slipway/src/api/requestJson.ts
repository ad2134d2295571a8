import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';

/** What the frontend clients need to reach a backend plugin. */
export type BackendDeps = { discoveryApi: DiscoveryApi; fetchApi: FetchApi };

/**
 * One JSON request to a backend plugin (`slipway` unless said otherwise), as the signed-in user. A non-2xx answer
 * throws a ResponseError that carries the backend's message.
 */
export async function requestJson<T>(
  deps: BackendDeps,
  route: string,
  options: {
    pluginId?: string;
    method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
    body?: unknown;
  } = {},
): Promise<T> {
  const baseUrl = await deps.discoveryApi.getBaseUrl(
    options.pluginId ?? 'slipway',
  );
  const response = await deps.fetchApi.fetch(`${baseUrl}${route}`, {
    method: options.method ?? 'GET',
    ...(options.body === undefined
      ? {}
      : {
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(options.body),
        }),
  });
  if (!response.ok) throw await ResponseError.fromResponse(response);
  return (await response.json()) as T;
}

/** `namespace/name` of an entity, each part encoded, for routes such as `/applications/{namespace}/{name}`. */
export function entityPath({
  namespace,
  name,
}: {
  namespace: string;
  name: string;
}): string {
  return `${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}
