import {
  ActionDefinition,
  ActionExecutor,
  ActionRefusal,
  SlipwayConfig,
  SlipwayEnvironment,
} from '@slipway/backstage-plugin-slipway-node';
import { Entity } from '@backstage/catalog-model';
import { SlipwayApplicationSpec } from '@slipway/backstage-plugin-slipway-common';

/** The actions and executors of this backend: the built-in ones and those modules added. */
export class ActionRegistry {
  private readonly actions = new Map<string, ActionDefinition<any>>();
  private readonly executors = new Map<string, ActionExecutor<any>>();

  addAction(...actions: ActionDefinition<any>[]) {
    for (const action of actions) {
      if (this.actions.has(action.id))
        throw new Error(`Slipway action "${action.id}" is added twice`);
      this.actions.set(action.id, action);
    }
  }

  addExecutor(...executors: ActionExecutor<any>[]) {
    for (const executor of executors) {
      const key = `${executor.action}/${executor.id}`;
      if (this.executors.has(key))
        throw new Error(
          `Slipway executor "${executor.id}" of "${executor.action}" is added twice`,
        );
      this.executors.set(key, executor);
    }
  }

  action(id: string): ActionDefinition<any> | undefined {
    return this.actions.get(id);
  }

  list(): ActionDefinition<any>[] {
    return [...this.actions.values()];
  }

  /** The executor an environment uses for an action, or why there is none. */
  executorFor(
    action: ActionDefinition<any>,
    environment: SlipwayEnvironment,
  ): { executor: ActionExecutor<any> } | ActionRefusal {
    const key = `slipway.environments[${environment.order}].actions.${action.id}.executor`;
    const name =
      environment.actions[action.id]?.executor ?? action.defaultExecutor;
    if (!name) {
      return {
        reason: `${action.title} is not set up for ${environment.title}: the platform team has not connected it to anything here yet.`,
        detail: `No executor is configured (${key}); see docs/actions.md for the executors and their settings.`,
      };
    }
    const executor = this.executors.get(`${action.id}/${name}`);
    return executor
      ? { executor }
      : {
          reason: `${action.title} is not available in ${environment.title}: its set-up names something this portal does not have. Tell the platform team.`,
          detail: `${action.title} has no executor named "${name}" (${key})`,
        };
  }

  /** Why an action cannot run in an environment (its own reason, or no executor), or undefined when it can. */
  async unavailableReason(
    action: ActionDefinition<any>,
    application: SlipwayApplicationSpec,
    environment: SlipwayEnvironment,
    environments: SlipwayEnvironment[],
    entity: Entity,
  ): Promise<ActionRefusal | undefined> {
    const own = await action.unavailableReason?.({
      application,
      environment,
      environments,
      entity,
    });
    if (own) return typeof own === 'string' ? { reason: own } : own;
    const executor = this.executorFor(action, environment);
    return 'reason' in executor ? executor : undefined;
  }

  /**
   * Checks every environment's action settings when the backend starts: known actions, known executors, and each
   * executor's own settings. Throws one Error naming every wrong key.
   */
  validate(config: SlipwayConfig) {
    const problems: string[] = [];
    for (const environment of config.environments) {
      for (const [actionId, settings] of Object.entries(environment.actions)) {
        const key = `slipway.environments[${environment.order}].actions.${actionId}`;
        const action = this.actions.get(actionId);
        if (!action) {
          problems.push(
            `${key}: unknown action "${actionId}" (known: ${[
              ...this.actions.keys(),
            ].join(', ')})`,
          );
          continue;
        }
        const name = settings.executor ?? action.defaultExecutor;
        const executor = name
          ? this.executors.get(`${actionId}/${name}`)
          : undefined;
        if (!executor) {
          const known = [...this.executors.values()]
            .filter(e => e.action === actionId)
            .map(e => e.id);
          problems.push(
            `${key}.executor: unknown executor "${name ?? ''}" (known: ${
              known.join(', ') || 'none'
            })`,
          );
          continue;
        }
        try {
          executor.validateConfig?.(settings.config, { key, environment });
        } catch (error) {
          problems.push((error as Error).message);
        }
      }
    }
    if (problems.length)
      throw new Error(
        `Invalid Slipway configuration:\n  ${problems.join('\n  ')}`,
      );
  }
}
