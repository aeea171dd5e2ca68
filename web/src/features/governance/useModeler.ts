/**
 * The Camunda 8 modeler of camunda-bpmn-js (properties panel with the Zeebe extensions our engine
 * runs, Swedish translate module, our own entries: panelEntries.ts) mounted on two elements.
 * For the browser journeys only, the instance is put on `window.__kvhModeler` when the page was
 * opened with `localStorage['kvh-test-hooks'] === '1'` (test/browser/governance.e2e.ts sets it),
 * so a journey can add an element through bpmn-js's modeling API where dragging is impractical.
 */
import Modeler from 'camunda-bpmn-js/lib/camunda-cloud/Modeler';
import 'camunda-bpmn-js/dist/assets/camunda-cloud-modeler.css';
import { useEffect, useRef, useState } from 'react';
import { translateModule } from '../../i18n/bpmn.js';
import { kvhPropertiesModule, type ModelerLinks } from './modeler/panelEntries.js';

type EventBus = { on(e: string, f: () => void): void };
type Selection = { select(el: unknown): void };
type Registry = { get(id: string): unknown };
type Canvas = { zoom(v: string): void; scrollToElement(el: unknown): void };

/** The modeler on `canvas` and `panel`, with `xml` imported; `onChange` after every edit. */
export function useModeler(xml: string | undefined, links: ModelerLinks | undefined, onChange: () => void) {
  const canvas = useRef<HTMLDivElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const modeler = useRef<Modeler | null>(null);
  const [error, setError] = useState<string>();
  const [ready, setReady] = useState(false);
  const change = useRef(onChange);
  change.current = onChange;

  useEffect(() => {
    if (xml === undefined || !links || !canvas.current || !panel.current) return;
    const m = new Modeler({
      container: canvas.current,
      propertiesPanel: { parent: panel.current },
      additionalModules: [translateModule, kvhPropertiesModule(links)],
      // no element templates in this product: the chooser would only offer an empty list
      elementTemplateChooser: false,
    } as ConstructorParameters<typeof Modeler>[0]);
    modeler.current = m;
    if (localStorage.getItem('kvh-test-hooks') === '1') (window as unknown as { __kvhModeler?: Modeler }).__kvhModeler = m;
    m.get<EventBus>('eventBus').on('commandStack.changed', () => change.current());
    m.importXML(xml)
      .then(() => {
        m.get<Canvas>('canvas').zoom('fit-viewport');
        setReady(true);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    return () => {
      m.destroy();
      modeler.current = null;
      setReady(false);
    };
  }, [xml, links]);

  /** The model as it is now. */
  const save = async () => (await modeler.current!.saveXML({ format: true })).xml ?? '';
  /** Selects an element (a lint problem's). */
  const focus = (id: string) => {
    const m = modeler.current;
    const el = m?.get<Registry>('elementRegistry').get(id);
    if (!m || !el) return;
    m.get<Selection>('selection').select(el);
    m.get<Canvas>('canvas').scrollToElement(el);
  };
  return { canvas, panel, ready, error, save, focus };
}
