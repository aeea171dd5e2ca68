/**
 * Settings of our lint rules that come from the configuration (src/config: the composition
 * root calls `configureLint` once at start; tests and the CLI get the defaults).
 */

export interface LintSettings {
  /**
   * The shortest interval a static timer cycle may repeat at, in seconds (TIMER_CYCLE_MIN_SECONDS).
   * A cycle of 0 or 1 s fires as fast as the engine polls, for ever: a load, not a schedule.
   */
  minTimerCycleSeconds: number;
}

/** The defaults, as config declares them. */
export const DEFAULT_LINT_SETTINGS: LintSettings = { minTimerCycleSeconds: 60 };

let current: LintSettings = { ...DEFAULT_LINT_SETTINGS };

/** Sets the lint's settings (from the configuration). */
export function configureLint(settings: Partial<LintSettings>): void {
  current = { ...current, ...settings };
}

/** The settings in force. */
export function lintSettings(): LintSettings {
  return current;
}
