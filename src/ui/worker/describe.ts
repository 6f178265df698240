// Trace events in plain words, for the event log, and which of them deserve a timeline marker.
import type { TraceEvent } from '../../sim/types';
import { describeFault } from '../faults';
import { stateLabel } from '../states';
import type { MarkerKind } from './protocol';

const CAUSES: Record<string, string> = {
  initial: 'starts as primary',
  promotion: 'is promoted to primary (failover)',
  restart: 'comes back as primary after a restart',
  'restore-backup': 'is primary again, restored from the latest backup',
  election: 'wins the election and becomes primary (failover)',
};

/** One log line for a trace event, or null for events too fine-grained to list. */
export function describeTrace(ev: TraceEvent): string | null {
  switch (ev.type) {
    case 'fault':
      return `Fault: ${describeFault(ev.fault, ev.resolved)}`;
    case 'node-state':
      return `${ev.node} is ${stateLabel(ev.state).text}`;
    case 'role':
      return `${ev.node} becomes ${ev.role}`;
    case 'term':
      return ev.cause === 'initial' ? null : `${ev.node} ${CAUSES[ev.cause] ?? ev.cause} (term ${ev.term})`;
    case 'endpoint':
      return ev.node ? `endpoint now points at ${ev.node}` : 'endpoint points nowhere';
    case 'resync':
      return `${ev.node} runs a ${ev.kind} resync from offset ${ev.offset}`;
    case 'writes-refused':
      return `${ev.node} refuses writes: ${ev.reason}`;
    case 'writes-accepted':
      return `${ev.node} accepts writes again`;
    case 'backup':
      return `backup taken to the snapshot store at offset ${ev.offset}`;
    case 'snapshot':
      return `snapshot built from the log up to entry ${ev.index}`;
    case 'note':
      return ev.text;
  }
}

export function markerKind(ev: TraceEvent): MarkerKind | null {
  if (ev.type === 'fault') return 'fault';
  if (ev.type === 'term' && (ev.cause === 'promotion' || ev.cause === 'election' || ev.cause === 'restore-backup')) return 'failover';
  return null;
}
