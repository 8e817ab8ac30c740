// Items grouped by region with a counting sort (stable: index order within a region), so that a
// process can draw a random firm (or research organisation) of a region in O(1) after an O(n)
// pass, never scanning for one.

/** The items of region r are members[start[r] .. start[r + 1]). */
export interface RegionGroups {
  start: Int32Array;
  members: Int32Array;
}

/**
 * Groups items 0..count−1 by `regionOf[i]` over R regions. Pass the previous groups as `into`
 * to reuse their arrays when they are large enough.
 */
export function groupByRegion(regionOf: ArrayLike<number>, count: number, R: number, into?: RegionGroups): RegionGroups {
  const start = into && into.start.length >= R + 1 ? into.start : new Int32Array(R + 1);
  // Reused arrays grow by doubling, so a growing population does not reallocate every tick.
  const members = into && into.members.length >= count ? into.members : new Int32Array(into ? Math.max(count, 2 * into.members.length) : count);
  start.fill(0, 0, R + 1);
  for (let i = 0; i < count; i++) start[regionOf[i] + 1]++;
  for (let r = 0; r < R; r++) start[r + 1] += start[r];
  const fill = start.slice(0, R);
  for (let i = 0; i < count; i++) members[fill[regionOf[i]]++] = i;
  return { start, members };
}
