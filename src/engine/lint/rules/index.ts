/**
 * Our local bpmnlint plugin (`kvh`): the subset of the Zeebe dialect the embedded engine runs.
 * Registered through the custom resolver (../resolver.ts), not through node_modules.
 */
import type { LintConfig, RuleFactory } from '../bpmnlintTypes.js';
import supportedElement from './supportedElement.js';
import supportedEvent from './supportedEvent.js';
import supportedTaskExtension from './supportedTaskExtension.js';

/** The plugin: rules by name and the `embedded` config (`plugin:kvh/embedded`). */
export const kvhPlugin: { rules: Record<string, RuleFactory>; configs: Record<string, LintConfig> } = {
  rules: {
    'supported-element': supportedElement,
    'supported-event': supportedEvent,
    'supported-task-extension': supportedTaskExtension,
  },
  configs: {
    embedded: {
      rules: {
        'supported-element': 'error',
        'supported-event': 'error',
        'supported-task-extension': 'error',
      },
    },
  },
};
