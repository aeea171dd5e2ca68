/**
 * Checks a deployment before either engine sees it: every BPMN model must be lint-clean
 * (src/engine/lint) and parse; every form must be JSON with an id. One problem refuses the
 * whole deployment (EngineInvalid with every problem listed), on both engines alike.
 */
import { createHash } from 'node:crypto';
import { parseBpmn, type ProcessModel } from './model.js';
import { lintBpmn } from './lint/index.js';
import { EngineInvalid, type DeployResource } from './port.js';

export interface CheckedResources {
  models: { res: DeployResource; models: ProcessModel[] }[];
  forms: { res: DeployResource; id: string; schema: unknown }[];
}

export const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** Lints and parses the resources; throws EngineInvalid listing every problem. */
export async function checkResources(resources: DeployResource[]): Promise<CheckedResources> {
  const problems: string[] = [];
  const out: CheckedResources = { models: [], forms: [] };
  for (const res of resources) {
    if (res.name.endsWith('.form')) {
      try {
        const schema = JSON.parse(res.content);
        if (typeof schema?.id !== 'string') throw new Error('the form has no id');
        out.forms.push({ res, id: schema.id, schema });
      } catch (e) {
        // JSON.parse quotes the text it stopped at: name the position, never the content
        const at = /position (\d+)/.exec((e as Error).message)?.[1];
        problems.push(`${res.name}: ${e instanceof SyntaxError ? `the form is not valid JSON${at ? ` (at character ${at})` : ''}` : (e as Error).message}`);
      }
      continue;
    }
    const lint = await lintBpmn(res.content);
    const errors = lint.filter((p) => p.category === 'error');
    if (errors.length) {
      problems.push(...errors.map((p) => `${res.name}: ${p.elementId ? `${p.elementId}: ` : ''}${p.message} (${p.rule})`));
      continue;
    }
    try {
      out.models.push({ res, models: await parseBpmn(res.content) });
    } catch (e) {
      problems.push(`${res.name}: ${(e as Error).message}`);
    }
  }
  if (problems.length) throw new EngineInvalid(`the deployment was refused: ${problems.join('; ')}`, problems);
  return out;
}
