// A CSV file written through a temporary name, in chunks of about a megabyte: the summary files
// are streamed, never held whole in memory, and appear under their name only when complete.
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { csvField } from './format.ts';
import { temporaryName } from './temporary.ts';

export class CsvFile {
  private readonly tmp: string;
  private readonly fd: number;
  private buffer: string[] = [];
  private size = 0;

  constructor(readonly file: string, header: readonly string[]) {
    this.tmp = temporaryName(file);
    this.fd = openSync(this.tmp, 'w');
    this.line(header.map(csvField).join(','));
  }

  line(text: string): void {
    this.buffer.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer.join('\n') + '\n');
    this.buffer = [];
    this.size = 0;
  }

  close(): string {
    this.flush();
    closeSync(this.fd);
    renameSync(this.tmp, this.file);
    return this.file;
  }
}
