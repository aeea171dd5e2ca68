/** The BPMN models the concurrency suite runs (built with the conformance suite's builder). */
import {
  boundary,
  script,
  xor,
  call,
  catchEvent,
  chain,
  end,
  message,
  messageDef,
  model,
  service,
  start,
  timerCycle,
  timerDate,
  user,
} from '../../test/conformance/bpmn.js';

/** A waiting user task with a non-interrupting cycle timer that runs a service task every second. */
export const cycleModel = model(
  'conc-cycle',
  [start('s'), user('wait'), end('e'), boundary('tick', 'wait', timerCycle('R/PT1S'), false), service('work', 'conc-tick'), end('e2')],
  [...chain('s', 'wait', 'e'), ...chain('tick', 'work', 'e2')],
);

/** A timer date catch event at the instance's variable `due`. */
export const dateModel = model('conc-date', [start('s'), catchEvent('at', timerDate('=date and time(due)')), end('e')], chain('s', 'at', 'e'));

/** Timer start events: a bounded cycle (4 firings) and one date. */
export function timerStartModels(dateIso: string): string[] {
  return [
    model('conc-tstart-cycle', [start('s', timerCycle('R4/PT1S')), end('e')], chain('s', 'e')),
    model('conc-tstart-date', [start('s', timerDate(dateIso)), end('e')], chain('s', 'e')),
  ];
}

/** A message catch event right after the start: the subscription opens in the start's transaction. */
export const messageModel = model(
  'conc-msg',
  [start('s'), catchEvent('wait', messageDef('m')), end('e')],
  chain('s', 'wait', 'e'),
  message('m', 'conc-go', '=corr'),
);

/** One service task. */
export const jobModel = model('conc-jobs', [start('s'), service('work', 'conc-job'), end('e')], chain('s', 'work', 'e'));

/** One user task. */
export const userModel = model('conc-user', [start('s'), user('task'), end('e')], chain('s', 'task', 'e'));

/** A call activity whose child runs a service task. */
export const callModels = [
  model('conc-parent', [start('s'), call('c', 'conc-child'), end('e')], chain('s', 'c', 'e')),
  model('conc-child', [start('s'), service('work', 'conc-job'), end('e')], chain('s', 'work', 'e')),
];

/** A loop without a wait state (script task and gateway): the command's activation bound must end it in an incident. */
export const loopModel = model(
  'conc-loop',
  [start('s'), xor('merge'), script('inc', '=i + 1', 'i'), xor('gw'), end('e')],
  [
    ['s', 'merge'],
    ['merge', 'inc'],
    ['inc', 'gw'],
    ['gw', 'merge', '=i < 1000000000'],
    ['gw', 'e', undefined, true],
  ],
);
