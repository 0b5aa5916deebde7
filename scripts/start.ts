// `npm start`: builds and opens the app, or explains what is missing instead of a stack trace.
import { startElectronApp } from './electron-app';

const app = startElectronApp();
if (app === null) process.exit(1);
app.on('exit', (code) => process.exit(code ?? 0));
