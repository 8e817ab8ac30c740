// browserSpawner with a fake Worker (an EventTarget): an 'error' event rejects the job in flight
// and retires the worker; a normal reply resolves it.
import { describe, expect, it } from 'vitest';
import { browserSpawner } from '../../src/workers/browser.ts';
import type { Job } from '../../src/workers/protocol.ts';

class FakeWorker extends EventTarget {
  posted: unknown[] = [];
  terminated = false;
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
}

const job = { index: 7 } as Job;

describe('browserSpawner', () => {
  it('rejects the job in flight when the worker fires error, and refuses later jobs', async () => {
    const fake = new FakeWorker();
    const handle = browserSpawner(() => fake)();
    const running = handle.run(job);
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.posted).toHaveLength(1);
    const error = new Event('error') as Event & { message?: string };
    error.message = 'boom';
    fake.dispatchEvent(error);
    await expect(running).rejects.toThrow(/worker crashed \(boom\) during job 7/);
    await expect(handle.run(job)).rejects.toThrow(/before job 7/);
    await handle.terminate();
    expect(fake.terminated).toBe(true);
  });

  it("resolves with the reply comlink receives", { timeout: 5000 }, async () => {
    const fake = new FakeWorker();
    const handle = browserSpawner(() => fake)();
    const running = handle.run(job);
    await new Promise((r) => setTimeout(r, 0));
    const request = fake.posted[0] as { id: string };
    const reply = new MessageEvent('message', { data: { id: request.id, type: 'RAW', value: { index: 7 } } });
    fake.dispatchEvent(reply);
    await expect(running).resolves.toEqual({ index: 7 });
    await handle.terminate();
    expect(fake.terminated).toBe(true);
  });
});
