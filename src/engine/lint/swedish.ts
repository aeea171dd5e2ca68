/**
 * Swedish messages for the rules we do not write ourselves (bpmnlint's correctness rules,
 * bpmnlint-plugin-camunda-compat, the parser): the modeler's lint panel and the deployment's
 * refusal speak the user's language. Our own rules (rules/) and the form checks already report
 * in Swedish. Rule ids stay as they are; a message no pattern knows is kept as the rule gave it.
 */

/** bpmnlint's fixed messages, word for word. */
const EXACT: Readonly<Record<string, string>> = {
  'A <Sequence Flow> outgoing from an <Event-based Gateway> must not be conditional':
    'Ett sekvensflöde från en händelsebaserad gateway får inte ha något villkor',
  'An <Event-based Gateway> must have at least 2 outgoing <Sequence Flows>': 'En händelsebaserad gateway måste ha minst två utgående sekvensflöden',
  'Conditional event is missing a condition': 'Villkorshändelsen saknar villkor',
  'Duplicate incoming sequence flows': 'Dubbla inkommande sekvensflöden',
  'Duplicate outgoing sequence flows': 'Dubbla utgående sekvensflöden',
  'Element is an implicit end': 'Elementet slutar flödet utan sluthändelse',
  'Element is an implicit start': 'Elementet startar flödet utan starthändelse',
  'Element is missing bpmndi': 'Elementet saknas i diagrammet (bpmndi)',
  'Element is missing label/name': 'Elementet saknar namn',
  'Element is missing name': 'Elementet saknar namn',
  'Element is not connected': 'Elementet är inte kopplat till flödet',
  'Element is outside of parent boundary': 'Elementet ligger utanför sin förälders gräns',
  'Element is unused': 'Elementet används inte',
  'Element name is not unique': 'Elementets namn är inte unikt',
  'Element overlaps with other element': 'Elementet överlappar ett annat element',
  'Event has multiple event definitions': 'Händelsen har flera händelsedefinitioner',
  'Flow splits implicitly': 'Flödet delas utan gateway',
  'Gateway forks and joins': 'Gatewayen både delar och sammanför flöden',
  'Gateway is superfluous. It only has one source and target.': 'Gatewayen är överflödig: den har bara ett in- och ett utflöde',
  'Incoming flows do not join': 'De inkommande flödena sammanförs inte',
  'Link event is missing link name': 'Länkhändelsen saknar länknamn',
  'Sequence flow has superfluous label': 'Sekvensflödet har en överflödig etikett',
  'Sequence flow is missing condition': 'Sekvensflödet saknar villkor',
  'SequenceFlow is a duplicate': 'Sekvensflödet är en dubblett',
  'Start event is missing event definition': 'Starthändelsen saknar händelsedefinition',
  'Start event must be blank': 'Starthändelsen ska vara tom (utan händelsedefinition)',
  'Termination is superfluous.': 'Avslutningen är överflödig',
  'The document is empty': 'Dokumentet är tomt',
  'DOCTYPE and entity declarations are not allowed in BPMN documents': 'DOCTYPE- och entitetsdeklarationer är inte tillåtna i BPMN-dokument',
  'Embedded forms on start events are deprecated; use a linked form instead':
    'Inbäddade formulär på starthändelser är föråldrade; länka ett formulär i stället',
};

/** Patterns of the parameterised messages (camunda-compat's element checks, the parser's warnings); `$n` are the captured names. */
const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^Element of type <([^>]+)> must have property <([^>]+)> if it has property <([^>]+)>$/, 'Element av typen <$1> måste ha egenskapen <$2> när det har <$3>'],
  [
    /^Element of type <([^>]+)> without property <([^>]+)> only allowed by Camunda (.+) or newer$/,
    'Element av typen <$1> utan egenskapen <$2> tillåts först i Camunda $3',
  ],
  [/^Element of type <([^>]+)> must have property (.+)$/, 'Element av typen <$1> måste ha egenskapen $2'],
  [/^Element of type <([^>]+)> must have one extension element of type (.+)$/, 'Element av typen <$1> måste ha ett tilläggselement av typen $2'],
  [
    /^Element of type <([^>]+)> must have one property <incoming> of type <bpmn:SequenceFlow>$/,
    'Element av typen <$1> måste ha exakt ett inkommande sekvensflöde',
  ],
  [/^Element of type <([^>]+)> not supported by Camunda (.+)$/, 'Element av typen <$1> stöds inte av Camunda $2'],
  [/^Element of type <([^>]+)> only supported by Camunda (.+) or newer$/, 'Element av typen <$1> stöds först i Camunda $2'],
  [/^Element of type <([^>]+)> not allowed$/, 'Element av typen <$1> är inte tillåtet'],
  [/^Element type <([^>]+)> is discouraged$/, 'Elementtypen <$1> bör undvikas'],
  [/^Property <([^>]+)> of type <([^>]+)> only allowed by Camunda (.+) or newer$/, 'Egenskapen <$1> av typen <$2> tillåts först i Camunda $3'],
  [/^Property <([^>]+)> of type <([^>]+)> not allowed$/, 'Egenskapen <$1> av typen <$2> är inte tillåten'],
  [/^Property <([^>]+)> must have value of <(.+)>$/, 'Egenskapen <$1> måste ha värdet <$2>'],
  [/^Property <([^>]+)> must have expression value$/, 'Egenskapen <$1> måste vara ett uttryck (börja med =)'],
  [/^Property <([^>]+)> is not a valid FEEL expression$/, 'Egenskapen <$1> är inte ett giltigt FEEL-uttryck'],
  [/^Property <([^>]+)> only allowed by Camunda (.+) or newer$/, 'Egenskapen <$1> tillåts först i Camunda $2'],
  [/^Property <([^>]+)> not allowed$/, 'Egenskapen <$1> är inte tillåten'],
  [/^Property value of <(.+)> only allowed by Camunda (.+) or newer$/, 'Värdet <$1> tillåts först i Camunda $2'],
  [/^Property value of <(.+)> not allowed$/, 'Värdet <$1> är inte tillåtet'],
  [/^Extension element of type <([^>]+)> only allowed by Camunda (.+)$/, 'Tilläggselement av typen <$1> tillåts först i Camunda $2'],
  [/^Extension element of type <([^>]+)> not allowed$/, 'Tilläggselement av typen <$1> är inte tillåtet'],
  [/^Expression value of <(.+)> only allowed by Camunda (.+)$/, 'Uttrycket <$1> tillåts först i Camunda $2'],
  [/^Expression value of <(.+)> not allowed$/, 'Uttrycket <$1> är inte tillåtet'],
  [
    /^Properties of type <([^>]+)> have property <([^>]+)> with duplicate value of <(.+)>$/,
    'Egenskaper av typen <$1> har egenskapen <$2> med dubblettvärdet <$3>',
  ],
  [/^Loop detected: (.+)$/, 'Oändlig slinga: $1'],
  [/^A <([^>]+)> must be expanded$/, 'En <$1> måste vara utfälld'],
  [/^FEEL function <([^>]+)> requires Camunda (.+)$/, 'FEEL-funktionen <$1> kräver Camunda $2'],
  [/^Duplicate link catch event with link name <(.+)> in scope$/, 'Två fångande länkhändelser med länknamnet <$1> i samma omfång'],
  [/^Link (catch|throw) event with link name <(.+)> missing in scope$/, 'Länkhändelse med länknamnet <$2> saknas i omfånget'],
  [/^Unknown element <([^>]+)> in the model(.*)$/, 'Okänt element <$1> i modellen$2'],
  [/^Unknown content in the model(.*)$/, 'Okänt innehåll i modellen$1'],
  [/^unresolved reference <(.+)>$/, 'olöst referens <$1>'],
  [/^The document is not valid BPMN XML(.*)$/, 'Dokumentet är inte giltig BPMN-XML$1'],
];

/** Word choices inside a translated message (the parser's position, the list joiners of camunda-compat). */
const fixWords = (s: string) =>
  s.replace(/\(line (\d+), column (\d+)\)/, '(rad $1, kolumn $2)').replace(/> (or|and) </g, (_m, w: string) => `> ${w === 'or' ? 'eller' : 'och'} <`);

/** The Swedish message of a lint problem (the message itself when no translation is known). */
export function swedishMessage(message: string): string {
  const exact = EXACT[message];
  if (exact) return exact;
  for (const [pattern, sv] of PATTERNS) if (pattern.test(message)) return fixWords(message.replace(pattern, sv));
  return message;
}
