import { AuditorServiceEventSeverityLevel } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LOG_LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error'];
const DEFAULTS: Record<AuditorServiceEventSeverityLevel, LogLevel> = {
  low: 'debug',
  medium: 'info',
  high: 'info',
  critical: 'info',
};

/**
 * The log level of each severity, from `backend.auditor.severityLogLevelMappings` with Backstage's defaults, so
 * audit log lines come out exactly as the default auditor writes them.
 */
export function readSeverityLogLevels(
  config: Config,
): Record<AuditorServiceEventSeverityLevel, LogLevel> {
  const result = { ...DEFAULTS };
  for (const severity of Object.keys(
    DEFAULTS,
  ) as AuditorServiceEventSeverityLevel[]) {
    const key = `backend.auditor.severityLogLevelMappings.${severity}`;
    const value = config.getOptionalString(key);
    if (value === undefined) {
      continue;
    }
    if (!LOG_LEVELS.includes(value as LogLevel)) {
      throw new InputError(
        `The configuration value for '${key}' was given an invalid value: '${value}'. Expected one of the following valid values: '${LOG_LEVELS.join(
          ', ',
        )}'.`,
      );
    }
    result[severity] = value as LogLevel;
  }
  return result;
}
