import { describe, expect, it } from 'vitest';
import { createEventLog, createFirmLedger, EVENT, logEvent, recordExit } from '../../src/engine/log.ts';
import { addFirm, createFirms, KIND, ROLE } from '../../src/engine/firms.ts';

describe('event log and ledger', () => {
  it('grow past their initial capacity and keep every entry', () => {
    const log = createEventLog(true, 4);
    for (let k = 0; k < 1000; k++) logEvent(log, k, EVENT.spinoff, k, k - 1, k % 3, k % 12, k / 10, k + 0.5);
    expect(log.count).toBe(1000);
    expect(log.tick.length).toBeGreaterThanOrEqual(1000);
    for (const k of [0, 3, 4, 511, 999]) {
      expect([log.tick[k], log.firm[k], log.parent[k], log.region[k], log.segment[k]]).toEqual([k, k, k - 1, k % 3, k % 12]);
      expect(log.capability[k]).toBe(k / 10);
      expect(log.employees[k]).toBe(k + 0.5);
    }
  });

  it('the ledger records an exited firm with its kind, role and tick of death', () => {
    const firms = createFirms(2);
    const ledger = createFirmLedger(true, 1);
    for (let k = 0; k < 5; k++) {
      const i = addFirm(firms, {
        parent: k - 1, kind: KIND.spinoff, role: ROLE.supplier, champion: false, region: 1, segment: k,
        birth: k, capability: 1 + k, employees: 10 + k, cash: 0, rd: 0,
      });
      recordExit(ledger, firms, i, 100 + k);
    }
    expect(ledger.count).toBe(5);
    expect(Array.from(ledger.id.subarray(0, 5))).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(ledger.role.subarray(0, 5))).toEqual([2, 2, 2, 2, 2]);
    expect(Array.from(ledger.death.subarray(0, 5))).toEqual([100, 101, 102, 103, 104]);
    expect(ledger.capability[4]).toBe(5);
  });

  it('records nothing when switched off', () => {
    const log = createEventLog(false);
    logEvent(log, 1, EVENT.entry, 1, -1, 0, 0, 1, 1);
    expect(log.count).toBe(0);
  });
});
