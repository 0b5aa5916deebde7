// What the queue holds: items in paste order, placeholders until main resolves them, failures with their
// reason. The slices that change it are the intake (queue-intake.ts) and the editing (queue-editing.ts).
import type { AppError } from '../../../shared/errors';
import type { CloudcueEvent, LinkKind, Track } from '../../../shared/ipc';

export type { JustAdded, Toast } from './notices';

/** The events about the queue (the `status` event is about SoundCloud, and has its own slice). */
export type QueueEvent = Extract<CloudcueEvent, { type: 'resolved' | 'progress' }>;

export type ItemStatus = 'resolving' | 'ready' | 'error';

export interface QueueItem {
  id: string;
  /** The link this item came from (a track's permalink once resolved). */
  link: string;
  kind: LinkKind | null;
  startSeconds: number;
  status: ItemStatus;
  track?: Track;
  error?: AppError;
  /** Added by "keep playing when the queue ends": the group it came in, removable at once. */
  group?: { id: string; label: string };
}

export interface Progress {
  batchId: string;
  /**
   * Every batch of a paste main took in parts (more links than it takes at once); the store then counts the
   * rows itself, since main counts each part apart.
   */
  batches?: ReadonlySet<string>;
  resolved: number;
  failed: number;
  total: number;
  /** Every link of the batch is done: the line shows the final count a moment longer, then goes. */
  finished: boolean;
}

export type SelectMode = 'replace' | 'toggle' | 'range';
