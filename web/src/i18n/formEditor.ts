/**
 * form-js's editor in the app's language (issue 14.1). form-js has no translate service yet
 * (bpmn-io/form-js#77: palette, context pad and properties panel untranslated), so the texts are
 * replaced through what the editor does expose, as an additional module:
 * - the palette's entry names: each form field is registered again under its type with the same
 *   renderer and a config whose `name` is translated (FormFields.register, as for custom fields);
 * - the properties panel: a provider that runs after form-js's own translates each group's label
 *   and the labels, descriptions and tooltips its entries render;
 * - the palette's fixed texts (group titles, heading, search), which form-js writes as literals:
 *   `translatePalette` rewrites them in the DOM whenever the palette renders them.
 * Unknown texts pass through unchanged; in English nothing is replaced.
 */
import i18next from 'i18next';

const SV: Record<string, string> = {
  // the palette: field types
  'Text field': 'Textfält',
  'Text area': 'Textområde',
  Number: 'Tal',
  'Date time': 'Datum och tid',
  Expression: 'Uttryck',
  'File picker': 'Filväljare',
  Checkbox: 'Kryssruta',
  'Checkbox group': 'Kryssrutor',
  'Radio group': 'Radioknappar',
  Select: 'Rullista',
  'Tag list': 'Taggar',
  'Text view': 'Text',
  'HTML view': 'HTML',
  'Image view': 'Bild',
  Table: 'Tabell',
  iFrame: 'Inbäddad sida',
  'Document preview': 'Dokumentvisning',
  Spacer: 'Mellanrum',
  Separator: 'Avdelare',
  Group: 'Grupp',
  'Dynamic list': 'Dynamisk lista',
  Button: 'Knapp',
  // the palette: groups and fixed texts
  Input: 'Inmatning',
  Selection: 'Val',
  Presentation: 'Presentation',
  Containers: 'Behållare',
  Action: 'Åtgärd',
  Components: 'Komponenter',
  'Search components': 'Sök komponenter',
  'Clear content': 'Töm sökningen',
  'No components found.': 'Inga komponenter hittades.',
  // the properties panel: groups
  General: 'Allmänt',
  Condition: 'Villkor',
  Validation: 'Validering',
  Layout: 'Layout',
  Appearance: 'Utseende',
  Serialization: 'Lagring',
  Constraints: 'Begränsningar',
  'Options source': 'Alternativens källa',
  'Static options': 'Fasta alternativ',
  'Dynamic options': 'Dynamiska alternativ',
  'Custom properties': 'Egna egenskaper',
  'Security attributes': 'Säkerhetsattribut',
  'Form submission': 'Inskickning',
  // the properties panel: entries
  'Field label': 'Fältets etikett',
  'Group label': 'Gruppens etikett',
  'Table label': 'Tabellens etikett',
  'Date label': 'Etikett för datum',
  'Time label': 'Etikett för tid',
  'Field description': 'Fältets beskrivning',
  Key: 'Nyckel',
  'Binds to a form variable': 'Kopplas till en variabel i formuläret',
  ID: 'Id',
  Label: 'Etikett',
  Value: 'Värde',
  Text: 'Text',
  Type: 'Typ',
  Path: 'Sökväg',
  'Default value': 'Standardvärde',
  'Hide if': 'Dölj om',
  'Deactivate if': 'Inaktivera om',
  Required: 'Obligatoriskt',
  'Read only': 'Skrivskyddat',
  Disabled: 'Inaktiverat',
  'Minimum length': 'Minsta längd',
  'Maximum length': 'Största längd',
  Minimum: 'Minsta värde',
  Maximum: 'Största värde',
  'Validation pattern': 'Mönster',
  'Custom regular expression': 'Eget reguljärt uttryck',
  'Custom error message': 'Eget felmeddelande',
  Email: 'E-post',
  Phone: 'Telefon',
  Custom: 'Eget',
  Columns: 'Kolumner',
  Auto: 'Automatiskt',
  Prefix: 'Prefix',
  Suffix: 'Suffix',
  Increment: 'Steg',
  'Decimal digits': 'Decimaler',
  Searchable: 'Sökbar',
  Checked: 'Ikryssad',
  'Not checked': 'Inte ikryssad',
  Subtype: 'Undertyp',
  'Use 24h': '24-timmarsklocka',
  'Time format': 'Tidsformat',
  'Time interval': 'Tidsintervall',
  'Disallow past dates': 'Tillåt inte passerade datum',
  'Options expression': 'Uttryck för alternativen',
  'Input values key': 'Nyckel för alternativen',
  Content: 'Innehåll',
  Height: 'Höjd',
  'Alternative text': 'Alternativ text',
  'Image source': 'Bildkälla',
  'Show outline': 'Visa ram',
  'Vertical alignment': 'Vertikal justering',
  Top: 'Överkant',
  Center: 'Mitten',
  Bottom: 'Nederkant',
  'List of items': 'Lista med objekt',
  'Default number of items': 'Antal objekt från början',
  'Allow add/delete items': 'Tillåt att objekt läggs till och tas bort',
  'Disable collapse': 'Kan inte fällas ihop',
  'Number of non-collapsing items': 'Objekt som alltid visas',
  Submit: 'Skicka',
  Reset: 'Återställ',
  '<none>': '<ingen>',
};

/** A text in the app's language (Swedish from SV; otherwise as form-js has it). */
function tr(text: string): string {
  return i18next.language === 'sv' ? (SV[text] ?? text) : text;
}

/** The props of a rendered entry that people read. */
const READ = ['label', 'description', 'tooltip', 'title', 'placeholder'] as const;

interface VNode {
  props?: Record<string, unknown> & { children?: unknown };
}

/** Translates, in place, the read texts of a rendered entry's element tree (fresh at each render). */
function translateTree(node: unknown, depth = 0): unknown {
  if (depth > 12 || node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) {
    for (const child of node) translateTree(child, depth + 1);
    return node;
  }
  const props = (node as VNode).props;
  if (!props) return node;
  for (const key of READ) if (typeof props[key] === 'string') props[key] = tr(props[key]);
  // an entry's description element: its text is `value` beside `forId` (never a field's value, which has no forId)
  if ('forId' in props && typeof props.value === 'string') props.value = tr(props.value);
  if (typeof props.children === 'string') props.children = tr(props.children);
  else translateTree(props.children, depth + 1);
  return node;
}

type Component = (props: unknown) => unknown;
interface FormField {
  (props: unknown): unknown;
  config: { name?: string; label?: string };
}
interface FormFields {
  _formFields: Record<string, FormField>;
  register(type: string, field: FormField): void;
}
interface PanelGroup {
  label?: string;
  entries?: { component?: Component }[];
}

/** The module's service: the palette's names, and the properties panel's provider. */
class KvhFormTranslate {
  static $inject = ['formFields', 'propertiesPanel'];
  private readonly wrapped = new WeakMap<Component, Component>();

  constructor(formFields: FormFields, propertiesPanel: { registerProvider(provider: object, priority: number): void }) {
    if (i18next.language !== 'sv') return;
    for (const [type, field] of Object.entries(formFields._formFields)) {
      const name = field.config.name ?? field.config.label;
      if (!name || tr(name) === name) continue;
      const translated = ((props: unknown) => field(props)) as FormField;
      translated.config = { ...field.config, name: tr(name) };
      formFields.register(type, translated);
    }
    // after form-js's own provider (priority 1000): it sees the groups that one made
    propertiesPanel.registerProvider(this, 1);
  }

  getGroups() {
    return (groups: PanelGroup[]) => {
      for (const g of groups) {
        if (g.label) g.label = tr(g.label);
        for (const e of g.entries ?? []) if (e.component) e.component = this.wrap(e.component);
      }
      return groups;
    };
  }

  /** The entry's component, rendering its texts translated (one wrapper per component, so it keeps its state). */
  private wrap(component: Component): Component {
    let w = this.wrapped.get(component);
    if (!w) {
      w = (props: unknown) => translateTree(component(props));
      this.wrapped.set(component, w);
      this.wrapped.set(w, w);
    }
    return w;
  }
}

/** Pass in `additionalModules` of form-js's FormEditor. */
export const formEditorTranslateModule = { __init__: ['kvhFormTranslate'], kvhFormTranslate: ['type', KvhFormTranslate] };

/** The palette's fixed texts, rewritten in `root` now and whenever form-js renders them again; returns the stop. */
export function translatePalette(root: HTMLElement): () => void {
  if (i18next.language !== 'sv') return () => undefined;
  const apply = () => {
    for (const el of root.querySelectorAll<HTMLElement>('.fjs-palette-group-title, .fjs-palette-header, .fjs-palette-no-entries')) {
      // the text node preact made, changed in place: a new node would be added beside it at the next render
      for (const node of el.childNodes) if (node instanceof Text && tr(node.data) !== node.data) node.data = tr(node.data);
      if (el.title && tr(el.title) !== el.title) el.title = tr(el.title);
    }
    for (const el of root.querySelectorAll<HTMLInputElement>('input.fjs-palette-search'))
      if (tr(el.placeholder) !== el.placeholder) el.placeholder = tr(el.placeholder);
    for (const el of root.querySelectorAll<HTMLElement>('.fjs-palette-search-clear')) if (tr(el.title) !== el.title) el.title = tr(el.title);
  };
  apply();
  const observer = new MutationObserver(apply);
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}
