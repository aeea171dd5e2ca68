/**
 * A BPMN diagram (bpmn-js navigated viewer, Swedish translate module) with markers on elements,
 * overlays (HTML badges) and clicks on elements. The diagram is a labelled group (its canvas is
 * focusable, to pan by keyboard); every page that uses it also lists what it shows as text.
 */
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import { useEffect, useRef } from 'react';
import { translateModule } from '../i18n/bpmn.js';

export interface Overlay {
  elementId: string;
  html: string;
  position?: { top?: number; bottom?: number; left?: number; right?: number };
}

interface Props {
  xml: string;
  label: string;
  markers?: Record<string, string[]>;
  overlays?: Overlay[];
  onSelect?: (elementId: string) => void;
  height?: number;
}

type Canvas = { zoom(v: string): void; addMarker(id: string, cls: string): void; removeMarker(id: string, cls: string): void };
type Overlays = { add(id: string, type: string, o: object): string; remove(f: { type: string }): void };
type Registry = { get(id: string): unknown };

export function Diagram({ xml, label, markers = {}, overlays = [], onSelect, height = 480 }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const viewer = useRef<NavigatedViewer | null>(null);
  const ready = useRef<Promise<void> | null>(null);
  const applied = useRef<Record<string, string[]>>({});
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    const v = new NavigatedViewer({ container: box.current!, additionalModules: [translateModule] });
    viewer.current = v;
    v.get<{ on(e: string, f: (e: { element: { id: string; type: string } }) => void): void }>('eventBus').on('element.click', (e) => {
      if (!/Process|Collaboration|SequenceFlow|Label/.test(e.element.type)) select.current?.(e.element.id);
    });
    ready.current = v.importXML(xml).then(() => {
      v.get<Canvas>('canvas').zoom('fit-viewport');
    });
    applied.current = {};
    return () => {
      v.destroy();
      viewer.current = null;
    };
  }, [xml]);

  useEffect(() => {
    void ready.current?.then(() => {
      const v = viewer.current;
      if (!v) return;
      const canvas = v.get<Canvas>('canvas');
      const registry = v.get<Registry>('elementRegistry');
      for (const [id, classes] of Object.entries(applied.current)) for (const c of classes) canvas.removeMarker(id, c);
      // only ids the diagram has: removeMarker throws on an unknown one, which stopped every later update
      const known = Object.entries(markers).filter(([id]) => registry.get(id));
      for (const [id, classes] of known) for (const c of classes) canvas.addMarker(id, c);
      applied.current = Object.fromEntries(known);
      const ov = v.get<Overlays>('overlays');
      ov.remove({ type: 'kvh' });
      for (const o of overlays) if (registry.get(o.elementId)) ov.add(o.elementId, 'kvh', { position: o.position ?? { bottom: 8, right: 12 }, html: o.html });
    });
  }, [xml, markers, overlays]);

  return <div className="diagram" ref={box} role="group" aria-roledescription="diagram" aria-label={label} style={{ height }} />;
}
