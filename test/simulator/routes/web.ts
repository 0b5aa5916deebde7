// Placeholder: filled in by the web routes work.
import type { Handler } from '../context';

export const routes: Record<string, Handler> = {};
