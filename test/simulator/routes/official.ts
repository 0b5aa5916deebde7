// Placeholder: filled in by the official routes work.
import type { Handler } from '../context';

export const routes: Record<string, Handler> = {};
