/**
 * Detectors that stop runaway loops and runaway compute (DESIGN.md §2,
 * "Bounded loops" and "Monitoring").
 */

/**
 * Whack-a-mole: in the last three fix rounds each round failed on a bug class
 * not seen in any earlier round — three distinct classes in three rounds means
 * fixes are moving the bug around rather than removing it.
 */
export function isWhackAMole(classesPerRound: readonly (readonly string[])[]): boolean {
  if (classesPerRound.length < 3) return false;
  const lastThree = classesPerRound.slice(-3);
  const seen = new Set(classesPerRound.slice(0, -3).flat());
  const distinct = new Set<string>();
  for (const round of lastThree) {
    const fresh = round.filter((c) => !seen.has(c));
    if (fresh.length === 0) return false;
    for (const c of round) {
      seen.add(c);
      distinct.add(c);
    }
  }
  return distinct.size >= 3;
}

/** What the compute-deviation detector found. */
export interface ComputeProjection {
  /** GPU-hours the run is projected to use in total. */
  projectedGpuHours: number;
  /** True when the projection exceeds `factor` × planned. */
  deviates: boolean;
}

/**
 * Projects total GPU-hours from the hours used so far and the fraction of work
 * done (when the run reports progress); without progress, only hours already
 * used count. A plan of 0 GPU-hours deviates as soon as any GPU time is used.
 */
export function projectCompute(
  plannedGpuHours: number,
  usedGpuHours: number,
  progress: number | undefined,
  factor: number,
): ComputeProjection {
  const projectedGpuHours = progress !== undefined && progress > 0 ? usedGpuHours / Math.min(progress, 1) : usedGpuHours;
  return { projectedGpuHours, deviates: projectedGpuHours > factor * plannedGpuHours };
}

/**
 * When the experimenter should next be woken without a finding: wakes come at
 * growing intervals after launch (e.g. 5, 10, 20, 40 min, the last repeating).
 * Returns the time of wake number `wakesDone + 1`.
 */
export function nextWakeAt(launchedAt: Date, wakesDone: number, wakeMinutes: readonly number[]): Date {
  let minutes = 0;
  for (let i = 0; i <= wakesDone; i++) {
    minutes += wakeMinutes[Math.min(i, wakeMinutes.length - 1)] ?? 5;
  }
  return new Date(launchedAt.getTime() + minutes * 60_000);
}
