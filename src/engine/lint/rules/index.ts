/**
 * Our local bpmnlint plugin (`kvh`): the subset of the Zeebe dialect the embedded engine runs.
 * Registered through the custom resolver (../resolver.ts), not through node_modules.
 */
import type { LintConfig, RuleFactory } from '../bpmnlintTypes.js';
import supportedElement from './supportedElement.js';
import supportedEvent from './supportedEvent.js';
import linkEvent from './linkEvent.js';
import uniqueCatchCode from './uniqueCatchCode.js';
import supportedBinding from './supportedBinding.js';
import timerValue from './timerValue.js';
import supportedTaskExtension from './supportedTaskExtension.js';
import feelSupported from './feelSupported.js';

/** The plugin: rules by name and the `embedded` config (`plugin:kvh/embedded`). */
export const kvhPlugin: { rules: Record<string, RuleFactory>; configs: Record<string, LintConfig> } = {
  rules: {
    'supported-element': supportedElement,
    'supported-event': supportedEvent,
    'link-event': linkEvent,
    'unique-catch-code': uniqueCatchCode,
    'supported-binding': supportedBinding,
    'timer-value': timerValue,
    'supported-task-extension': supportedTaskExtension,
    'feel-supported': feelSupported,
  },
  configs: {
    embedded: {
      rules: {
        'supported-element': 'error',
        'supported-event': 'error',
        'link-event': 'error',
        'unique-catch-code': 'error',
        'supported-binding': 'error',
        'timer-value': 'error',
        'supported-task-extension': 'error',
        'feel-supported': 'error',
      },
    },
  },
};
