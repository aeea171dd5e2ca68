/**
 * bpmn-js's translate module in the app's language: the viewer's own texts (and a modeler's,
 * when process owners edit) come from here. Unknown texts pass through unchanged.
 */
import i18next from 'i18next';

const SV: Record<string, string> = {
  'Activate the hand tool': 'Aktivera handverktyget',
  'Activate the lasso tool': 'Aktivera lassoverktyget',
  'Activate the create/remove space tool': 'Skapa eller ta bort utrymme',
  'Activate the global connect tool': 'Aktivera kopplingsverktyget',
  'Append {type}': 'Lägg till {type}',
  'Change type': 'Byt typ',
  'Connect using Sequence/MessageFlow or Association': 'Koppla med sekvensflöde, meddelandeflöde eller association',
  'Create StartEvent': 'Skapa starthändelse',
  'Create EndEvent': 'Skapa sluthändelse',
  'Create Task': 'Skapa aktivitet',
  'Create Gateway': 'Skapa gateway',
  'Create expanded SubProcess': 'Skapa utfälld delprocess',
  'Create Pool/Participant': 'Skapa pool',
  Delete: 'Ta bort',
  'Open minimap': 'Öppna översiktskarta',
  'Close minimap': 'Stäng översiktskarta',
  Task: 'Aktivitet',
  'User task': 'Användaruppgift',
  'Service task': 'Tjänsteuppgift',
  'Call activity': 'Anropsaktivitet',
  'Sub-process': 'Delprocess',
  'Start event': 'Starthändelse',
  'End event': 'Sluthändelse',
  'Exclusive gateway': 'Exklusiv gateway',
  'Parallel gateway': 'Parallell gateway',
  'no parent for {element} in {parent}': 'ingen förälder för {element} i {parent}',
  'no shape type specified': 'ingen formtyp angiven',
  'flow elements must be children of pools/participants': 'flödeselement måste ligga i en pool',
  'out of bounds release': 'utanför gränserna',
  'more than {count} child lanes': 'fler än {count} underbanor',
  'element required': 'element krävs',
  'diagram not part of bpmn:Definitions': 'diagrammet ingår inte i bpmn:Definitions',
  'no diagram to display': 'inget diagram att visa',
  'no process or collaboration to display': 'ingen process att visa',
  'element {element} referenced by {referenced}#{property} not yet drawn': 'elementet {element} som {referenced}#{property} hänvisar till är inte ritat än',
  'already rendered {element}': '{element} är redan ritat',
  'failed to import {element}': 'kunde inte läsa in {element}',
};

function translate(template: string, replacements: Record<string, string> = {}): string {
  const text = i18next.language === 'sv' ? (SV[template] ?? template) : template;
  return text.replace(/{([^}]+)}/g, (_, key: string) => replacements[key] ?? `{${key}}`);
}

/** Pass in `additionalModules` of a bpmn-js viewer or modeler. */
export const translateModule = { translate: ['value', translate] };
