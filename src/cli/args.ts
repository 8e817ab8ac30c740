// Option parsers. They throw commander's InvalidArgumentError, which commander reports as a
// usage error (exit code 2), naming the option and the value.
import { InvalidArgumentError } from 'commander';
import { parseDecimal } from '../io/format.ts';

/** An integer option value, written in decimal digits, within [min, max]. */
export function integerOption(min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  return (text: string): number => {
    // Number('') is 0 and Number('1e3') is 1000: only plain digits are accepted.
    if (!/^[+-]?\d+$/.test(text.trim())) throw new InvalidArgumentError('expected an integer.');
    const n = Number(text);
    if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('integer out of range.');
    if (n < min) throw new InvalidArgumentError(`expected an integer ≥ ${min}.`);
    if (n > max) throw new InvalidArgumentError(`expected an integer ≤ ${max}.`);
    return n;
  };
}

/** A decimal number option value (e.g. 0.5, 1e-3). */
export function numberOption() {
  return (text: string): number => {
    const x = parseDecimal(text.trim());
    if (Number.isNaN(x)) throw new InvalidArgumentError('expected a number.');
    return x;
  };
}
