import { useState } from 'preact/hooks';
import type { CallerCueFragment } from './gql.js';
import { timeOf } from './format.js';

/** What the caller's and the operators' views share: a cue's row, and commands that say what went wrong. */

/** Runs a command, showing what went wrong if it did. */
export function useCommand(): [string, (run: () => Promise<unknown>) => Promise<boolean>] {
  const [error, setError] = useState('');
  return [
    error,
    async (run) => {
      setError('');
      try {
        await run();
        return true;
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
        return false;
      }
    },
  ];
}

export function ErrorLine({ error }: { error: string }) {
  return error ? (
    <div class="error" role="alert" data-error>
      {error}
    </div>
  ) : null;
}

export function CueRow({
  cue,
  role,
  timeZone,
  onAcknowledge,
}: {
  cue: CallerCueFragment;
  role: string;
  timeZone: string;
  onAcknowledge?: () => void;
}) {
  return (
    <tr class={`cue cue-${cue.state.toLowerCase()} ${role}`} data-cue={cue.label} data-state={cue.state} data-role={role || undefined}>
      <td class="cue-label">{cue.label}</td>
      <td class="cue-dept">{cue.department.replace('_', ' ').toLowerCase()}</td>
      <td class="cue-time">{timeOf(cue.plannedAt, timeZone, true)}</td>
      <td class="cue-title">
        {cue.title}
        {cue.trigger !== 'MANUAL' && <span class="trigger">{cue.trigger.replace(/_/g, ' ').toLowerCase()}</span>}
      </td>
      <td class="cue-notes">{cue.notes}</td>
      <td class="cue-state">
        {cue.state.toLowerCase()}
        {cue.state === 'STANDBY' && (cue.acknowledgedAt ? <span class="ack"> ✓ ready</span> : <span class="unack"> waiting</span>)}
        {onAcknowledge && cue.state === 'STANDBY' && !cue.acknowledgedAt && (
          <button class="ack-button" onClick={onAcknowledge}>
            Standing by
          </button>
        )}
      </td>
    </tr>
  );
}
