// Opening an output folder in the page: a folder picker (<input type=file webkitdirectory>) or
// drag-and-drop of a folder or of files → ReportFiles (src/report/parse.ts), names relative to
// the output folder (`manifest.json`, `runs/12.json`). The folder is found by its marker file
// (manifest.json for batch/compare/sweep, summary.json for run), so picking the folder itself, its
// parent-less files, or dropping it all work.
import { filesFromMap, type ReportFiles } from '../../src/report/parse.ts';

export interface LoadedFile {
  /** Path as the browser gives it: `out/default/runs/0.json`, or just `manifest.json`. */
  path: string;
  bytes: Uint8Array;
}

const MARKERS = ['manifest.json', 'summary.json'];
/** Files a report reads; others (report.html, logs) are not loaded. */
const WANTED = /\.(json|csv|bin)$/i;

export function wantedFile(path: string): boolean {
  return WANTED.test(path);
}

/**
 * ReportFiles over loaded files, rooted at the folder of the shallowest marker file (the folder
 * of the first file when there is none: reportFromFiles then says what is missing). Pure.
 */
export function filesToReportFiles(files: readonly LoadedFile[]): ReportFiles {
  const norm = files.map((f) => ({ path: f.path.replace(/\\/g, '/').replace(/^\/+/, ''), bytes: f.bytes }));
  const markers = norm
    .filter((f) => MARKERS.includes(f.path.split('/').pop()!))
    .sort((a, b) => a.path.split('/').length - b.path.split('/').length || a.path.localeCompare(b.path));
  const anchor = markers[0]?.path ?? norm[0]?.path ?? '';
  const root = anchor.includes('/') ? anchor.slice(0, anchor.lastIndexOf('/') + 1) : '';
  const byName = new Map<string, Uint8Array>();
  for (const f of norm) if (f.path.startsWith(root)) byName.set(f.path.slice(root.length), f.bytes);
  return filesFromMap(byName);
}

async function readFile(file: File, path: string): Promise<LoadedFile> {
  return { path, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** The files of an <input type=file webkitdirectory multiple> (or plain multiple) selection. */
export async function loadFileList(list: FileList | readonly File[]): Promise<LoadedFile[]> {
  const files = [...list].filter((f) => wantedFile(f.webkitRelativePath || f.name));
  return Promise.all(files.map((f) => readFile(f, f.webkitRelativePath || f.name)));
}

// Minimal File System Entry API types (drag-and-drop of folders).
interface Entry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
}
interface FileEntry extends Entry {
  file(success: (f: File) => void, failure: (e: unknown) => void): void;
}
interface DirectoryEntry extends Entry {
  createReader(): { readEntries(success: (entries: Entry[]) => void, failure: (e: unknown) => void): void };
}

async function walk(entry: Entry, out: Promise<LoadedFile>[]): Promise<void> {
  if (entry.isFile) {
    if (!wantedFile(entry.name)) return;
    const file = await new Promise<File>((resolve, reject) => (entry as FileEntry).file(resolve, reject));
    out.push(readFile(file, entry.fullPath));
  } else if (entry.isDirectory) {
    const reader = (entry as DirectoryEntry).createReader();
    // readEntries returns batches (≤ 100 in Chromium) until an empty one.
    for (;;) {
      const batch = await new Promise<Entry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await walk(child, out);
    }
  }
}

/** The files of a drop: folders walked recursively through webkitGetAsEntry, else the plain files. */
export async function loadDataTransfer(data: DataTransfer): Promise<LoadedFile[]> {
  const entries = [...data.items]
    .filter((item) => item.kind === 'file')
    .map((item) => (item as DataTransferItem & { webkitGetAsEntry?: () => Entry | null }).webkitGetAsEntry?.() ?? null);
  if (entries.length > 0 && entries.every((e) => e !== null)) {
    const out: Promise<LoadedFile>[] = [];
    for (const entry of entries) await walk(entry!, out);
    return Promise.all(out);
  }
  return loadFileList(data.files);
}
