/**
 * The parsed BPMN of deployed definitions, by definition key, for element names and types
 * (history, timelines, the activity list). Parsed with the engines' shared parser; a deployed
 * version never changes, so each is parsed once per service instance.
 */
import { parseBpmn, type ProcessModel } from '../../engine/model.js';
import type { ProcessEngine } from '../../engine/port.js';

/** Parsed process models of deployed definitions, cached by definition key. */
export class DefinitionModels {
  private readonly cache = new Map<string, Promise<ProcessModel | undefined>>();

  constructor(private readonly engine: ProcessEngine) {}

  /** The model of `processId` in the definition `definitionKey` (undefined if the XML lacks it). */
  model(definitionKey: string, processId: string): Promise<ProcessModel | undefined> {
    const cacheKey = `${definitionKey}/${processId}`;
    let m = this.cache.get(cacheKey);
    if (!m) {
      m = this.engine.getProcessDefinitionXml(definitionKey).then(async (xml) => (await parseBpmn(xml)).find((x) => x.processId === processId));
      m.catch(() => this.cache.delete(cacheKey));
      this.cache.set(cacheKey, m);
    }
    return m;
  }
}
