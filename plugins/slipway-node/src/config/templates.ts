/**
 * `{{ app.name }}`-style templates for links, namespaces and Argo CD application names. Deliberately tiny: variables
 * only, no logic, so a template can be checked completely when the backend starts.
 */

/** The values a template may use. @public */
export interface TemplateContext {
  app: {
    name: string;
    system: string;
    owner: string;
    type: string;
    labels: Record<string, string>;
  };
  env: { name: string; namespace?: string };
}

/** A checked template. @public */
export interface Template {
  source: string;
  /** Renders the template; `encode` is applied to every inserted value (e.g. encodeURIComponent for URLs). */
  render(context: TemplateContext, encode?: (value: string) => string): string;
}

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const KNOWN =
  /^(app\.(name|system|owner|type)|app\.labels\.[A-Za-z0-9_./-]+|env\.(name|namespace))$/;

function lookup(context: TemplateContext, variable: string): string {
  if (variable.startsWith('app.labels.')) {
    return context.app.labels[variable.slice('app.labels.'.length)] ?? '';
  }
  const [scope, key] = variable.split('.') as ['app' | 'env', string];
  return String((context[scope] as Record<string, unknown>)[key] ?? '');
}

/**
 * Checks a template and returns it ready to render. Throws an Error naming the unknown variable or the stray brace,
 * so that a wrong configuration stops the backend with a message saying what to fix.
 *
 * @public
 */
export function compileTemplate(source: string): Template {
  for (const match of source.matchAll(VARIABLE)) {
    if (!KNOWN.test(match[1])) {
      throw new Error(
        `unknown variable "{{ ${match[1]} }}"; use app.name, app.system, app.owner, app.type, app.labels.<key>, env.name or env.namespace`,
      );
    }
  }
  if (/\{\{|\}\}/.test(source.replace(VARIABLE, ''))) {
    throw new Error(`unbalanced "{{" or "}}" in "${source}"`);
  }
  return {
    source,
    render: (context, encode = value => value) =>
      source.replace(VARIABLE, (_, variable: string) =>
        encode(lookup(context, variable)),
      ),
  };
}

/**
 * The template values of an application in an environment, with the environment's Kubernetes namespace rendered
 * (so that link templates may use `{{ env.namespace }}`).
 *
 * @public
 */
export function applicationTemplateContext(
  app: TemplateContext['app'],
  environment?: { name: string; kubernetes?: { namespace: Template } },
): TemplateContext {
  const base: TemplateContext = { app, env: { name: environment?.name ?? '' } };
  return environment?.kubernetes
    ? {
        ...base,
        env: {
          ...base.env,
          namespace: environment.kubernetes.namespace.render(base),
        },
      }
    : base;
}
