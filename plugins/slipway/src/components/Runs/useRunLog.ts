import { useApi } from '@backstage/core-plugin-api';
import {
  FINAL_RUN_STATUSES,
  Run,
  RunLogLine,
} from '@slipway/backstage-plugin-slipway-common';
import { useEffect, useState } from 'react';
import { slipwayApiRef } from '../../api';
import { messageOf } from '../../errors';

const POLL_MS = 1000;

/** Follows a run live: its status and its log, polled until it is final. */
export function useRunLog(runId: string) {
  const api = useApi(slipwayApiRef);
  const [run, setRun] = useState<Run>();
  const [lines, setLines] = useState<RunLogLine[]>([]);
  const [error, setError] = useState<string>();

  useEffect(() => {
    let stopped = false;
    let after = 0;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const page = await api.getRunLog(runId, after);
        if (stopped) return;
        setRun(page.run);
        if (page.lines.length) {
          after = page.lines[page.lines.length - 1].id;
          setLines(previous => [...previous, ...page.lines]);
        }
        setError(undefined);
        if (FINAL_RUN_STATUSES.includes(page.run.status) && !page.lines.length)
          return;
      } catch (e) {
        if (!stopped) setError(messageOf(e));
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, runId]);

  return { run, lines, error };
}
