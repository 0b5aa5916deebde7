// Placeholder: filled in by the v2 routes work.
import type { Handler } from '../context';

export const routes: Record<string, Handler> = {};
