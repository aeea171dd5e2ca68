/**
 * Importing a BPMN file from another tool (2c8, a Visio export, Camunda Modeler) as a process
 * model of ours (issue 14 point 3). The file is parsed with bpmn-moddle (the Zeebe extensions
 * known); what is not BPMN is refused with a 422 that says why and never quotes the file. What
 * the engine and the modeler do not know is stripped: attributes and extension elements of
 * foreign namespaces (a drawing tool's colours and properties, Camunda 7's `camunda:`
 * extensions); the BPMN itself — activities, lanes, documentation, flows and the diagram — is
 * kept. The file must hold one process with content; it gets the id of the process it becomes
 * and is marked executable for the parser (whether the engine may run it is the process
 * record's `executable` flag and the deployment lint, not this attribute).
 */
import { AppError } from '../../errors.js';
import { getModdle, hasDoctypeOrEntities } from '../../engine/lint/index.js';
import { parseBpmn } from '../../engine/model.js';

/** A file that is not a BPMN model we can use (422: the request was well-formed; its file is not). */
class ImportRefused extends AppError {
  readonly status = 422;
  readonly type = 'bpmn-unreadable';
}

/** The namespaces we keep: BPMN, its diagram interchange, Zeebe's extensions and XML Schema instance. */
const KNOWN_NAMESPACES = new Set([
  'http://www.omg.org/spec/BPMN/20100524/MODEL',
  'http://www.omg.org/spec/BPMN/20100524/DI',
  'http://www.omg.org/spec/DD/20100524/DC',
  'http://www.omg.org/spec/DD/20100524/DI',
  'http://camunda.org/schema/zeebe/1.0',
  'http://www.w3.org/2001/XMLSchema-instance',
]);

/** The largest file we import, in characters (the API's body limit is 1 MB). */
const IMPORT_MAX_CHARS = 1_000_000;

export interface ImportResult {
  /** The model as it is stored: foreign extensions stripped, the process renamed to its id here. */
  xml: string;
  /** The process's name in the file (or its pool's), if it has one. */
  name: string | null;
  /** Attributes and extension elements of foreign namespaces that were removed. */
  strippedAttributes: number;
  strippedExtensions: number;
  /** The foreign namespaces the file declared (their URIs). */
  foreignNamespaces: string[];
  /** Whether the file has a diagram (shapes) to draw. */
  hasDiagram: boolean;
  /** How many activities the process has. */
  activities: number;
}

type Node = Record<string, unknown> & { $type?: string; $attrs?: Record<string, string>; $descriptor?: { isGeneric?: boolean } };

const refuse = (detail: string, message: string) => new ImportRefused(detail, [{ field: 'xml', message }]);

/** Strips foreign attributes and extension elements throughout the model (counting them). */
function strip(root: Node, foreign: Set<string>, prefixOf: Map<string, string>) {
  const seen = new Set<unknown>();
  let attributes = 0;
  let extensions = 0;
  const visit = (n: unknown): void => {
    if (!n || typeof n !== 'object' || seen.has(n)) return;
    seen.add(n);
    if (Array.isArray(n)) return n.forEach(visit);
    const node = n as Node;
    for (const key of Object.keys(node.$attrs ?? {})) {
      const colon = key.indexOf(':');
      const prefix = colon < 0 ? '' : key.slice(0, colon);
      const uri = prefix === 'xmlns' ? node.$attrs![key] : prefixOf.get(prefix);
      if (uri !== undefined && (prefix === 'xmlns' ? foreign.has(uri) : !KNOWN_NAMESPACES.has(uri))) {
        delete node.$attrs![key];
        if (prefix !== 'xmlns') attributes++;
      }
    }
    const ext = node.extensionElements as { values?: Node[] } | undefined;
    if (ext?.values) {
      const kept = ext.values.filter((v) => !v.$descriptor?.isGeneric);
      extensions += ext.values.length - kept.length;
      ext.values = kept;
      if (!kept.length) node.extensionElements = undefined;
    }
    for (const [k, v] of Object.entries(node)) if (!k.startsWith('$')) visit(v);
  };
  visit(root);
  return { attributes, extensions };
}

/** Parses, checks and cleans an uploaded BPMN file for the process `processId` (422 when it is not a usable BPMN model). */
export async function importBpmn(xml: string, processId: string): Promise<ImportResult> {
  if (xml.length > IMPORT_MAX_CHARS) throw refuse('Filen är för stor', `högst ${IMPORT_MAX_CHARS} tecken`);
  if (hasDoctypeOrEntities(xml)) throw refuse('XML med DOCTYPE eller entiteter tillåts inte', 'DOCTYPE/ENTITY är inte tillåtet');
  const moddle = (await getModdle()) as unknown as {
    fromXML(xml: string, type: string): Promise<{ rootElement: Node; warnings: unknown[] }>;
    toXML(e: Node, o: { format: boolean }): Promise<{ xml: string }>;
  };
  let root: Node;
  try {
    root = (await moddle.fromXML(xml, 'bpmn:Definitions')).rootElement;
  } catch {
    throw refuse('Filen är inte en BPMN-modell', 'filen är inte BPMN 2.0 XML (bpmn:definitions)');
  }
  if (root.$type !== 'bpmn:Definitions') throw refuse('Filen är inte en BPMN-modell', 'filen är inte BPMN 2.0 XML (bpmn:definitions)');
  const rootElements = (root.rootElements as Node[] | undefined) ?? [];
  const processes = rootElements.filter((e) => e.$type === 'bpmn:Process' && ((e.flowElements as unknown[] | undefined)?.length ?? 0) > 0);
  if (!processes.length) throw refuse('Modellen innehåller ingen process', 'filen har ingen process med aktiviteter');
  if (processes.length > 1) throw refuse('Modellen innehåller flera processer', 'importera en process i taget (en pool med innehåll)');
  const process = processes[0]!;

  const prefixOf = new Map<string, string>();
  for (const [k, v] of Object.entries(root.$attrs ?? {})) if (k.startsWith('xmlns:')) prefixOf.set(k.slice(6), v);
  const foreign = new Set([...prefixOf.values()].filter((uri) => !KNOWN_NAMESPACES.has(uri)));
  const { attributes, extensions } = strip(root, foreign, prefixOf);

  const pool = rootElements
    .filter((e) => e.$type === 'bpmn:Collaboration')
    .flatMap((c) => (c.participants as Node[] | undefined) ?? [])
    .find((p) => p.processRef === process);
  const name = ((process.name as string | undefined) ?? (pool?.name as string | undefined) ?? '').trim() || null;
  process.id = processId;
  process.isExecutable = true;
  if (name && !process.name) process.name = name;
  const out = (await moddle.toXML(root, { format: true })).xml;

  const model = (await parseBpmn(out).catch(() => [])).find((m) => m.processId === processId);
  if (!model) throw refuse('Modellen går inte att läsa', 'processen kunde inte läsas efter importen');
  const activities = [...model.elements.values()].filter((e) => /task$|^callActivity$|^subProcess$/i.test(e.type)).length;
  const diagrams = (root.diagrams as Node[] | undefined) ?? [];
  const hasDiagram = diagrams.some((d) => (((d.plane as Node | undefined)?.planeElement as unknown[] | undefined)?.length ?? 0) > 0);
  return { xml: out, name, strippedAttributes: attributes, strippedExtensions: extensions, foreignNamespaces: [...foreign].sort(), hasDiagram, activities };
}
