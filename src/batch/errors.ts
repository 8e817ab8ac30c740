// A batch the user asked for that cannot go ahead (an output folder holding another batch, shards
// that do not fit together, missing jobs): the CLI prints the message and exits with code 1.
export class BatchError extends Error {
  override readonly name = 'BatchError';
}
