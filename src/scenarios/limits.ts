// The largest scenario clusterlab accepts, stated once: validation refuses anything beyond these
// with the usual message (file, path, what was expected, what was found) instead of starting a
// run that cannot fit in memory or would not end. A scenario file larger than `fileBytes` is
// refused before it is parsed. (docs/RELIABILITY.md says where each comes from.)
export const LIMITS = {
  /** Bytes of one scenario file: parsing and validating anything up to it takes well under a second. */
  fileBytes: 1024 * 1024,
  /** Ticks of a run: 100,000 ticks are 25,000 years at quarterly ticks. */
  ticks: 100_000,
  /** Initial firms (explicit counts and generated together): the national run has 1,000,000. */
  firms: 10_000_000,
  /** Regions: region columns are 16-bit. */
  regions: 65_535,
  /** Segments on the technology ring. */
  segments: 256,
  /** Promotion organisations: the membership column is 16-bit signed. */
  promotionOrgs: 32_767,
  /** Research organisations, levers and variants: lists a person writes. */
  researchOrgs: 10_000,
  levers: 1_000,
  variants: 1_000,
} as const;
