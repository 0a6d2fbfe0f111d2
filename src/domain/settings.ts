/** The lifecycle settings a repository's config implies. */
import type { EpmConfig } from './config.js';
import type { LifecycleSettings } from './state.js';

/** Maps the config onto what the lifecycle reads. */
export function settingsFromConfig(config: EpmConfig): LifecycleSettings {
  return {
    maxRounds: config.loops.maxRounds,
    replanAtCap: config.loops.replanAtCap,
    planGateRetries: config.loops.planGateRetries,
    modelUsdPerExperiment: config.budgets.modelUsdPerExperiment,
    gpuHoursPerExperiment: config.budgets.gpuHoursPerExperiment,
    computeDeviationFactor: config.budgets.computeDeviationFactor,
    wakeMinutes: [...config.monitor.wakeMinutes],
    defaultType: config.defaults.type,
    defaultLane: config.defaults.lane,
  };
}
