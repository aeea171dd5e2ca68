/**
 * A bpmnlint resolver that works from ESM and tsx: bpmnlint's NodeResolver looks packages up
 * relative to the working directory with `require`, which breaks under test runners and
 * bundlers. Here the three packages we use are resolved explicitly: bpmnlint's own rules and
 * configs, bpmnlint-plugin-camunda-compat, and our local plugin `kvh` (rules/).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { LintConfig, Resolver, RuleFactory } from './bpmnlintTypes.js';
import { kvhPlugin } from './rules/index.js';

const require = createRequire(import.meta.url);

const CAMUNDA_COMPAT = 'bpmnlint-plugin-camunda-compat';
const KVH = 'bpmnlint-plugin-kvh';

interface CompatPlugin {
  rules: Record<string, string>;
  configs: Record<string, LintConfig>;
}

function loadCompat(): CompatPlugin {
  return require(CAMUNDA_COMPAT) as CompatPlugin;
}

function resolveCompatRule(ruleName: string): RuleFactory {
  const plugin = loadCompat();
  const target = plugin.rules[ruleName];
  if (!target) throw new Error(`unknown rule <${CAMUNDA_COMPAT}/${ruleName}>`);
  if (!target.startsWith('.')) return require(target) as RuleFactory;
  const pkgDir = path.dirname(require.resolve(CAMUNDA_COMPAT));
  return require(path.join(pkgDir, target)) as RuleFactory;
}

/** The resolver handed to bpmnlint's Linter. */
export const lintResolver: Resolver = {
  resolveRule(pkg: string, ruleName: string): RuleFactory {
    if (pkg === 'bpmnlint') return require(`bpmnlint/rules/${ruleName}`) as RuleFactory;
    if (pkg === CAMUNDA_COMPAT) return resolveCompatRule(ruleName);
    if (pkg === KVH) {
      const rule = kvhPlugin.rules[ruleName];
      if (!rule) throw new Error(`unknown rule <${KVH}/${ruleName}>`);
      return rule;
    }
    throw new Error(`unknown lint package <${pkg}>`);
  },
  resolveConfig(pkg: string, configName: string): LintConfig {
    let config: LintConfig | undefined;
    if (pkg === 'bpmnlint') config = require(`bpmnlint/config/${configName}`) as LintConfig;
    else if (pkg === CAMUNDA_COMPAT) config = loadCompat().configs[configName];
    else if (pkg === KVH) config = kvhPlugin.configs[configName];
    if (!config) throw new Error(`unknown lint config <${pkg}:${configName}>`);
    return config;
  },
};
