// The window's layout.
import { AddLinks } from './AddLinks';
import { QueueList } from './QueueList';
import { Transport } from './Transport';

export function App() {
  return (
    <main className="app">
      <h1 className="visually-hidden">Cloudcue</h1>
      <AddLinks />
      <QueueList />
      <Transport />
    </main>
  );
}
