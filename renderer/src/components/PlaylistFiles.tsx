// A playlist's own import and export: M3U or JSON out (the queue's formats, named after the playlist); M3U,
// JSON or any text with links in, added to the playlist and resolved as a paste is.
import { ExportPair, ImportFileButton } from './QueueFiles';
import { useStoreApi } from './useStoreApi';

/** The playlist's name as a file name everywhere: letters, digits, spaces and dashes; never empty. */
export function fileStem(name: string): string {
  const stem = name
    .replace(/[^\p{L}\p{N} _-]+/gu, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 80);
  return stem === '' ? 'playlist' : stem;
}

export function PlaylistFiles({ id, name, count }: { id: string; name: string; count: number }) {
  const store = useStoreApi();
  const items = () => store.getState().playlists.find((playlist) => playlist.id === id)?.items ?? [];
  return (
    <>
      {count > 0 && <ExportPair stem={fileStem(name)} items={items} />}
      <ImportFileButton
        label={`Import a file into ${name}`}
        addText={(text: string) => store.getState().addTextToPlaylist(id, text)}
      />
    </>
  );
}
