// Runs one backend import job (preview or apply) and polls its progress until it ends.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodInput } from '../../../db/api/contract';
import type { JobStatus } from '../../../db/import/jobs';
import { api } from '../api/client';

const POLL_MS = 150;

export function useImportJob() {
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<string | null>(null);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
      // Leaving the dialog mid-job cancels it: nothing half-done is left behind.
      if (current.current) void api.call('import.cancel', { jobId: current.current });
    },
    [],
  );

  const run = useCallback(
    async (
      method: 'import.preview' | 'import.apply',
      input: MethodInput<'import.apply'>,
    ): Promise<JobStatus | null> => {
      setError(null);
      const started = await api.call(method, input);
      if (!started.ok) {
        setError(started.error.message);
        return null;
      }
      current.current = started.value.jobId;
      let s = started.value;
      setStatus(s);
      while (s.state === 'running' && alive.current) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        const polled = await api.call('import.progress', { jobId: s.jobId });
        if (!polled.ok) {
          setError(polled.error.message);
          current.current = null;
          return null;
        }
        s = polled.value;
        if (alive.current) setStatus(s);
      }
      current.current = null;
      if (s.state === 'failed') setError(s.error?.message ?? 'The import failed.');
      return s;
    },
    [],
  );

  const cancel = useCallback(async () => {
    const jobId = current.current;
    if (jobId) await api.call('import.cancel', { jobId });
  }, []);

  return { status, error, run, cancel, setError };
}
